import { createHash, createHmac, randomBytes } from 'node:crypto';
import {
  type Asn1,
  algorithmWithNull,
  bmpString,
  explicit,
  fromDer,
  integer,
  octetString,
  oid,
  sequence,
  set,
  toDer,
  utf16be,
} from './der';
import { iterateSha256 } from './sha256-iterate';

/**
 * PKCS#12 (RFC 7292) stores for Java and OpenSSL. The key bag is encrypted with PBES2
 * (PBKDF2-SHA256, AES-256-CBC) and the file is protected by an HMAC-SHA256 MAC: the
 * profile that OpenSSL 3 reads without -legacy and keytool 17 reads by default.
 * Certificates are public and stay in a plain (unencrypted) SafeContents.
 */

const OID = {
  data: '1.2.840.113549.1.7.1',
  sha256: '2.16.840.1.101.3.4.2.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  // Oracle's attribute that makes Java list a certificate as a trustedCertEntry; its value
  // is the extended key usage the certificate is trusted for.
  javaTrustedKeyUsage: '2.16.840.1.113894.746875.1.1',
  anyExtendedKeyUsage: '2.5.29.37.0',
} as const;

/** OpenSSL's default MAC iteration count. */
const MAC_ITERATIONS = 2048;

/** A private key entry: the key and its chain, leaf first. */
export interface PrivateKeyEntry {
  alias: string;
  /** PKCS#8 EncryptedPrivateKeyInfo (DER), encrypted with the store password. */
  encryptedPrivateKey: Buffer;
  /** Certificates in DER, the key's own certificate first, then its issuers. */
  chain: readonly Buffer[];
}

/** Builds a keystore with one PrivateKeyEntry, as Micronaut's key-store expects. */
export function buildKeystoreP12(entry: PrivateKeyEntry, password: string): Buffer {
  const [leaf, ...issuers] = entry.chain;
  if (!leaf) {
    throw new Error('A private key entry needs at least its own certificate.');
  }
  // Java and OpenSSL pair a key with its certificate through an equal localKeyId.
  const localKeyId = createHash('sha1').update(leaf).digest();
  const entryAttributes = [
    attribute(OID.friendlyName, bmpString(entry.alias)),
    attribute(OID.localKeyId, octetString(localKeyId)),
  ];

  const keyBag = safeBag(OID.shroudedKeyBag, fromDer(entry.encryptedPrivateKey), entryAttributes);
  const certBags = [
    safeBag(OID.certBag, certBag(leaf), entryAttributes),
    ...issuers.map((der) => safeBag(OID.certBag, certBag(der), [])),
  ];
  return pfx([certBags, [keyBag]], password);
}

/** Builds a truststore whose certificates keytool lists as trustedCertEntry. */
export function buildTruststoreP12(
  certificates: readonly { alias: string; der: Buffer }[],
  password: string,
): Buffer {
  const bags = certificates.map(({ alias, der }) =>
    safeBag(OID.certBag, certBag(der), [
      attribute(OID.friendlyName, bmpString(alias)),
      attribute(OID.javaTrustedKeyUsage, oid(OID.anyExtendedKeyUsage)),
    ]),
  );
  return pfx([bags], password);
}

/** Wraps SafeContents lists in a PFX with an HMAC-SHA256 MAC. */
function pfx(safeContentsList: Asn1[][], password: string): Buffer {
  const authenticatedSafe = toDer(
    sequence(...safeContentsList.map((bags) => dataContentInfo(toDer(sequence(...bags))))),
  );
  const macSalt = randomBytes(16);
  const macKey = pkcs12MacKey(password, macSalt, MAC_ITERATIONS);
  const mac = createHmac('sha256', macKey).update(authenticatedSafe).digest();

  return toDer(
    sequence(
      integer(3),
      dataContentInfo(authenticatedSafe),
      sequence(
        sequence(algorithmWithNull(OID.sha256), octetString(mac)),
        octetString(macSalt),
        integer(MAC_ITERATIONS),
      ),
    ),
  );
}

function dataContentInfo(content: Buffer): Asn1 {
  return sequence(oid(OID.data), explicit(0, octetString(content)));
}

function safeBag(bagId: string, value: Asn1, attributes: Asn1[]): Asn1 {
  const bag = sequence(oid(bagId), explicit(0, value));
  if (attributes.length > 0) {
    bag.value = [...(bag.value as Asn1[]), set(...attributes)];
  }
  return bag;
}

function certBag(der: Buffer): Asn1 {
  return sequence(oid(OID.x509Certificate), explicit(0, octetString(der)));
}

function attribute(type: string, value: Asn1): Asn1 {
  return sequence(oid(type), set(value));
}

/**
 * Derives the MAC key with the PKCS#12 key derivation (RFC 7292, appendix B.2) for
 * SHA-256: ID byte 3, password as a NUL-terminated BMPString. One hash block covers the
 * 32-byte key, so the block-chaining step of the appendix is not needed.
 */
export function pkcs12MacKey(password: string, salt: Buffer, iterations: number): Buffer {
  const blockSize = 64;
  const diversifier = Buffer.alloc(blockSize, 3);
  const passwordBytes = Buffer.concat([utf16be(password), Buffer.alloc(2)]);
  const input = Buffer.concat([fillBlocks(salt, blockSize), fillBlocks(passwordBytes, blockSize)]);

  const first = createHash('sha256').update(diversifier).update(input).digest();
  return iterateSha256(first, iterations - 1);
}

/** Repeats the bytes to the next multiple of the block size (empty stays empty). */
function fillBlocks(bytes: Buffer, blockSize: number): Buffer {
  const length = Math.ceil(bytes.length / blockSize) * blockSize;
  const filled = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    filled[i] = bytes[i % bytes.length]!;
  }
  return filled;
}
