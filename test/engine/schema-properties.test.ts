import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { environmentVariablePath } from '../../server/src/engine/config/keys';
import {
  childProperties,
  describeProperty,
  knownPropertyPaths,
} from '../../server/src/engine/schema/index';
import { schemaFileProblems } from '../../server/src/engine/schema/schema-compiler';

/** The schemas folder, found from the compiled test (out/test/engine) or the source. */
const SCHEMAS = join(__dirname, '..', '..', '..', 'schemas');

describe('knownPropertyPaths', () => {
  test('lists mappings and leaves of every modelled block, in kebab-case', () => {
    const known = knownPropertyPaths();
    for (const path of [
      'micronaut.server',
      'micronaut.server.ssl',
      'micronaut.server.ssl.key-store.path',
      'micronaut.server.dual-protocol',
      'micronaut.ssl.port',
      'micronaut.http.client.ssl.insecure-trust-all-certificates',
      'micronaut.security.x509.subject-dn-regex',
      'endpoints.all.port',
      'kestra.server.basic-auth.open-urls',
      'kestra.storage.local.base-path',
      'kestra.tasks.tmp-dir.path',
      'datasources.postgres.driver-class-name',
    ]) {
      assert.ok(known.has(path), path);
    }
    assert.ok(!known.has('micronaut.server.ssl.insecure-trust-all-certificates'));
    assert.ok(!known.has('micronaut.server.cors'));
  });

  test('binds environment variables whose words hold dashes', () => {
    const known = knownPropertyPaths();
    assert.equal(
      environmentVariablePath('MICRONAUT_SERVER_SSL_KEY_STORE_PATH', known),
      'micronaut.server.ssl.key-store.path',
    );
    assert.equal(
      environmentVariablePath('MICRONAUT_SERVER_SSL_CLIENT_AUTHENTICATION', known),
      'micronaut.server.ssl.client-authentication',
    );
    assert.equal(
      environmentVariablePath('KESTRA_SERVER_BASIC_AUTH_USERNAME', known),
      'kestra.server.basic-auth.username',
    );
  });
});

describe('describeProperty', () => {
  test('follows the shared SSL block and its deprecation', () => {
    const port = describeProperty(['micronaut', 'ssl', 'port']);
    assert.equal(port?.type, 'integer');
    assert.equal(port?.default, 8443);
    assert.equal(port?.minimum, -1);
    assert.equal(port?.deprecated, true);
    assert.equal(port?.replacement, 'micronaut.server.ssl.port');
    const serverPort = describeProperty(['micronaut', 'server', 'ssl', 'port']);
    assert.equal(serverPort?.deprecated, undefined);
    assert.equal(serverPort?.default, 8443);
  });

  test('tells enums, case and secrets', () => {
    const clientAuthentication = describeProperty([
      'micronaut',
      'server',
      'ssl',
      'client-authentication',
    ]);
    assert.deepEqual(clientAuthentication?.enum, ['NEED', 'WANT']);
    assert.equal(clientAuthentication?.ignoreCase, true);
    assert.equal(describeProperty(['micronaut', 'ssl', 'key-store', 'password'])?.secret, true);
  });

  test('overrides a shared key where its meaning differs', () => {
    assert.equal(
      describeProperty(['micronaut', 'http', 'client', 'ssl', 'enabled'])?.default,
      true,
    );
    assert.equal(describeProperty(['micronaut', 'server', 'ssl', 'enabled'])?.default, false);
  });

  test('knows data sources of any name, and nothing of open blocks', () => {
    assert.match(describeProperty(['datasources', 'reporting', 'url'])?.description ?? '', /JDBC/);
    assert.equal(describeProperty(['micronaut', 'server', 'cors']), undefined);
    assert.equal(describeProperty(['kestra', 'plugins']), undefined);
  });

  test('marks the blocks whose every key is known', () => {
    assert.equal(describeProperty(['micronaut', 'server', 'ssl'])?.closed, true);
    assert.equal(describeProperty(['kestra', 'server', 'basic-auth'])?.closed, true);
    assert.equal(describeProperty(['micronaut', 'server'])?.closed, undefined);
  });
});

describe('childProperties', () => {
  test('lists the keys completion can offer, client SSL with its own extra key', () => {
    const client = childProperties(['micronaut', 'http', 'client', 'ssl']).map((c) => c.name);
    const server = childProperties(['micronaut', 'server', 'ssl']).map((c) => c.name);
    assert.ok(client.includes('insecure-trust-all-certificates'));
    assert.ok(!server.includes('insecure-trust-all-certificates'));
    assert.deepEqual(
      childProperties(['micronaut', 'server', 'ssl', 'key-store']).map((c) => [c.name, c.path]),
      [
        ['path', ['micronaut', 'server', 'ssl', 'key-store', 'path']],
        ['password', ['micronaut', 'server', 'ssl', 'key-store', 'password']],
        ['type', ['micronaut', 'server', 'ssl', 'key-store', 'type']],
        ['provider', ['micronaut', 'server', 'ssl', 'key-store', 'provider']],
      ],
    );
  });

  test('is empty where nothing is modelled', () => {
    assert.deepEqual(childProperties(['kestra', 'plugins']), []);
  });
});

describe('the schemas themselves', () => {
  test('every modelled property has a description for hover', () => {
    for (const path of knownPropertyPaths()) {
      const description = describeProperty(path.split('.'))?.description ?? '';
      assert.ok(description.length > 10, `${path} has a description`);
    }
  });

  test('every boolean and number states its default', () => {
    for (const path of knownPropertyPaths()) {
      const property = describeProperty(path.split('.'));
      if (property?.type === 'boolean' || property?.type === 'integer') {
        assert.notEqual(property.default, undefined, `${path} has a default`);
      }
    }
  });

  test('every file is a valid JSON schema, which the engine does not check when it starts', () => {
    assert.deepEqual(schemaFileProblems(), new Map());
    const broken = new Map([['broken.schema.json', { type: 'text' }]]);
    assert.match(schemaFileProblems(broken).get('broken.schema.json') ?? '', /type/);
  });

  test('each file is named after its $id and declares draft 2020-12', () => {
    const files = readdirSync(SCHEMAS).filter((file) => file.endsWith('.schema.json'));
    assert.ok(files.length >= 7);
    for (const file of files) {
      const schema = JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8'));
      assert.equal(schema.$id, file);
      assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    }
  });
});
