/**
 * Findings about the server certificate and its chain: the names it covers (cert-hostname),
 * its validity period (cert-expiry) and whether it is fit to be a TLS server certificate
 * (cert-usage).
 */
import { isIP } from 'node:net';
import {
  ANY_EXTENDED_KEY_USAGE,
  type CertificateFacts,
  readCertificate,
  SERVER_AUTH,
} from './certificate';
import type { StoreFinding } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Reads every certificate of a chain, skipping any Node cannot parse. */
export function readChain(chain: readonly Uint8Array[]): CertificateFacts[] {
  return chain.flatMap((der) => {
    const facts = readCertificate(der);
    return facts === undefined ? [] : [facts];
  });
}

function describe(certificate: CertificateFacts, isLeaf: boolean): string {
  return isLeaf ? 'The server certificate' : `The chain certificate ${certificate.subject}`;
}

/** Lower-cases a name and strips the brackets of an IPv6 literal and a trailing dot. */
function normaliseName(name: string): string {
  const trimmed = name.trim().toLowerCase();
  const unbracketed =
    trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  return unbracketed.endsWith('.') ? unbracketed.slice(0, -1) : unbracketed;
}

/**
 * Whether the certificate's SANs cover a host name or IP address. DNS names follow RFC 6125:
 * a wildcard stands for exactly one whole left-most label, and the CN is never consulted.
 */
export function coversName(certificate: CertificateFacts, name: string): boolean {
  const host = normaliseName(name);
  if (isIP(host) !== 0) {
    return certificate.x509.checkIP(host) !== undefined;
  }
  const match = certificate.x509.checkHost(host, {
    subject: 'never',
    wildcards: true,
    partialWildcards: false,
    multiLabelWildcards: false,
    singleLabelSubdomains: false,
  });
  return match !== undefined;
}

/** The cert-hostname check: each name clients reach the server by must be in a SAN. */
export function checkCertHostname(
  chain: readonly Uint8Array[],
  names: readonly string[],
): StoreFinding[] {
  const leaf = readChain(chain.slice(0, 1))[0];
  if (leaf === undefined || names.length === 0) {
    return [];
  }
  const uncovered = names.filter((name) => !coversName(leaf, name));
  if (uncovered.length === 0) {
    return [];
  }
  const sans = [...leaf.dnsNames, ...leaf.ipAddresses];
  const inCommonName = uncovered.filter(
    (name) =>
      leaf.commonName !== undefined && normaliseName(leaf.commonName) === normaliseName(name),
  );
  const listed = uncovered.map((name) => `'${name}'`).join(', ');
  return [
    {
      code: 'cert-hostname',
      severity: uncovered.length === names.length ? 'error' : 'warning',
      message:
        `The server certificate does not cover ${listed}: clients reaching Kestra by that ` +
        "name refuse the connection (Java: 'No subject alternative DNS name matching', " +
        'browsers: ERR_CERT_COMMON_NAME_INVALID). ' +
        (sans.length === 0
          ? 'It has no subject alternative names at all. '
          : `Its subject alternative names are ${sans.join(', ')}. `) +
        (inCommonName.length > 0
          ? 'A name in the CN only does not count: clients ignore the CN. '
          : '') +
        'Issue it again with every name in subjectAltName.',
      data: { names: uncovered, subjectAltNames: sans, subject: leaf.subject },
    },
  ];
}

/** Options of the expiry check. */
export interface ExpiryOptions {
  readonly now: Date;
  /** Warn when a certificate expires within this many days. */
  readonly warnDays: number;
}

/** The cert-expiry check over every certificate of the chain. */
export function checkCertExpiry(
  chain: readonly Uint8Array[],
  options: ExpiryOptions,
): StoreFinding[] {
  const findings: StoreFinding[] = [];
  readChain(chain).forEach((certificate, index) => {
    const which =
      index === 0 ? 'The server certificate' : `The chain certificate ${certificate.subject}`;
    const data = {
      subject: certificate.subject,
      notBefore: certificate.notBefore.toISOString(),
      notAfter: certificate.notAfter.toISOString(),
      fingerprint: certificate.fingerprint256,
    };
    const now = options.now.getTime();
    const day = (date: Date) => date.toISOString().slice(0, 10);
    if (certificate.notAfter.getTime() < now) {
      findings.push({
        code: 'cert-expiry',
        severity: 'error',
        message:
          `${which} expired on ${day(certificate.notAfter)}: clients refuse the handshake ` +
          "('certificate expired', NET::ERR_CERT_DATE_INVALID). Renew it.",
        data,
      });
    } else if (certificate.notBefore.getTime() > now) {
      findings.push({
        code: 'cert-expiry',
        severity: 'error',
        message:
          `${which} is not valid before ${day(certificate.notBefore)}: clients refuse the ` +
          "handshake ('certificate not yet valid'). Check the clock of the machine that issued it.",
        data,
      });
    } else if (certificate.notAfter.getTime() - now < options.warnDays * DAY_MS) {
      const days = Math.ceil((certificate.notAfter.getTime() - now) / DAY_MS);
      findings.push({
        code: 'cert-expiry',
        severity: 'warning',
        message:
          `${which} expires on ${day(certificate.notAfter)}, in ${days} day(s). ` +
          'Renew it in time.',
        data: { ...data, daysLeft: days },
      });
    }
  });
  return findings;
}

