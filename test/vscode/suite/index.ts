/// <reference types="mocha" />
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/**
 * Marks the lines the tests print. VS Code hands them to the harness mixed with the
 * workbench's own log, and the harness shows only the marked ones.
 */
const LINE_MARK = '[kestra-tls-test] ';

function print(...args: unknown[]): void {
  for (const line of format(...args).split('\n')) {
    console.log(LINE_MARK + line);
  }
}

/**
 * Entry point VS Code calls in the extension host when the tests run: runs every
 * `*.test.js` beside this file with mocha and ends with the `N passed, M failed` line the
 * harness and CI read. Rejects when any test or hook failed, which makes the run exit non-zero.
 */
export function run(): Promise<void> {
  // The extension host passes console arguments on unformatted; format them here.
  Mocha.reporters.Base.consoleLog = print;
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    // A skipped or focused test would make a green run mean less than it says.
    forbidPending: true,
    forbidOnly: true,
  });
  const testFiles = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const name of testFiles) {
    mocha.addFile(path.join(__dirname, name));
  }

  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const runner = mocha.run(() => {
      print(`${passed} passed, ${failed} failed`);
      if (failed > 0 || passed === 0) {
        reject(new Error(`${failed} of ${passed + failed} tests failed`));
      } else {
        resolve();
      }
    });
    runner.on('pass', () => {
      passed += 1;
    });
    // Also counts failing hooks, whose tests then never run.
    runner.on('fail', () => {
      failed += 1;
    });
  });
}
