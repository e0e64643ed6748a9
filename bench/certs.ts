import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { buildCertificateSet, generateRsaKeyPair } from '../server/src/certs/certificate-set';
import { resolveOptions } from '../server/src/certs/options';
import { writeCertificateSet } from '../server/src/certs/write-set';

const PASSWORD = 'changeit';
const KEY_SIZE = 4096;

/**
 * Times the generator on full RSA-4096 sets against Kestra's own openssl and keytool
 * recipe on the same machine, and measures the longest stretch the generator holds the
 * event loop. Returns printable lines.
 */
export async function benchCerts(runs: number): Promise<string[]> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'kestra-tls-bench-certs-'));
  try {
    // One untimed set loads node-forge and warms the JIT, as a long-lived server would be.
    await generateAndWrite(path.join(root, 'warm-up'), 2048);

    const full: number[] = [];
    const withoutKeygen: number[] = [];
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    for (let run = 0; run < runs; run++) {
      const timing = await generateAndWrite(path.join(root, `set-${run}`), KEY_SIZE);
      full.push(timing.full);
      withoutKeygen.push(timing.withoutKeygen);
    }
    histogram.disable();
    const longestBlock = histogram.max / 1e6;
    const p99Block = histogram.percentile(99) / 1e6;

    const lines = [
      `certs: full RSA-${KEY_SIZE} set (keys, certificates, stores, files), ` +
        `median of ${runs}: ${ms(median(full))}`,
      `certs: everything but key generation, median of ${runs}: ${ms(median(withoutKeygen))} ` +
        '(goal <= 50 ms)',
      `certs: longest event-loop delay during the runs: ${ms(longestBlock)} (goal <= 20 ms; ` +
        `p99 ${ms(p99Block)})`,
    ];
    lines.push(...(await benchGuideRecipe(root, runs, median(full))));
    return lines;
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

async function generateAndWrite(folder: string, keySize: number) {
  const start = performance.now();
  const options = resolveOptions({ password: PASSWORD, keySize });
  const [caKeys, serverKeys] = await Promise.all([
    generateRsaKeyPair(keySize),
    generateRsaKeyPair(keySize),
  ]);
  const keysReady = performance.now();
  const set = await buildCertificateSet(options, caKeys, serverKeys);
  await writeCertificateSet(set, folder);
  const end = performance.now();
  return { full: end - start, withoutKeygen: end - keysReady };
}

/** The seven steps of Kestra's SSL guide, run as the guide writes them. */
async function benchGuideRecipe(root: string, runs: number, ours: number): Promise<string[]> {
  const missing = await missingTools(['openssl', 'keytool']);
  if (missing.length > 0) {
    return [
      `certs: guide's openssl+keytool recipe skipped: ${missing.join(' and ')} not found ` +
        '(Debian packages openssl and default-jdk-headless)',
    ];
  }
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const folder = path.join(root, `recipe-${run}`);
    await fs.mkdir(folder);
    const start = performance.now();
    await runGuideRecipe(folder);
    times.push(performance.now() - start);
  }
  const recipe = median(times);
  return [
    `certs: guide's openssl+keytool recipe (RSA-4096), median of ${runs}: ${ms(recipe)}; ` +
      `the generator takes ${(ours / recipe).toFixed(2)} of it (goal <= 0.50)`,
  ];
}

async function runGuideRecipe(cwd: string): Promise<void> {
  const subject = '/CN=example.kestra.com/C=IE/O=kestra';
  const pass = 'pass:changeit';
  await run(cwd, 'openssl', [
    ...['req', '-x509', '-sha256', '-days', '365', '-newkey', 'rsa:4096'],
    ...['-keyout', 'cacert.key', '-out', 'cacert.pem', '-subj', subject, '-passout', pass],
  ]);
  await run(cwd, 'openssl', [
    ...['req', '-newkey', 'rsa:4096', '-keyout', 'server.key', '-out', 'server.csr'],
    ...['-subj', subject, '-passout', pass],
  ]);
  // The guide writes this file with a shell here-string.
  await fs.writeFile(
    path.join(cwd, 'server.conf'),
    'authorityKeyIdentifier=keyid,issuer\nbasicConstraints=CA:FALSE\n' +
      'subjectAltName = @alt_names\n[alt_names]\nDNS.1 = localhost\n',
  );
  await run(cwd, 'openssl', [
    ...['x509', '-req', '-CA', 'cacert.pem', '-CAkey', 'cacert.key', '-in', 'server.csr'],
    ...['-out', 'server.pem', '-days', '365', '-CAcreateserial', '-extfile', 'server.conf'],
    ...['-passin', pass],
  ]);
  await run(cwd, 'openssl', [
    ...['pkcs12', '-export', '-out', 'server.p12', '-name', 'localhost'],
    ...['-inkey', 'server.key', '-in', 'server.pem', '-passin', pass, '-passout', pass],
  ]);
  await run(cwd, 'keytool', [
    ...['-importkeystore', '-srckeystore', 'server.p12', '-srcstoretype', 'pkcs12'],
    ...['-destkeystore', 'keystore.p12', '-deststoretype', 'pkcs12'],
    ...['-deststorepass', 'changeit', '-srcstorepass', 'changeit'],
  ]);
  await run(cwd, 'keytool', [
    ...['-import', '-trustcacerts', '-noprompt', '-alias', 'ca'],
    ...['-ext', 'san=dns:localhost,ip:127.0.0.1', '-file', 'cacert.pem'],
    ...['-keystore', 'truststore.jks', '-storepass', 'changeit', '-keypass', 'changeit'],
  ]);
}

function run(cwd: string, tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(tool, args, { cwd }, (error, _stdout, stderr) =>
      error
        ? reject(new Error(`${tool} ${args[0]} failed: ${stderr || error.message}`))
        : resolve(),
    );
  });
}

async function missingTools(tools: string[]): Promise<string[]> {
  const found = await Promise.all(
    tools.map(
      (tool) =>
        new Promise<boolean>((resolve) => {
          execFile(tool, tool === 'openssl' ? ['version'] : ['-help'], (error) =>
            resolve((error as NodeJS.ErrnoException | null)?.code !== 'ENOENT'),
          );
        }),
    ),
  );
  return tools.filter((_tool, index) => !found[index]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
