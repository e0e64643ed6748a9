import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../server/src/stores/open';
import { checkStoreFormat, checkStorePassword } from '../../server/src/stores/store-checks';
import type { StoreReport } from '../../server/src/stores/types';
import { makeCa, makeWorkspace, run, type Workspace } from './support';

/**
 * Loads each file with KeyStore.getInstance(type).load(stream, password), as Micronaut does,
 * and prints one tab-separated line a case: file, type, password case, then OK and the
 * entries (alias:key or alias:cert) or ERR and the message.
 */
const LOAD_STORES_JAVA = `
import java.io.FileInputStream;
import java.security.KeyStore;
import java.util.Collections;

public class LoadStores {
  public static void main(String[] args) throws Exception {
    String password = args[0];
    for (int i = 1; i < args.length; i++) {
      for (String type : new String[] {"JKS", "PKCS12", "JCEKS"}) {
        for (String which : new String[] {"right", "wrong", "null"}) {
          char[] pass = which.equals("right") ? password.toCharArray()
              : which.equals("wrong") ? "not-the-password".toCharArray() : null;
          StringBuilder line = new StringBuilder(args[i] + "\\t" + type + "\\t" + which + "\\t");
          try (FileInputStream in = new FileInputStream(args[i])) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, pass);
            line.append("OK");
            for (String alias : Collections.list(store.aliases())) {
              line.append("\\t").append(alias).append(store.isKeyEntry(alias) ? ":key" : ":cert");
            }
          } catch (Exception e) {
            line.append("ERR\\t").append(e.getMessage());
          }
          System.out.println(line);
        }
      }
    }
  }
}
`;

const PASSWORD = 'changeit';

/** What our checks say Java does with a file, in the shape the Java program prints. */
function ourVerdict(report: StoreReport, type: string): string {
  const findings = [
    ...checkStoreFormat(report, { role: 'keystore', declaredType: type }),
    ...checkStorePassword(report, { role: 'keystore', declaredType: type }),
  ];
  // Key passwords are checked when the key is read, not when the store is loaded.
  const refused = findings.some(
    (finding) => finding.severity === 'error' && finding.data?.alias === undefined,
  );
  if (refused) {
    return 'ERR';
  }
  const entries = report.entries.flatMap((entry) => {
    if (entry.kind === 'certificate-only') {
      return [];
    }
    const kind = entry.kind === 'trusted-certificate' ? 'cert' : 'key';
    return [`${entry.alias.toLowerCase()}:${kind}`];
  });
  return ['OK', ...entries.sort()].join(' ');
}

describe('agreement with Java KeyStore.load', () => {
  let workspace: Workspace;
  let javaLines: string[] = [];
  const files = [
    'trust.jks',
    'trust-default.jks',
    'trust.jceks',
    'key.jks',
    'modern.p12',
    'legacy.p12',
    'certonly.p12',
    'nomac.p12',
    'plainkey.p12',
    'ca.crt',
    'ca.der',
  ];

  before(() => {
    workspace = makeWorkspace();
    const dir = workspace.dir;
    makeCa(dir, '/CN=Agreement CA');
    run('openssl', ['x509', '-in', 'ca.crt', '-outform', 'DER', '-out', 'ca.der'], dir);
    const bundle = ['-inkey', 'ca.key', '-in', 'ca.crt', '-passout', `pass:${PASSWORD}`];
    run('openssl', ['pkcs12', '-export', ...bundle, '-out', 'modern.p12'], dir);
    run('openssl', ['pkcs12', '-export', '-legacy', ...bundle, '-out', 'legacy.p12'], dir);
    run('openssl', ['pkcs12', '-export', '-nomac', ...bundle, '-out', 'nomac.p12'], dir);
    run(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-keypbe',
        'NONE',
        '-certpbe',
        'NONE',
        ...bundle,
        '-out',
        'plainkey.p12',
      ],
      dir,
    );
    run(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-nokeys',
        '-in',
        'ca.crt',
        '-out',
        'certonly.p12',
        '-passout',
        `pass:${PASSWORD}`,
      ],
      dir,
    );
    const store = (file: string, type?: string) => [
      '-keystore',
      file,
      ...(type === undefined ? [] : ['-storetype', type]),
      '-storepass',
      PASSWORD,
      '-noprompt',
    ];
    run(
      'keytool',
      ['-importcert', '-alias', 'ca', '-file', 'ca.crt', ...store('trust.jks', 'JKS')],
      dir,
    );
    run(
      'keytool',
      ['-importcert', '-alias', 'ca', '-file', 'ca.crt', ...store('trust-default.jks')],
      dir,
    );
    run(
      'keytool',
      ['-importcert', '-alias', 'ca', '-file', 'ca.crt', ...store('trust.jceks', 'JCEKS')],
      dir,
    );
    run(
      'keytool',
      [
        '-genkeypair',
        '-alias',
        'server',
        '-keyalg',
        'RSA',
        '-dname',
        'CN=server',
        ...store('key.jks', 'JKS'),
      ],
      dir,
    );
    writeFileSync(join(dir, 'LoadStores.java'), LOAD_STORES_JAVA);
    javaLines = run('java', ['LoadStores.java', PASSWORD, ...files], dir)
      .trim()
      .split('\n');
  });

  after(() => workspace.remove());

  it('loads or refuses each file, type and password exactly as Java does', () => {
    assert.equal(javaLines.length, files.length * 9);
    const disagreements: string[] = [];
    for (const line of javaLines) {
      const [file, type, which, outcome, ...rest] = line.split('\t');
      assert.ok(file !== undefined && type !== undefined && which !== undefined);
      const password =
        which === 'right' ? PASSWORD : which === 'wrong' ? 'not-the-password' : undefined;
      const report = openStore(workspace.read(file), { store: password });
      const java = outcome === 'OK' ? ['OK', ...rest.sort()].join(' ') : 'ERR';
      const ours = ourVerdict(report, type);
      if (java !== ours) {
        disagreements.push(`${file} as ${type}, ${which} password: Java ${java}, we ${ours}`);
      }
    }
    assert.deepEqual(disagreements, []);
  });
});
