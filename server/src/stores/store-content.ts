/**
 * The store-content check: a keystore needs one private key with its certificate, a
 * truststore at least one certificate Java treats as trusted, and neither should rely on
 * ciphers other tools refuse. Also picks the entries the certificate checks look at.
 */
import type { StoreEntry, StoreExpectations, StoreFinding, StoreReport, StoreRole } from './types';

/** The store-content check: a keystore needs one key with a chain, a truststore a CA. */
export function checkStoreContent(
  report: StoreReport,
  expectations: StoreExpectations,
): StoreFinding[] {
  if (report.error !== undefined || report.password === 'wrong') {
    return [];
  }
  const findings =
    expectations.role === 'keystore'
      ? checkKeystoreContent(report, expectations.alias)
      : checkTruststoreContent(report);
  return [...findings, ...checkAlgorithms(report)];
}

function checkKeystoreContent(report: StoreReport, alias: string | undefined): StoreFinding[] {
  const keys = report.entries.filter((entry) => entry.kind === 'private-key');
  if (keys.length === 0) {
    if (report.incomplete && !report.skippedEncryptedContent) {
      return [];
    }
    return [
      {
        code: 'store-content',
        severity: 'error',
        message:
          'The keystore holds no private key, so the server has no certificate to present and ' +
          "every TLS handshake fails ('no cipher suites in common')." +
          emptyReason(report, 'keystore'),
        data: { entries: report.entries.map((entry) => `${entry.alias} (${entry.kind})`) },
      },
    ];
  }
  const findings: StoreFinding[] = [];
  if (alias !== undefined) {
    if (selectEntry(keys, alias) === undefined) {
      findings.push({
        code: 'store-content',
        severity: 'error',
        message:
          `The keystore has no private key under the alias '${alias}'; it has ` +
          `${keys.map((key) => `'${key.alias}'`).join(', ')}.`,
        data: { alias, aliases: keys.map((key) => key.alias) },
      });
    }
  } else if (keys.length > 1) {
    findings.push({
      code: 'store-content',
      severity: 'warning',
      message:
        `The keystore holds ${keys.length} private keys (${keys.map((k) => k.alias).join(', ')}) ` +
        'and no alias picks one: Java serves whichever it finds first for the key type of ' +
        'each handshake. Keep only the server key in this keystore.',
      data: { aliases: keys.map((key) => key.alias) },
    });
  }
  const served = selectServerEntry(report, alias);
  if (served !== undefined && served.chain.length === 0) {
    findings.push({
      code: 'store-content',
      severity: 'error',
      message:
        `The private key '${served.alias}' has no certificate, so the server has nothing to ` +
        'present.' +
        emptyReason(report, 'keystore'),
      data: { alias: served.alias },
    });
  }
  return findings;
}

function checkTruststoreContent(report: StoreReport): StoreFinding[] {
  if (
    trustedCertificates(report).length > 0 ||
    (report.incomplete && !report.skippedEncryptedContent)
  ) {
    return [];
  }
  return [
    {
      code: 'store-content',
      severity: 'error',
      message:
        'The truststore holds no trusted certificate: Java fails to build TLS connections ' +
        "with 'the trustAnchors parameter must be non-empty'." +
        emptyReason(report, 'truststore'),
      data: { entries: report.entries.map((entry) => `${entry.alias} (${entry.kind})`) },
    },
  ];
}

/** Explains, where the report can tell, why a store looks empty to Java. */
function emptyReason(report: StoreReport, role: StoreRole): string {
  const setting = role === 'keystore' ? 'key-store' : 'trust-store';
  if (report.skippedEncryptedContent) {
    return (
      ` Its certificates are encrypted and no ${setting}.password is set, so Java skips ` +
      'them: set the password.'
    );
  }
  if (report.ignoredKeyBags > 0) {
    return (
      ' Its private key is stored unencrypted (openssl pkcs12 -keypbe NONE), which Java ' +
      'ignores: export it again with a password.'
    );
  }
  const orphans = report.entries.filter((entry) => entry.kind === 'certificate-only').length;
  if (role === 'truststore' && orphans > 0) {
    return (
      ` Its ${orphans} certificate(s) lack Java's trusted-certificate attribute, as files ` +
      'from openssl pkcs12 -export do, so keytool lists 0 entries. Build it with keytool ' +
      '-importcert -file ca.crt -alias ca -keystore truststore.p12 -storetype PKCS12.'
    );
  }
  if (role === 'keystore' && report.entries.some((e) => e.kind === 'trusted-certificate')) {
    return ' It holds only trusted certificates: is this the truststore?';
  }
  return '';
}

/**
 * Legacy PKCS#12 ciphers are a warning, not an error: OpenJDK 17 loads RC2-40 files, and
 * current OpenJDK still decrypts them (it writes them itself with keystore.pkcs12.legacy).
 * OpenSSL 3, and so Node and most command-line tools, refuse them without -legacy.
 */
function checkAlgorithms(report: StoreReport): StoreFinding[] {
  const legacy = [...new Set(report.algorithms.filter((a) => a.legacy).map((a) => a.name))];
  if (legacy.length === 0) {
    return [];
  }
  return [
    {
      code: 'store-content',
      severity: 'warning',
      message:
        `The PKCS#12 file is encrypted with ${legacy.join(' and ')}, a legacy cipher: OpenSSL 3 ` +
        'refuses it unless given -legacy, and its 40-bit keys protect nothing. Export it again ' +
        "without -legacy, or with cert-manager's keystores.pkcs12.profile: Modern2023.",
      data: { algorithms: legacy },
    },
  ];
}

function selectEntry(keys: readonly StoreEntry[], alias: string): StoreEntry | undefined {
  const wanted = alias.toLowerCase();
  return keys.find((key) => key.alias.toLowerCase() === wanted);
}

/**
 * The private key entry the server presents: the one under the alias if given, else the
 * only one, else the first (Java's pick among several is not defined by the configuration).
 */
export function selectServerEntry(
  report: StoreReport,
  alias?: string | undefined,
): StoreEntry | undefined {
  const keys = report.entries.filter((entry) => entry.kind === 'private-key');
  return alias === undefined ? keys[0] : selectEntry(keys, alias);
}

/**
 * The certificates Java's PKIX trust manager takes from a truststore: every trusted
 * certificate entry, and the first certificate of every private key entry.
 */
export function trustedCertificates(report: StoreReport): Uint8Array[] {
  return report.entries.flatMap((entry) => {
    if (entry.kind === 'trusted-certificate' || entry.kind === 'private-key') {
      return entry.chain.slice(0, 1);
    }
    return [];
  });
}
