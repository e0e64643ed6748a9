/**
 * The facts about one X.509 certificate that the certificate rules need, read with Node's
 * X509Certificate plus a little ASN.1 for what Node 20 does not expose (the signature
 * algorithm and exact validity dates).
 */
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { child, children, isContextTag, octets, oidOf, parseDer, toBinary } from './der';

/** The extended key usage for TLS servers. */
export const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
/** anyExtendedKeyUsage, which permits every usage. */
export const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';

const KEY_USAGE_OID = '2.5.29.15';

/** The bits of the keyUsage extension, in the order RFC 5280 numbers them. */
const KEY_USAGES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

export type KeyUsage = (typeof KEY_USAGES)[number];

const SIGNATURE_ALGORITHMS: Readonly<Record<string, { name: string; hash: string }>> = {
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', hash: 'md5' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', hash: 'sha1' },
  '1.2.840.113549.1.1.10': { name: 'RSASSA-PSS', hash: 'pss' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', hash: 'sha512' },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', hash: 'sha1' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'sha512' },
  '1.2.840.10040.4.3': { name: 'dsa-with-SHA1', hash: 'sha1' },
  '1.3.101.112': { name: 'Ed25519', hash: 'none' },
  '1.3.101.113': { name: 'Ed448', hash: 'none' },
};

/** What the rules know about a certificate. */
export interface CertificateFacts {
  readonly der: Uint8Array;
  /** Node's certificate, for signature checks and host matching. */
  readonly x509: X509Certificate;
  /** The subject distinguished name on one line, for messages. */
  readonly subject: string;
  readonly issuer: string;
  /** SHA-256 fingerprint as colon-separated hex, as keytool prints it. */
  readonly fingerprint256: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** basicConstraints CA:TRUE. */
  readonly isCa: boolean;
  /** Extended key usage OIDs; undefined when the extension is absent (any use allowed). */
  readonly extendedKeyUsage: readonly string[] | undefined;
  /** The keyUsage bits set; undefined when the extension is absent (any use allowed). */
  readonly keyUsage: readonly KeyUsage[] | undefined;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  /** The common name, which TLS clients no longer match against host names. */
  readonly commonName: string | undefined;
  /** `rsa`, `ec`, `ed25519`, ... as Node names key types. */
  readonly keyType: string;
  /** The RSA modulus length in bits, for RSA keys. */
  readonly rsaBits: number | undefined;
  readonly signatureAlgorithm: string;
  /** The hash of the signature algorithm: `sha1`, `sha256`, ... */
  readonly signatureHash: string;
  /** Issued by itself and signed with its own key. */
  readonly selfSigned: boolean;
}

/** Reads a DER certificate; undefined when it is not one Node can parse. */
export function readCertificate(der: Uint8Array): CertificateFacts | undefined {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch {
    return undefined;
  }
  const structure = readStructure(der);
  if (structure === undefined) {
    return undefined;
  }
  const names = parseSubjectAltName(x509.subjectAltName);
  const key = x509.publicKey;
  const signature = SIGNATURE_ALGORITHMS[structure.signatureOid];
  return {
    der,
    x509,
    subject: oneLine(x509.subject),
    issuer: oneLine(x509.issuer),
    fingerprint256: x509.fingerprint256,
    notBefore: structure.notBefore,
    notAfter: structure.notAfter,
    isCa: x509.ca,
    extendedKeyUsage: x509.keyUsage,
    keyUsage: structure.keyUsage,
    dnsNames: names.dns,
    ipAddresses: names.ip,
    commonName: /^CN=(.*)$/m.exec(x509.subject)?.[1],
    keyType: key.asymmetricKeyType ?? 'unknown',
    rsaBits: key.asymmetricKeyType === 'rsa' ? key.asymmetricKeyDetails?.modulusLength : undefined,
    signatureAlgorithm: signature?.name ?? structure.signatureOid,
    signatureHash: signature?.hash ?? 'unknown',
    selfSigned: x509.checkIssued(x509) && x509.verify(key),
  };
}

