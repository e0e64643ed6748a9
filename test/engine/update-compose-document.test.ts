import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isNode, visit } from 'yaml';
import { Workspace } from '../../server/src/engine/index';
import type { DocumentModel } from '../../server/src/engine/model/document';
import { crlf, seededRandom, URI, yaml } from './support';

const COMPOSE = yaml`
  # Kestra over HTTPS, with a database beside it.
  services:
    postgres:
      image: postgres:16
      environment:
        POSTGRES_PASSWORD: changeit
    kestra:
      image: kestra/kestra:latest
      command: server standalone
      ports:
        - "8443:8443"
        - "8080:8080"
      volumes:
        - ./ssl:/app/ssl:ro
      environment:
        JAVA_OPTS: "-Djavax.net.ssl.trustStore=/app/ssl/truststore.jks"
        KESTRA_CONFIGURATION: |
          micronaut:
            server:
              ssl:
                enabled: true
                port: 8443
                key-store:
                  path: file:/app/ssl/keystore.p12
                  password: changeit
                  type: PKCS12
          kestra:
            url: http://localhost:8443/
            ports: [8443]

    worker:
      image: kestra/kestra:latest
      command: server worker
      environment:
        - MICRONAUT_SERVER_PORT=8081
        - KESTRA_CONFIGURATION=micronaut.server.ssl.enabled=true
    executor:
      image: kestra/kestra:latest
      command: ["server", "executor"]
      environment:
        KESTRA_CONFIGURATION: "kestra: {url: 'https://localhost:8443/', keystore: x}"
  volumes:
    pgdata: {}
`;

function modelOf(workspace: Workspace): DocumentModel {
  const model = workspace.file(URI)?.documents[0]?.model;
  assert.ok(model);
  return model;
}

/** The model of `text` parsed from scratch. */
function freshModel(text: string): DocumentModel {
  const workspace = new Workspace();
  workspace.setFile(URI, text);
  return modelOf(workspace);
}

/**
 * What a model says, without object identities: every YAML node's range and value, the
 * syntax errors, and the workloads with their spans (YAML nodes written as their range).
 */
function summary(model: DocumentModel): unknown {
  const nodes: unknown[] = [];
  visit(model.yaml, {
    Node(_key, node) {
      nodes.push([node.range, 'value' in node ? node.value : null]);
    },
  });
  const workloads = JSON.stringify(model.workloads, (key, value: unknown) => {
    if (isNode(value)) {
      return value.range;
    }
    if (value instanceof Map) {
      return [...value.entries()];
    }
    return key === 'map' ? undefined : value;
  });
  return { kind: model.kind, errors: model.syntaxErrors, nodes, workloads };
}

const INSERTS = [
  '1',
  'a',
  ' ',
  '\n',
  '\n      ',
  '\n  x:\n',
  ':',
  '- ',
  '"',
  "'",
  '#',
  '&a ',
  '*a',
];
INSERTS.push('|', '{', '\t', '\n    ', '\n---\n', 'kestra');

describe('compose documents edited inside one service', () => {
  test('keep the workloads of the other services and read the edited one again', () => {
    const workspace = new Workspace();
    workspace.setFile(URI, COMPOSE);
    const before = modelOf(workspace);
    const [kestra, worker, executor] = before.workloads;
    const edited = COMPOSE.replace('port: 8443', 'port: 8444');
    assert.notEqual(edited, COMPOSE);

    workspace.setFile(URI, edited);

    const after = modelOf(workspace);
    assert.equal(after.yaml, before.yaml, 'the document was updated, not parsed again');
    assert.notEqual(after.workloads[0], kestra);
    assert.equal(after.workloads[1], worker);
    assert.equal(after.workloads[2], executor);
    assert.deepEqual(summary(after), summary(freshModel(edited)));
  });

  test('move the services after an edit that changes the length', () => {
    const workspace = new Workspace();
    workspace.setFile(URI, COMPOSE);
    const before = modelOf(workspace);
    const edited = COMPOSE.replace('port: 8443', 'port: 18443');

    workspace.setFile(URI, edited);

    const after = modelOf(workspace);
    assert.equal(after.yaml, before.yaml);
    assert.equal(
      after.workloads[1]?.nameSpan.start,
      (before.workloads[1]?.nameSpan.start ?? 0) + 1,
    );
    assert.deepEqual(summary(after), summary(freshModel(edited)));
  });

  test('parse the whole document again when an edit adds a service or an alias', () => {
    for (const edited of [
      COMPOSE.replace('  worker:\n', '  other:\n    image: busybox\n  worker:\n'),
      COMPOSE.replace('image: postgres:16', 'image: &image postgres:16'),
      COMPOSE.replace('    image: kestra/kestra:latest\n    command: server worker', '  image: x'),
    ]) {
      const workspace = new Workspace();
      workspace.setFile(URI, COMPOSE);
      const before = modelOf(workspace);
      workspace.setFile(URI, edited);
      assert.notEqual(modelOf(workspace).yaml, before.yaml);
      assert.deepEqual(summary(modelOf(workspace)), summary(freshModel(edited)));
    }
  });

  for (const [name, start] of [
    ['LF', COMPOSE],
    ['CRLF', crlf(COMPOSE)],
  ] as const) {
    test(`give what a full parse gives, after any sequence of edits (${name})`, () => {
      const next = seededRandom(name.length * 7919);
      const workspace = new Workspace();
      let text = start;
      workspace.setFile(URI, text);
      let updated = 0;
      for (let step = 0; step < 400; step++) {
        const at = Math.floor(next() * text.length);
        const remove = next() < 0.3 ? 1 + Math.floor(next() * 3) : 0;
        const insert = next() < 0.8 ? (INSERTS[Math.floor(next() * INSERTS.length)] ?? '') : '';
        const previous = modelOf(workspace).yaml;
        text = text.slice(0, at) + insert + text.slice(at + remove);
        // Now and then start over, so that broken texts do not take over the sequence.
        if (step % 40 === 39) {
          text = start;
        }
        workspace.setFile(URI, text);
        const fresh = new Workspace();
        fresh.setFile(URI, text);
        const message = `after edit ${step} at ${at}: ${JSON.stringify(insert)} -${remove}`;
        assert.deepEqual(workspace.diagnose(URI), fresh.diagnose(URI), message);
        if (
          workspace.file(URI)?.documents.length === 1 &&
          fresh.file(URI)?.documents.length === 1
        ) {
          assert.deepEqual(summary(modelOf(workspace)), summary(modelOf(fresh)), message);
        }
        updated += modelOf(workspace).yaml === previous ? 1 : 0;
      }
      // The sequence must exercise the update, not only the full parse it falls back to.
      assert.ok(updated > 100, `only ${updated} of 400 edits updated the document in place`);
    });
  }
});
