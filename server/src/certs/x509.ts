import { createHash, type KeyObject, randomBytes, sign } from 'node:crypto';
import forge from 'node-forge';
import { type Asn1, toBinary, toDer, toPem } from './der';
import type { SubjectAltName } from './options';

/**
 * Builds certificates and the certificate request with forge's ASN.1 helpers, but signs
 * them with Node's crypto: forge's RSA signing runs in JavaScript, is far slower and holds
 * the event loop for over 100 ms a signature at 4096 bits.
 */

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
// Certificates start a few minutes in the past so that a host whose clock lags slightly
// behind does not reject a certificate that is "not yet valid".
const BACKDATE_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

// forge implements these but its type declarations omit them.
const pki = forge.pki as typeof forge.pki & {
  getTBSCertificate(cert: forge.pki.Certificate): Asn1;
  getCertificationRequestInfo(csr: forge.pki.CertificateSigningRequest): Asn1;
};

/** An RSA key pair held by Node's crypto. */
export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A signed certificate. */
export interface IssuedCertificate {
  der: Buffer;
  pem: string;
  notAfter: Date;
}

/**
 * What a certificate signed by the CA refers to, known before the CA certificate itself
 * is signed so that both signatures can run at once.
 */
export interface CertificateAuthority {
  keys: KeyPair;
  serial: string;
  subject: forge.pki.CertificateField[];
  /** SHA-1 of the RSAPublicKey, RFC 5280's method 1, as forge puts it in the CA's SKI. */
  subjectKeyIdentifier: Buffer;
}

interface Validity {
  notBefore: Date;
  notAfter: Date;
}

/** Computes the validity window shared by the CA and the server certificate. */
export function validityFrom(now: Date, days: number): Validity {
  const notBefore = new Date(Math.floor((now.getTime() - BACKDATE_MS) / 1000) * 1000);
  return { notBefore, notAfter: new Date(notBefore.getTime() + days * DAY_MS) };
}

/** Chooses the CA's serial number and name for the given key pair. */
export function certificateAuthority(keys: KeyPair): CertificateAuthority {
  const serial = randomSerial();
  // A name of its own per run keeps two generated CAs apart in a trust store; a CA whose
  // subject equals the server's would also look self-signed to path builders.
  const subject = distinguishedName([
    ['O', 'Kestra TLS'],
    ['CN', `Kestra TLS CA ${serial.slice(0, 8)}`],
  ]);
  return { keys, serial, subject, subjectKeyIdentifier: keyIdentifier(keys.publicKey) };
}

/**
 * SHA-1 of the RSAPublicKey, RFC 5280's method 1, as forge computes it; Node's hash spares
 * the event loop forge's own SHA-1 over a 4096-bit key.
 */
function keyIdentifier(publicKey: KeyObject): Buffer {
  const rsaPublicKey = publicKey.export({ type: 'pkcs1', format: 'der' });
  return createHash('sha1').update(rsaPublicKey).digest();
}

/** The subjectKeyIdentifier extension with its value, which forge then leaves as it is. */
function subjectKeyIdentifierExtension(identifier: Buffer) {
  return {
    name: 'subjectKeyIdentifier',
    value: forge.asn1.create(
      forge.asn1.Class.UNIVERSAL,
      forge.asn1.Type.OCTETSTRING,
      false,
      toBinary(identifier),
    ),
  };
}

/** Issues the self-signed CA: CA:TRUE (critical), keyCertSign and cRLSign, SKI. */
export async function issueCaCertificate(
  ca: CertificateAuthority,
  validity: Validity,
): Promise<IssuedCertificate> {
  const cert = newCertificate(ca.keys, ca.serial, validity, ca.subject, ca.subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    subjectKeyIdentifierExtension(ca.subjectKeyIdentifier),
  ]);
  return signCertificate(cert, ca.keys.privateKey);
}

