/**
 * Findings about a store as a whole: its format against the declared type (store-format),
 * its passwords (store-password) and what it holds for its role (store-content).
 */
import { formatName, javaLoads, NATIVE_FORMAT, normaliseStoreType } from './format';
import { checkStoreContent } from './store-content';
import type {
  DeclaredStoreType,
  StoreExpectations,
  StoreFinding,
  StoreReport,
  StoreRole,
} from './types';

/** Runs the store-format, store-password and store-content checks. */
export function checkStore(report: StoreReport, expectations: StoreExpectations): StoreFinding[] {
  return [
    ...checkStoreFormat(report, expectations),
    ...checkStorePassword(report, expectations),
    ...checkStoreContent(report, expectations),
  ];
}

const KNOWN_PROVIDER_TYPES = new Set(['BKS', 'BCFKS', 'UBER', 'PKCS11', 'DKS', 'WINDOWS-MY']);

/** The store-format check: does Java's KeyStore of the declared type load these bytes? */
export function checkStoreFormat(
  report: StoreReport,
  expectations: StoreExpectations,
): StoreFinding[] {
  const declared = expectations.declaredType;
  const type = normaliseStoreType(declared);
  const store = expectations.role === 'keystore' ? 'keystore' : 'truststore';
  const shown = declared === undefined ? 'JKS (the default, as no type is set)' : declared;
  if (type === undefined) {
    const known = KNOWN_PROVIDER_TYPES.has((declared ?? '').trim().toUpperCase());
    return [
      {
        code: 'store-format',
        severity: known ? 'warning' : 'error',
        message: known
          ? `Type ${declared} needs a security provider Kestra does not install by default, and ` +
            'its file cannot be checked here. Use PKCS12 unless that provider is on the classpath.'
          : `Java has no keystore type '${declared}': start-up fails with '${declared} not ` +
            `found'. Use PKCS12 or JKS; the file is ${formatName(report.format)}.`,
        data: { declaredType: declared ?? '', actualFormat: report.format },
      },
    ];
  }
  const data = { declaredType: type, actualFormat: report.format, suggestedType: suggest(report) };
  if (report.format === 'pem' || report.format === 'der' || report.format === 'unknown') {
    return [
      {
        code: 'store-format',
        severity: 'error',
        message:
          `Java will refuse the ${store} at start-up ('Invalid keystore format'). ` +
          `${report.error?.message ?? `The file is ${formatName(report.format)}.`} ` +
          conversionHint(report, expectations.role),
        data,
      },
    ];
  }
  if (report.error?.kind === 'corrupt') {
    return [
      {
        code: 'store-format',
        severity: 'error',
        message: `Java will refuse the ${store} at start-up. ${report.error.message}`,
        data,
      },
    ];
  }
  if (!javaLoads(type, report.format)) {
    return [
      {
        code: 'store-format',
        severity: 'error',
        message:
          `Java will refuse the ${store} at start-up: type ${shown} cannot load a ` +
          `${formatName(report.format)} file ('Invalid keystore format'). ` +
          `Set the type to ${data.suggestedType}.`,
        data,
      },
    ];
  }
  if (NATIVE_FORMAT[type] !== report.format) {
    return [
      {
        code: 'store-format',
        severity: 'information',
        message:
          `The file is ${formatName(report.format)} although the type is ${shown}. Java loads ` +
          'it anyway through its keystore compatibility mode (keystore.type.compat, on by ' +
          `default since Java 9); set the type to ${data.suggestedType} to say what it is.`,
        data,
      },
    ];
  }
  return [];
}

function suggest(report: StoreReport): DeclaredStoreType {
  return report.format === 'jks' ? 'JKS' : report.format === 'jceks' ? 'JCEKS' : 'PKCS12';
}

function conversionHint(report: StoreReport, role: StoreRole): string {
  if (report.format !== 'pem' && report.format !== 'der') {
    return 'Point the path at a JKS or PKCS#12 file.';
  }
  return role === 'keystore'
    ? 'Bundle the certificate and key into PKCS#12: openssl pkcs12 -export -in server.crt ' +
        '-inkey server.key -out keystore.p12, then set the type to PKCS12.'
    : 'Import the CA certificate into a truststore: keytool -importcert -file ca.crt ' +
        '-alias ca -keystore truststore.p12 -storetype PKCS12, then set the type to PKCS12.';
}

/** The store-password check: store password, key passwords, and what Java cannot check. */
export function checkStorePassword(
  report: StoreReport,
  expectations: StoreExpectations,
): StoreFinding[] {
  if (report.error?.kind === 'format' || report.error?.kind === 'corrupt') {
    return [];
  }
  const store = expectations.role === 'keystore' ? 'keystore' : 'truststore';
  const setting = expectations.role === 'keystore' ? 'key-store' : 'trust-store';
  if (report.password === 'wrong') {
    const javaSays =
      report.format === 'pkcs12'
        ? 'keystore password was incorrect'
        : 'Keystore was tampered with, or password was incorrect';
    return [
      {
        code: 'store-password',
        severity: 'error',
        message:
          `Java will refuse the ${store} at start-up ('${javaSays}'): ${setting}.password does ` +
          'not open it, or the file was changed after it was written. Use the password it was ' +
          'created with.',
        data: { format: report.format },
      },
    ];
  }
  const findings: StoreFinding[] = [];
  if (expectations.role === 'keystore') {
    for (const entry of report.entries) {
      if (entry.kind === 'private-key' && entry.keyPassword === 'wrong') {
        findings.push({
          code: 'store-password',
          severity: 'error',
          message:
            `The key password does not decrypt the private key '${entry.alias}': the server ` +
            "fails at start-up ('Cannot recover key' or 'Get Key failed'). Micronaut uses " +
            'key.password, or key-store.password when key.password is unset; set the one the ' +
            'key was protected with.',
          data: { alias: entry.alias },
        });
      }
    }
  }
  if (report.format === 'pkcs12' && report.passwordGiven && report.password === 'unchecked') {
    const mac = report.algorithms.find((algorithm) => algorithm.target === 'integrity');
    findings.push({
      code: 'store-password',
      severity: 'information',
      message:
        mac === undefined
          ? 'This PKCS#12 file has no integrity MAC, so Java loads it with any password; a ' +
            'wrong password only shows when a key is read.'
          : `The password could not be checked: the file uses ${mac.name}, which this ` +
            'checker does not implement.',
    });
  }
  return findings;
}