/** Node separates the attributes of a name with new lines; messages want one line. */
function oneLine(name: string): string {
  return name.split('\n').join(', ');
}

interface Structure {
  readonly signatureOid: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly keyUsage: readonly KeyUsage[] | undefined;
}

/**
 * Certificate ::= SEQUENCE { tbs, signatureAlgorithm, signature }, where
 * tbs ::= SEQUENCE { [0] version OPTIONAL, serial, signature, issuer, validity, subject,
 * subjectPublicKeyInfo, [1] issuerUID OPTIONAL, [2] subjectUID OPTIONAL,
 * [3] extensions OPTIONAL }.
 */
function readStructure(der: Uint8Array): Structure | undefined {
  try {
    const certificate = parseDer(toBinary(der));
    const tbs = children(child(certificate, 0, 'the TBS certificate'), 'the TBS certificate');
    const offset = isContextTag(tbs[0], 0) ? 1 : 0;
    const validity = tbs[offset + 3];
    const signatureAlgorithm = child(certificate, 1, 'the signature algorithm');
    return {
      signatureOid: oidOf(child(signatureAlgorithm, 0, 'the signature OID'), 'the signature OID'),
      notBefore: readTime(child(validity, 0, 'notBefore')),
      notAfter: readTime(child(validity, 1, 'notAfter')),
      keyUsage: readKeyUsage(tbs.find((node) => isContextTag(node, 3))),
    };
  } catch {
    return undefined;
  }
}

/**
 * The bits of the keyUsage extension among `[3] extensions`, where
 * Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
 * and the value holds KeyUsage ::= BIT STRING.
 */
function readKeyUsage(extensions: forge.asn1.Asn1 | undefined): KeyUsage[] | undefined {
  if (extensions === undefined) {
    return undefined;
  }
  try {
    return keyUsageAmong(extensions);
  } catch {
    // An extension we cannot read says nothing; the rest of the certificate still counts.
    return undefined;
  }
}

function keyUsageAmong(extensions: forge.asn1.Asn1): KeyUsage[] | undefined {
  for (const extension of children(child(extensions, 0, 'the extensions'), 'the extensions')) {
    const fields = children(extension, 'an extension');
    if (oidOf(fields[0], 'an extension OID') !== KEY_USAGE_OID) {
      continue;
    }
    const bits = octets(parseDer(octets(fields[fields.length - 1], 'keyUsage')), 'keyUsage');
    // The first octet counts the unused bits at the end; bit 0 is the high bit of the next.
    return KEY_USAGES.filter((_, bit) => {
      const octet = bits.charCodeAt(1 + (bit >> 3));
      return !Number.isNaN(octet) && (octet & (0x80 >> (bit & 7))) !== 0;
    });
  }
  return undefined;
}

function readTime(node: forge.asn1.Asn1): Date {
  if (typeof node.value !== 'string') {
    throw new Error('a validity date is not a string');
  }
  return node.type === forge.asn1.Type.UTCTIME
    ? forge.asn1.utcTimeToDate(node.value)
    : forge.asn1.generalizedTimeToDate(node.value);
}

/**
 * Splits Node's subjectAltName text ("DNS:a, IP Address:1.2.3.4"). Names are only shown in
 * messages; matching uses X509Certificate.checkHost and checkIP.
 */
function parseSubjectAltName(text: string | undefined): { dns: string[]; ip: string[] } {
  const dns: string[] = [];
  const ip: string[] = [];
  for (const part of (text ?? '').split(/, (?=[A-Za-z ]+:)/)) {
    const separator = part.indexOf(':');
    const type = part.slice(0, separator);
    const value = part.slice(separator + 1).replace(/^"(.*)"$/, '$1');
    if (type === 'DNS') {
      dns.push(value);
    } else if (type === 'IP Address') {
      ip.push(value);
    }
  }
  return { dns, ip };
}