/** The cert-usage check: CA flag, extended key usage, RSA key size and signature hash. */
export function checkCertUsage(chain: readonly Uint8Array[]): StoreFinding[] {
  const certificates = readChain(chain);
  const leaf = certificates[0];
  if (leaf === undefined) {
    return [];
  }
  const findings: StoreFinding[] = [];
  const data = { subject: leaf.subject, fingerprint: leaf.fingerprint256 };
  if (leaf.isCa) {
    findings.push({
      code: 'cert-usage',
      severity: 'warning',
      message:
        'The server certificate is a CA certificate (basicConstraints CA:TRUE), as openssl req ' +
        "-x509 makes by default: Firefox refuses it ('CA certificate used as end-entity'). " +
        'Issue a server certificate with CA:FALSE, signed by a separate CA.',
      data,
    });
  }
  if (leaf.keyUsage !== undefined && !leaf.keyUsage.includes('digitalSignature')) {
    const usage = leaf.keyUsage.length > 0 ? leaf.keyUsage.join(', ') : 'no usage at all';
    findings.push({
      code: 'cert-usage',
      severity: 'error',
      message:
        `The server certificate's keyUsage allows ${usage}, without digitalSignature: TLS 1.3 ` +
        'and the ECDHE handshakes of TLS 1.2 need the server key to sign. Chrome refuses it ' +
        "(ERR_SSL_KEY_USAGE_INCOMPATIBLE), and so do Java clients ('KeyUsage does not allow " +
        "digital signatures'). Issue it with keyUsage = digitalSignature, keyEncipherment.",
      data: { ...data, keyUsage: leaf.keyUsage },
    });
  }
  const usage = leaf.extendedKeyUsage;
  if (
    usage !== undefined &&
    !usage.includes(SERVER_AUTH) &&
    !usage.includes(ANY_EXTENDED_KEY_USAGE)
  ) {
    findings.push({
      code: 'cert-usage',
      severity: 'error',
      message:
        'The server certificate has an extended key usage without serverAuth: clients refuse ' +
        "it ('Extended key usage does not permit use for TLS server authentication'). " +
        'Issue it with extendedKeyUsage = serverAuth.',
      data: { ...data, extendedKeyUsage: usage },
    });
  }
  if (leaf.rsaBits !== undefined && leaf.rsaBits < 2048) {
    findings.push({
      code: 'cert-usage',
      severity: leaf.rsaBits < 1024 ? 'error' : 'warning',
      message:
        `The server key is RSA with ${leaf.rsaBits} bits: ` +
        (leaf.rsaBits < 1024
          ? 'Java refuses keys under 1024 bits (jdk.certpath.disabledAlgorithms), and so ' +
            'does every browser. '
          : 'OpenSSL 3 clients at the usual security level (curl, Python) refuse it ' +
            "('ee key too small'). ") +
        'Use at least 2048 bits.',
      data: { ...data, rsaBits: leaf.rsaBits },
    });
  }
  // The signature of a self-signed root is never checked by clients, so it may be SHA-1.
  const weak = certificates.filter(
    (certificate) =>
      (certificate.signatureHash === 'sha1' || certificate.signatureHash === 'md5') &&
      !(certificate.selfSigned && certificate !== leaf),
  );
  for (const certificate of weak) {
    findings.push({
      code: 'cert-usage',
      severity: 'error',
      message:
        `${describe(certificate, certificate === leaf)} ` +
        `is signed with ${certificate.signatureAlgorithm}: browsers and OpenSSL 3 clients refuse ` +
        "SHA-1 and MD5 signatures ('ca md too weak'). Sign it again with SHA-256.",
      data: { subject: certificate.subject, signatureAlgorithm: certificate.signatureAlgorithm },
    });
  }
  return findings;
}
