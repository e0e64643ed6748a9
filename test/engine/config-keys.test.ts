// biome-ignore-all lint/suspicious/noTemplateCurlyInString: placeholders are plain strings here.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  canonicalPath,
  canonicalSegment,
  environmentVariablePath,
  hasPlaceholder,
  placeholderDefault,
} from '../../server/src/engine/config/keys';

describe('canonical keys', () => {
  test('camelCase becomes kebab-case; kebab-case stays', () => {
    const cases: [string, string][] = [
      ['keyStore', 'key-store'],
      ['key-store', 'key-store'],
      ['clientAuthentication', 'client-authentication'],
      ['driverClassName', 'driver-class-name'],
      ['basePath', 'base-path'],
      ['x509', 'x509'],
      ['SSLConfig', 'ssl-config'],
      ['http2', 'http2'],
    ];
    for (const [written, canonical] of cases) {
      assert.equal(canonicalSegment(written), canonical, written);
    }
    assert.equal(
      canonicalPath('micronaut.server.ssl.keyStore.path'),
      'micronaut.server.ssl.key-store.path',
    );
  });
});

describe('environment variables by relaxed binding', () => {
  const known = new Set([
    'micronaut.server.ssl.port',
    'micronaut.server.ssl.key-store.path',
    'micronaut.server.ssl.client-authentication',
    'kestra.server.basic-auth.username',
  ]);

  test('an underscore is a dot or a dash, as the known paths decide', () => {
    assert.equal(
      environmentVariablePath('MICRONAUT_SERVER_SSL_PORT', known),
      'micronaut.server.ssl.port',
    );
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

  test('an unknown variable reads every underscore as a dot', () => {
    assert.equal(
      environmentVariablePath('MICRONAUT_SERVER_SSL_PORT', new Set()),
      'micronaut.server.ssl.port',
    );
    assert.equal(environmentVariablePath('KESTRA_DB_USER', known), 'kestra.db.user');
    assert.equal(
      environmentVariablePath('MICRONAUT__SERVER_PORT', new Set()),
      'micronaut.server.port',
    );
  });
});

describe('placeholders', () => {
  test('${NAME} and ${NAME:default}', () => {
    assert.equal(hasPlaceholder('${KESTRA_SSL_PASSWORD}'), true);
    assert.equal(hasPlaceholder('changeit'), false);
    assert.equal(hasPlaceholder(8443), false);
    assert.equal(placeholderDefault('${PASSWORD:changeit}'), 'changeit');
    assert.equal(placeholderDefault(' ${PASSWORD:} '), '');
    assert.equal(placeholderDefault('${PASSWORD}'), undefined);
    assert.equal(placeholderDefault('prefix-${PASSWORD:x}'), undefined);
  });
});