/** Issues the server certificate, signed by the CA, for the given names. */
export async function issueServerCertificate(
  keys: KeyPair,
  commonName: string,
  subjectAltNames: readonly SubjectAltName[],
  validity: Validity,
  ca: CertificateAuthority,
): Promise<IssuedCertificate> {
  const subject = distinguishedName([['CN', commonName]]);
  const cert = newCertificate(keys, randomSerial(), validity, subject, ca.subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: subjectAltNames.map(toForgeAltName) },
    subjectKeyIdentifierExtension(keyIdentifier(keys.publicKey)),
    { name: 'authorityKeyIdentifier', keyIdentifier: toBinary(ca.subjectKeyIdentifier) },
  ]);
  return signCertificate(cert, ca.keys.privateKey);
}

/**
 * Creates a PKCS#10 request for the server key, carrying the same names, for users who
 * want a certificate from their own CA instead.
 */
export async function createCertificateRequest(
  keys: KeyPair,
  commonName: string,
  subjectAltNames: readonly SubjectAltName[],
): Promise<string> {
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = toForgePublicKey(keys.publicKey);
  csr.setSubject(distinguishedName([['CN', commonName]]));
  csr.setAttributes([
    {
      name: 'extensionRequest',
      extensions: [{ name: 'subjectAltName', altNames: subjectAltNames.map(toForgeAltName) }],
    },
  ]);
  csr.signatureOid = SHA256_WITH_RSA;
  csr.siginfo.algorithmOid = SHA256_WITH_RSA;

  const info = pki.getCertificationRequestInfo(csr);
  csr.signature = toBinary(await signSha256(toDer(info), keys.privateKey));
  Object.assign(csr, { certificationRequestInfo: info });
  return toPem('CERTIFICATE REQUEST', toDer(pki.certificationRequestToAsn1(csr)));
}

function newCertificate(
  keys: KeyPair,
  serial: string,
  validity: Validity,
  subject: forge.pki.CertificateField[],
  issuer: forge.pki.CertificateField[],
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = toForgePublicKey(keys.publicKey);
  cert.serialNumber = serial;
  cert.validity.notBefore = validity.notBefore;
  cert.validity.notAfter = validity.notAfter;
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  cert.signatureOid = SHA256_WITH_RSA;
  cert.siginfo.algorithmOid = SHA256_WITH_RSA;
  return cert;
}

async function signCertificate(
  cert: forge.pki.Certificate,
  signingKey: KeyObject,
): Promise<IssuedCertificate> {
  const tbs = pki.getTBSCertificate(cert);
  cert.signature = toBinary(await signSha256(toDer(tbs), signingKey));
  // forge reuses a cached TBSCertificate instead of rebuilding it.
  cert.tbsCertificate = tbs;
  const der = toDer(forge.pki.certificateToAsn1(cert));
  return { der, pem: toPem('CERTIFICATE', der), notAfter: cert.validity.notAfter };
}

/** Signs with SHA-256 and RSASSA-PKCS1-v1_5 on libuv's thread pool. */
function signSha256(data: Buffer, key: KeyObject): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    sign('sha256', data, key, (error, signature) => (error ? reject(error) : resolve(signature)));
  });
}

/**
 * A random positive 16-byte serial number. The first byte is kept in 0x40-0x7f so that the
 * DER INTEGER is exactly 16 bytes, positive, and needs no leading zero byte.
 */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x3f) | 0x40;
  return bytes.toString('hex');
}

function distinguishedName(pairs: [string, string][]): forge.pki.CertificateField[] {
  // UTF8String rather than forge's default PrintableString, which cannot hold a `*` of a
  // wildcard name or an underscore.
  const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
  return pairs.map(([shortName, value]) => ({ shortName, value, valueTagClass: utf8 }));
}

function toForgeAltName(name: SubjectAltName): { type: number; value?: string; ip?: string } {
  return name.type === 'DNS' ? { type: 2, value: name.value } : { type: 7, ip: name.value };
}

// Parsing a public key into forge's big integers is the costliest step forge does here;
// the server key is needed twice, for its certificate and its request.
const forgePublicKeys = new WeakMap<KeyObject, forge.pki.PublicKey>();

function toForgePublicKey(publicKey: KeyObject): forge.pki.PublicKey {
  let converted = forgePublicKeys.get(publicKey);
  if (!converted) {
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    converted = forge.pki.publicKeyFromPem(pem);
    forgePublicKeys.set(publicKey, converted);
  }
  return converted;
}
