import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { misplacedPropertyRule } from '../../server/src/engine/rules/misplaced-property';
import { crlf, diagnose, diagnosticsOf, lines, rangeOf, yaml } from './support';

/** The misplaced-property diagnostics of a file, with only this rule's document checks. */
function findings(text: string) {
  return diagnosticsOf(diagnose(text, [misplacedPropertyRule]), 'misplaced-property');
}

/** A compose file whose Kestra service holds `configuration` in a literal block. */
function compose(configuration: string, header = '|'): string {
  const body = configuration
    .split('\n')
    .map((line) => (line === '' ? '' : `        ${line}`))
    .join('\n');
  const service = lines(
    'services:',
    '  kestra:',
    '    image: kestra/kestra:latest',
    '    ports:',
    '      - "8443:8443"',
    '    environment:',
  );
  return `${service}      KESTRA_CONFIGURATION: ${header}\n${body}\n`;
}

describe('misplaced-property: compose settings inside KESTRA_CONFIGURATION', () => {
  test('ports under kestra:, as Kestra’s SSL guide writes it', () => {
    const text = compose(yaml`
      kestra:
        url: https://kestra.example.com:8443/
        ports:
          - "8443:8443"
    `);
    const diagnostics = findings(text);
    assert.equal(diagnostics.length, 1);
    const [diagnostic] = diagnostics;
    assert.deepEqual(diagnostic?.range, rangeOf(text, 'ports', 2));
    assert.equal(diagnostic?.code, 'misplaced-property');
    assert.equal(diagnostic?.severity, 'warning');
    assert.equal(diagnostic?.source, 'kestra-tls');
    assert.match(diagnostic?.message ?? '', /KESTRA_CONFIGURATION/);
    assert.match(diagnostic?.message ?? '', /no port is published/);
    assert.deepEqual(diagnostic?.data, {
      from: 'kestra.ports',
      to: 'service.ports',
      kind: 'compose-key',
    });
  });

  for (const key of ['volumes', 'image', 'command', 'expose', 'healthcheck', 'depends_on']) {
    test(`${key} at the top of KESTRA_CONFIGURATION`, () => {
      const text = compose(`${key}:\n  - x\nkestra:\n  url: https://k/`);
      const diagnostics = findings(text);
      assert.deepEqual(
        diagnostics.map((diagnostic) => diagnostic.range),
        [rangeOf(text, `${key}:`, key === 'image' ? 2 : 1)].map((range) => ({
          start: range.start,
          end: { line: range.end.line, character: range.end.character - 1 },
        })),
      );
    });
  }

  test('the same mistake in a double-quoted configuration and in a list item', () => {
    const quoted = lines(
      'services:',
      '  kestra:',
      '    image: kestra/kestra',
      '    environment:',
      '      KESTRA_CONFIGURATION: "kestra:\\n  ports:\\n    - 8443:8443\\n"',
    );
    assert.deepEqual(
      findings(quoted).map((diagnostic) => diagnostic.range),
      [rangeOf(quoted, 'ports')],
    );
    const item = lines(
      'services:',
      '  kestra:',
      '    image: kestra/kestra',
      '    environment:',
      '      - |',
      '        KESTRA_CONFIGURATION=kestra:',
      '          ports: ["8443:8443"]',
    );
    assert.deepEqual(
      findings(item).map((diagnostic) => diagnostic.range),
      [rangeOf(item, 'ports')],
    );
  });

  test('clean: ports on the service and kestra.environment, a Kestra setting', () => {
    const text = compose(yaml`
      kestra:
        environment:
          name: Production
          color: "#FCB37C"
        url: https://kestra.example.com/
      micronaut:
        server:
          port: 8443
    `);
    assert.deepEqual(findings(text), []);
  });

  test('in Kubernetes and Helm the advice names where the setting belongs', () => {
    const manifest = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: kestra
      data:
        application.yml: |
          kestra:
            ports:
              - 8443
    `;
    const [inManifest] = findings(manifest);
    assert.deepEqual(inManifest?.range, rangeOf(manifest, 'ports'));
    assert.doesNotMatch(inManifest?.message ?? '', /compose service/);
    assert.equal(inManifest?.data?.kind, 'compose-key');
    assert.equal(inManifest?.data?.to, undefined);
    const values = yaml`
      configurations:
        application:
          kestra:
            ports: [8443]
    `;
    const [inValues] = findings(values);
    assert.deepEqual(inValues?.range, rangeOf(values, 'ports'));
    assert.match(inValues?.message ?? '', /chart/);
  });
});

describe('misplaced-property: keys at the wrong level', () => {
  test('server: beside micronaut: instead of under it', () => {
    const text = yaml`
      micronaut:
        security:
          x509:
            enabled: false
      server:
        ssl:
          enabled: true
          port: 8443
    `;
    const diagnostics = findings(text);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.range, diagnostic.data]),
      [[rangeOf(text, 'server'), { from: 'server', to: 'micronaut.server', kind: 'move' }]],
    );
    assert.match(diagnostics[0]?.message ?? '', /micronaut\.server/);
  });

  test('datasources: under kestra:', () => {
    const text = yaml`
      kestra:
        datasources:
          postgres:
            url: jdbc:postgresql://postgres:5432/kestra
    `;
    const diagnostics = findings(text);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.range, diagnostic.data]),
      [
        [
          rangeOf(text, 'datasources'),
          { from: 'kestra.datasources', to: 'datasources', kind: 'move' },
        ],
      ],
    );
  });

  test('key-store directly under micronaut.server, and basic-auth directly under kestra', () => {
    const text = yaml`
      micronaut:
        server:
          keyStore:
            path: file:/app/ssl/server.p12
      kestra:
        basicAuth:
          enabled: true
    `;
    assert.deepEqual(
      findings(text).map((diagnostic) => [diagnostic.range, diagnostic.data?.to]),
      [
        [rangeOf(text, 'keyStore'), 'micronaut.server.ssl.key-store'],
        [rangeOf(text, 'basicAuth'), 'kestra.server.basic-auth'],
      ],
    );
  });

  test('a dotted key is read as its path', () => {
    const text =
      'kestra.datasources.postgres.url: jdbc:postgresql://db/kestra\nkestra:\n  url: x\n';
    const [diagnostic] = findings(text);
    assert.equal(diagnostic?.data?.from, 'kestra.datasources');
    assert.deepEqual(diagnostic?.range, rangeOf(text, 'kestra.datasources.postgres.url'));
  });

  test('a dotted key deeper than any misplaced path is found by its leading segments', () => {
    const text = 'micronaut.server.key-store.path: file:/app/ssl/server.p12\nkestra:\n  url: x\n';
    const [diagnostic] = findings(text);
    assert.equal(diagnostic?.data?.from, 'micronaut.server.key-store');
    assert.equal(diagnostic?.data?.to, 'micronaut.server.ssl.key-store');
    assert.deepEqual(
      findings(
        'micronaut:\n  server:\n    ssl:\n      key-store:\n        path: x\nkestra:\n  url: x\n',
      ),
      [],
    );
  });

  test('clean: the same settings at their places', () => {
    const text = yaml`
      micronaut:
        server:
          ssl:
            enabled: true
            key-store:
              path: file:/app/ssl/server.p12
      datasources:
        postgres:
          url: jdbc:postgresql://postgres:5432/kestra
      kestra:
        server:
          basic-auth:
            enabled: true
    `;
    assert.deepEqual(findings(text), []);
  });
});

describe('misplaced-property: positions', () => {
  test('an astral character before the key on its line counts two UTF-16 columns', () => {
    const text = compose('kestra: {url: "😀", ports: [8443]}');
    const [diagnostic] = findings(text);
    assert.deepEqual(diagnostic?.range, rangeOf(text, 'ports', 2));
    assert.equal(diagnostic?.range.start.character, text.split('\n')[7]?.indexOf('ports'));
  });

  for (const header of ['|', '|-', '|+', '>', '|2']) {
    test(`CRLF file, block header ${header}`, () => {
      const text = crlf(compose('# 😀 comment\nkestra:\n  ports:\n    - 8443', header));
      const diagnostics = findings(text);
      assert.deepEqual(
        diagnostics.map((diagnostic) => diagnostic.range),
        [rangeOf(text, 'ports', 2)],
      );
    });
  }

  test('deeper indentation of the block', () => {
    const text = lines(
      'services:',
      '  kestra:',
      '    image: kestra/kestra',
      '    environment:',
      '      KESTRA_CONFIGURATION: |',
      '                  kestra:',
      '                    ports: [1]',
    );
    assert.deepEqual(
      findings(text).map((diagnostic) => diagnostic.range),
      [rangeOf(text, 'ports')],
    );
  });
});
