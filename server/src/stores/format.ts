/**
 * Tells a store's real format from its bytes and whether a declared keystore type loads it.
 */
import type { DeclaredStoreType, StoreFormat } from './types';

const JKS_MAGIC = 0xfeedfeed;
const JCEKS_MAGIC = 0xcececece;

/** The DER of `OBJECT IDENTIFIER 1.2.840.113549.1.7.1` (PKCS#7 data), the PFX content type. */
const PKCS7_DATA_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];

/**
 * Reads the format of a store from its first bytes. A file name or declared type says
 * nothing reliable: keytool on JDK 9 and later writes PKCS#12 into `truststore.jks`.
 */
export function detectStoreFormat(bytes: Uint8Array): StoreFormat {
  if (bytes.length >= 4) {
    const magic = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
    if (magic === JKS_MAGIC) {
      return 'jks';
    }
    if (magic === JCEKS_MAGIC) {
      return 'jceks';
    }
  }
  if (bytes[0] === 0x30) {
    return looksLikePfx(bytes) ? 'pkcs12' : 'der';
  }
  return looksLikePem(bytes) ? 'pem' : 'unknown';
}

/** The DER length octets at `offset`: how many bytes they take, or undefined if invalid. */
function lengthOctets(bytes: Uint8Array, offset: number): number | undefined {
  const first = bytes[offset];
  if (first === undefined) {
    return undefined;
  }
  if (first < 0x80) {
    return 1;
  }
  // 0x80 is BER's indefinite length, which PFX files from some tools use.
  const count = first === 0x80 ? 0 : first - 0x80;
  return count <= 4 ? 1 + count : undefined;
}

/**
 * True for `SEQUENCE { INTEGER 3, SEQUENCE { OID data ... } }`, the same header Java's
 * PKCS12 keystore probes for before it agrees to load a file.
 */
function looksLikePfx(bytes: Uint8Array): boolean {
  let offset = 1;
  const outer = lengthOctets(bytes, offset);
  if (outer === undefined) {
    return false;
  }
  offset += outer;
  if (bytes[offset] !== 0x02 || bytes[offset + 1] !== 0x01 || bytes[offset + 2] !== 0x03) {
    return false;
  }
  offset += 3;
  if (bytes[offset] !== 0x30) {
    return false;
  }
  const inner = lengthOctets(bytes, offset + 1);
  if (inner === undefined) {
    return false;
  }
  offset += 1 + inner;
  return PKCS7_DATA_OID.every((value, i) => bytes[offset + i] === value);
}

function looksLikePem(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  return /^(\xEF\xBB\xBF)?\s*-----BEGIN [A-Z0-9 ]+-----/.test(head);
}

/**
 * Normalises a declared keystore type. Java matches type names case-insensitively; an unset
 * type is JKS for Micronaut's key-store and trust-store. Returns undefined for a type Java
 * does not ship, such as BKS, which needs a provider this library cannot see.
 */
export function normaliseStoreType(declared: string | undefined): DeclaredStoreType | undefined {
  const type = (declared ?? 'JKS').trim().toUpperCase();
  return type === 'JKS' || type === 'PKCS12' || type === 'JCEKS' ? type : undefined;
}

/** The formats each declared type loads, measured with OpenJDK 17's KeyStore.load. */
const LOADABLE: Readonly<Record<DeclaredStoreType, readonly StoreFormat[]>> = {
  // keystore.type.compat=true (the default since JDK 9) makes the JKS and PKCS12 types
  // each load the other's files (DualFormatJKS, DualFormatPKCS12).
  JKS: ['jks', 'pkcs12'],
  PKCS12: ['pkcs12', 'jks'],
  // JCEKS has no compatibility mode, but its reader has always accepted the JKS magic.
  JCEKS: ['jceks', 'jks'],
};

/** The format each declared type is meant for. */
export const NATIVE_FORMAT: Readonly<Record<DeclaredStoreType, StoreFormat>> = {
  JKS: 'jks',
  PKCS12: 'pkcs12',
  JCEKS: 'jceks',
};

/** Whether Java's KeyStore of the declared type loads a file of the given format. */
export function javaLoads(type: DeclaredStoreType, format: StoreFormat): boolean {
  return LOADABLE[type].includes(format);
}

/** A name for a format fit for messages. */
export function formatName(format: StoreFormat): string {
  switch (format) {
    case 'jks':
      return 'JKS';
    case 'jceks':
      return 'JCEKS';
    case 'pkcs12':
      return 'PKCS#12';
    case 'pem':
      return 'PEM text (a certificate or key)';
    case 'der':
      return 'DER data (a lone certificate or key)';
    case 'unknown':
      return 'unrecognised data';
  }
}
