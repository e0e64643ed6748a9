import { createHash } from 'node:crypto';
import { utf16be } from './der';

/**
 * Writes a Java KeyStore (JKS, version 2) holding trusted certificates only. No npm
 * package writes JKS, and Kestra's guide and many deployments name a JKS truststore, so
 * the format is written here; it is small:
 *
 *   magic 0xFEEDFEED, version 2, entry count,
 *   per entry: tag 2 (trusted certificate), alias, creation time in ms, "X.509", DER,
 *   SHA-1 over (password as UTF-16BE, "Mighty Aphrodite", everything before the digest).
 *
 * Integers are big-endian; strings use Java's DataOutput.writeUTF (modified UTF-8 with a
 * two-byte length).
 */

const JKS_MAGIC = 0xfeedfeed;
const JKS_VERSION = 2;
const TRUSTED_CERTIFICATE_TAG = 2;
// The literal Sun chose as the key of the keystore's integrity digest.
const DIGEST_WHITENER = Buffer.from('Mighty Aphrodite', 'latin1');

/** A certificate that the truststore lists as a trustedCertEntry. */
export interface TrustedCertificateEntry {
  /** Entry name; JKS compares aliases case-insensitively and stores them lower-case. */
  alias: string;
  /** The certificate, DER-encoded. */
  der: Buffer;
  /** Creation date shown by `keytool -list`. */
  created: Date;
}

/** Serialises the entries as a JKS file protected by the password. */
export function writeJksTruststore(
  entries: readonly TrustedCertificateEntry[],
  password: string,
): Buffer {
  const parts: Buffer[] = [uint32(JKS_MAGIC), uint32(JKS_VERSION), uint32(entries.length)];
  for (const entry of entries) {
    parts.push(
      uint32(TRUSTED_CERTIFICATE_TAG),
      javaUtf(entry.alias.toLowerCase()),
      uint64(entry.created.getTime()),
      javaUtf('X.509'),
      uint32(entry.der.length),
      entry.der,
    );
  }
  const body = Buffer.concat(parts);

  const digest = createHash('sha1')
    .update(utf16be(password))
    .update(DIGEST_WHITENER)
    .update(body)
    .digest();
  return Buffer.concat([body, digest]);
}

function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

function uint64(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(BigInt(value));
  return bytes;
}

/**
 * Encodes a string as DataOutput.writeUTF does: U+0000 and U+0080 to U+07FF in two bytes,
 * other UTF-16 code units (surrogates included, one by one) in three.
 */
export function javaUtf(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x01 && unit <= 0x7f) {
      bytes.push(unit);
    } else if (unit <= 0x7ff) {
      bytes.push(0xc0 | (unit >> 6), 0x80 | (unit & 0x3f));
    } else {
      bytes.push(0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f));
    }
  }
  if (bytes.length > 0xffff) {
    throw new RangeError('A JKS string may hold at most 65535 bytes.');
  }
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([length, Buffer.from(bytes)]);
}
