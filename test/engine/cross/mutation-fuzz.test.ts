import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EngineDiagnostic } from '../../../server/src/engine/index';
import { seededRandom } from '../support';
import { assertAsFresh, repositoryFile, uriOf, workspaceOf } from './support';

/**
 * The engine must survive any text a user can type: configurations mutated at random, one
 * edit after another, as in an editor, must never make a rule fail, must give diagnostics
 * inside the text, and must report what a workspace reading the same texts afresh reports.
 */

/** The files mutated, with the files of the same deployments beside them. */
const FILES: Record<string, string> = {
  'compose/docker-compose.yml': repositoryFile('examples/compose/docker-compose.yml'),
  'compose/docker-compose.override.yml': repositoryFile(
    'test/protocol/fixtures/compose-override-https.yml',
  ),
  'keystore/docker-compose.yml': repositoryFile('test/protocol/fixtures/compose-keystore.yml'),
  'kubernetes/kestra-ssl.yaml': repositoryFile('examples/kubernetes/kestra-ssl.yaml'),
  'kubernetes/deployment.yaml': repositoryFile('test/protocol/fixtures/kestra-deployment.yaml'),
  'kubernetes/service.yaml': repositoryFile('test/protocol/fixtures/kestra-service.yaml'),
  'kubernetes/ingress.yaml': repositoryFile('test/protocol/fixtures/kestra-ingress-tls.yaml'),
  'helm/values.yaml': `configuration:
  micronaut:
    server:
      ssl:
        enabled: true
        port: 8443
        key-store:
          path: file:/app/ssl/keystore.p12
          password: \${KEYSTORE_PASSWORD}
common:
  jvm:
    extraOpts: "-Djavax.net.ssl.trustStore=/app/ssl/truststore.jks"
`,
  'config/application.yml': `micronaut:
  server:
    port: 8080
    ssl:
      enabled: false
      client-authentication: need
kestra:
  url: http://localhost:8080/
  server:
    basic-auth:
      password: changeit
`,
};

/** What a user may type or paste: YAML's indicators, and what breaks indentation. */
const INSERTS = [
  ':',
  ': ',
  '- ',
  '-',
  '"',
  "'",
  '|',
  '>-',
  '&a ',
  '*a',
  '<<: *a\n',
  '{',
  '}',
  '[',
  ']',
  ',',
  '\t',
  '\n',
  '\n  ',
  '  ',
  '#',
  '---\n',
  '? ',
  '!!binary ',
  '${',
  '\\',
  '8443',
  'file:',
  'classpath:',
  'ssl:\n  enabled: true\n',
  '\r\n',
  '\u00e9',
  '\ud83d\ude00',
];

/** One random edit of `text`: an insertion, a deletion, or a line moved, copied or shifted. */
function mutate(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const lines = text.split('\n');
  const line = Math.floor(next() * lines.length);
  switch (Math.floor(next() * 6)) {
    case 0:
    case 1:
      return text.slice(0, at) + INSERTS[Math.floor(next() * INSERTS.length)] + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 4));
    case 3:
      lines.splice(line, 0, lines[line] ?? '');
      return lines.join('\n');
    case 4:
      lines.splice(line, 1);
      return lines.join('\n');
    default:
      lines[line] = next() < 0.5 ? `  ${lines[line]}` : (lines[line] ?? '').replace(/^ {1,2}/, '');
      return lines.join('\n');
  }
}

function assertInside(text: string, diagnostic: EngineDiagnostic, where: string): void {
  // LSP counts a lone carriage return as a line break, as YAML does.
  const lines = text.split(/\r\n|\r|\n/);
  const { start, end } = diagnostic.range;
  const inside = (position: { line: number; character: number }) =>
    position.line >= 0 &&
    position.line < lines.length &&
    position.character >= 0 &&
    position.character <= (lines[position.line] ?? '').length;
  assert.ok(inside(start) && inside(end), `${where}: ${diagnostic.code} outside the text`);
  assert.ok(
    start.line < end.line || (start.line === end.line && start.character <= end.character),
    `${where}: ${diagnostic.code} ends before it starts`,
  );
}

describe('configurations mutated at random, edit after edit', () => {
  for (const relative of Object.keys(FILES)) {
    test(relative, () => {
      const files = { ...FILES };
      const workspace = workspaceOf(files);
      const next = seededRandom(relative.length * 7919 + 17);
      let mutants = 0;
      let findings = 0;
      for (let edit = 1; edit <= 120; edit++) {
        const text = mutate(files[relative] ?? '', next);
        files[relative] = text;
        workspace.setFile(uriOf(relative), text);
        const where = `${relative} after edit ${edit}`;
        for (const other of Object.keys(files)) {
          const diagnostics = workspace.diagnose(uriOf(other));
          findings += diagnostics.length;
          for (const diagnostic of diagnostics) {
            assertInside(files[other] ?? '', diagnostic, `${where}, in ${other}`);
          }
          assert.deepEqual(workspace.failures(uriOf(other)), [], `${where}, in ${other}`);
        }
        // Hover and completion answer anywhere, also in text that does not parse.
        for (let probe = 0; probe < 3; probe++) {
          const offset = Math.floor(next() * (text.length + 1));
          const property = workspace.propertyAt(uriOf(relative), offset);
          const completions = workspace.completionsAt(uriOf(relative), text, offset);
          for (const span of [property?.span, completions?.replace]) {
            assert.ok(
              span === undefined ||
                (0 <= span.start && span.start <= span.end && span.end <= text.length),
              `${where}: a span outside the text at ${offset}`,
            );
          }
        }
        if (edit % 10 === 0) {
          assertAsFresh(workspace, files);
        }
        mutants++;
      }
      assert.equal(mutants, 120);
      assert.ok(findings > 0, 'the mutants gave findings to check');
    });
  }
});
