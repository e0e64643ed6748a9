import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PropertyDescription } from '../../server/src/engine/index';
import {
  composeWithConfiguration,
  composeWithEnvironment,
  spanText,
  URI,
  workspaceWith,
  yaml,
} from './support';

/** The property at the `occurrence`th place of `needle` in `text`, offset by `into` characters. */
function propertyAt(
  text: string,
  needle: string,
  into = 0,
  occurrence = 1,
): PropertyDescription | undefined {
  let at = -1;
  for (let found = 0; found < occurrence; found++) {
    at = text.indexOf(needle, at + 1);
  }
  assert.ok(at >= 0, `the text has ${needle}`);
  return workspaceWith(text).propertyAt(URI, at + into);
}

const COMPOSE = composeWithConfiguration(
  yaml`
    micronaut:
      server:
        ssl:
          enabled: true
          port: 8443
      ssl:
        port: 8443
    kestra:
      ports:
        - "8443:8443"
  `,
  '      MICRONAUT_SERVER_DUAL_PROTOCOL: "true"\n' +
    '      JAVA_OPTS: "-Dmicronaut.server.ssl.enabled=true"\n',
);

describe('the property at a place of a file', () => {
  test('describes a key inside KESTRA_CONFIGURATION from the schemas', () => {
    const property = propertyAt(COMPOSE, 'port: 8443', 2);

    assert.ok(property);
    assert.equal(property.path, 'micronaut.server.ssl.port');
    assert.equal(spanText(COMPOSE, property.span), 'port');
    assert.equal(property.known, true);
    assert.equal(property.type, 'integer');
    assert.equal(property.default, 8443);
    assert.match(property.description ?? '', /HTTPS server listens/);
    assert.equal(property.deprecated, false);
  });

  test('names the replacement of a deprecated property', () => {
    const property = propertyAt(COMPOSE, 'port: 8443', 0, 2);

    assert.equal(property?.path, 'micronaut.ssl.port');
    assert.equal(property?.deprecated, true);
    assert.equal(property?.replacement, 'micronaut.server.ssl.port');
  });

  test('gives the path of a key the schemas do not know', () => {
    const property = propertyAt(COMPOSE, 'ports:', 1);

    assert.equal(property?.path, 'kestra.ports');
    assert.equal(property?.known, false);
    assert.equal(property?.description, undefined);
  });

  test('reads a dotted key one segment at a time', () => {
    const text = 'micronaut:\n  server.ssl.enabled: true\n';
    const ssl = propertyAt(text, 'ssl', 1);
    const enabled = propertyAt(text, 'enabled', 3);

    assert.equal(ssl?.path, 'micronaut.server.ssl');
    assert.equal(spanText(text, ssl?.span ?? { start: 0, end: 0 }), 'ssl');
    assert.equal(ssl?.type, 'object');
    assert.equal(enabled?.path, 'micronaut.server.ssl.enabled');
    assert.equal(spanText(text, enabled?.span ?? { start: 0, end: 0 }), 'enabled');
    assert.equal(enabled?.type, 'boolean');
  });

  test('describes the property a variable or a -D option sets', () => {
    const variable = propertyAt(COMPOSE, 'MICRONAUT_SERVER_DUAL_PROTOCOL', 5);
    const option = propertyAt(COMPOSE, '-Dmicronaut.server.ssl.enabled', 4);

    assert.equal(variable?.path, 'micronaut.server.dual-protocol');
    assert.equal(
      spanText(COMPOSE, variable?.span ?? { start: 0, end: 0 }),
      'MICRONAUT_SERVER_DUAL_PROTOCOL',
    );
    assert.equal(variable?.type, 'boolean');
    assert.equal(option?.path, 'micronaut.server.ssl.enabled');
  });

  test('finds keys in the later documents of a manifest', () => {
    const manifest = yaml`
      apiVersion: v1
      kind: Service
      metadata:
        name: kestra
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: kestra-config
      data:
        application.yml: |
          micronaut:
            server:
              ssl:
                client-authentication: want
    `;
    const property = propertyAt(manifest, 'client-authentication', 7);

    assert.equal(property?.path, 'micronaut.server.ssl.client-authentication');
    assert.match(property?.allowed ?? '', /NEED or WANT/);
  });

  test('says nothing on a value, or outside any configuration', () => {
    assert.equal(propertyAt(COMPOSE, '8443', 1), undefined);
    assert.equal(propertyAt(COMPOSE, 'image:', 1), undefined);
    assert.equal(propertyAt(composeWithEnvironment('      TZ: UTC\n'), 'TZ'), undefined);
  });
});
