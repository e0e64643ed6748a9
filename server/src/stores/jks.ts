/**
 * Reads JKS and JCEKS keystores as Java's JavaKeyStore and JceKeyStore load them.
 *
 * Layout: magic, version (1 or 2), entry count, entries, then a SHA-1 digest over the
 * password (UTF-16BE), the words "Mighty Aphrodite" and every byte before the digest.
 * Entry tag 1 is a private key (alias, date, protected key, certificate chain), tag 2 a
 * trusted certificate (alias, date, certificate), tag 3 (JCEKS only) a secret key.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { child, DerError, fromBinary, octets, oidOf, parseDer, toBinary } from './der';
import { JavaDataError, JavaDataReader, passwordUtf16Be } from './java-data';
import type { PasswordCheck, StoreAlgorithm, StoreEntry, StoreReading } from './types';

const DIGEST_LENGTH = 20;
const SALT_LENGTH = 20;
const WHITENER = Buffer.from('Mighty Aphrodite', 'utf8');

/** The OID of Sun's proprietary JKS key protector, inside the EncryptedPrivateKeyInfo. */
const JKS_KEY_PROTECTOR_OID = '1.3.6.1.4.1.42.2.17.1.1';

/** Passwords for a JKS or JCEKS store; undefined is Java's null. */
export interface JksPasswords {
  readonly store: string | undefined;
  readonly key: string | undefined;
}

/** Opens a JKS or JCEKS store. Never throws: problems land in the report. */
export function readJks(
  bytes: Uint8Array,
  format: 'jks' | 'jceks',
  passwords: JksPasswords,
): StoreReading {
  const entries: StoreEntry[] = [];
  const password = checkDigest(bytes, passwords.store);
  const base = {
    format,
    password,
    entries,
    algorithms: [] as StoreAlgorithm[],
    skippedEncryptedContent: false,
    ignoredKeyBags: 0,
  };
  // Java stops at the damage before it reaches the digest, so the password is not judged.
  const damaged = (detail: string): StoreReading => ({
    ...base,
    password: 'unchecked',
    entries: [],
    incomplete: true,
    error: { kind: 'corrupt', message: `The keystore is damaged: ${detail}.` },
  });
  const reader = new JavaDataReader(bytes);
  try {
    reader.readInt('the magic number');
    const version = reader.readInt('the version');
    if (version !== 1 && version !== 2) {
      return damaged(`unknown version ${version}`);
    }
    const count = reader.readInt('the entry count');
    for (let i = 0; i < count; i++) {
      const tag = reader.readInt('an entry tag');
      if (tag === 1) {
        entries.push(readPrivateKey(reader, version, format, passwords.key));
      } else if (tag === 2) {
        const alias = reader.readUtf('an alias');
        reader.readLong('an entry date');
        entries.push({
          alias,
          kind: 'trusted-certificate',
          chain: [readCertificate(reader, version)],
        });
      } else if (tag === 3 && format === 'jceks') {
        // A secret key is a serialised Java object with no length in front of it, so the
        // entries after it cannot be found without a Java deserialiser.
        // FIXME: entries after a JCEKS secret key are not listed, so a JCEKS keystore whose
        // private key comes after a secret key gets no store-content or certificate checks.
        entries.push({ alias: reader.readUtf('an alias'), kind: 'secret-key', chain: [] });
        return { ...base, incomplete: i + 1 < count };
      } else {
        return damaged(`unknown entry tag ${tag}`);
      }
    }
    if (bytes.length - reader.position < DIGEST_LENGTH) {
      return damaged('the integrity digest is missing');
    }
    return { ...base, incomplete: false };
  } catch (error) {
    if (error instanceof JavaDataError) {
      return damaged(error.message);
    }
    throw error;
  }
}

function readCertificate(reader: JavaDataReader, version: number): Uint8Array {
  if (version === 2) {
    const type = reader.readUtf('a certificate type');
    if (type !== 'X.509') {
      throw new JavaDataError(`a certificate of type ${type}, which is not X.509`);
    }
  }
  return reader.readBlock('a certificate');
}

function readPrivateKey(
  reader: JavaDataReader,
  version: number,
  format: 'jks' | 'jceks',
  keyPassword: string | undefined,
): StoreEntry {
  const alias = reader.readUtf('an alias');
  reader.readLong('an entry date');
  const protectedKey = reader.readBlock('a protected key');
  const chainLength = reader.readInt('a certificate chain length');
  const chain: Uint8Array[] = [];
  for (let i = 0; i < chainLength; i++) {
    chain.push(readCertificate(reader, version));
  }
  if (format === 'jceks') {
    // JCEKS protects keys with Sun's PBEWithMD5AndTripleDES, which is not checked here.
    return { alias, kind: 'private-key', chain, keyPassword: 'unchecked', keyProtection: 'JCEKS' };
  }
  return {
    alias,
    kind: 'private-key',
    chain,
    keyPassword: checkJksKeyPassword(protectedKey, keyPassword),
    keyProtection: 'JKS key protector',
  };
}

/** Verifies the trailing digest, which is how Java's load checks the store password. */
function checkDigest(bytes: Uint8Array, password: string | undefined): PasswordCheck {
  // Java skips the check for a null password only; an empty password is checked.
  if (password === undefined || bytes.length < DIGEST_LENGTH) {
    return 'unchecked';
  }
  const body = bytes.subarray(0, bytes.length - DIGEST_LENGTH);
  const expected = bytes.subarray(bytes.length - DIGEST_LENGTH);
  const actual = createHash('sha1')
    .update(passwordUtf16Be(password))
    .update(WHITENER)
    .update(body)
    .digest();
  return timingSafeEqual(actual, expected) ? 'verified' : 'wrong';
}

/**
 * Recovers a key protected by Sun's JKS key protector far enough to check the password:
 * the key is XORed with a SHA-1 keystream of password and salt, and followed by
 * SHA-1(password, key).
 */
function checkJksKeyPassword(
  protectedKey: Uint8Array,
  password: string | undefined,
): PasswordCheck {
  if (password === undefined) {
    return 'unchecked';
  }
  const encrypted = encryptedData(protectedKey);
  if (encrypted === undefined || encrypted.length < SALT_LENGTH + DIGEST_LENGTH) {
    return 'unchecked';
  }
  const passwordBytes = passwordUtf16Be(password);
  const salt = encrypted.subarray(0, SALT_LENGTH);
  const body = encrypted.subarray(SALT_LENGTH, encrypted.length - DIGEST_LENGTH);
  const check = encrypted.subarray(encrypted.length - DIGEST_LENGTH);
  const plain = new Uint8Array(body.length);
  let block: Uint8Array = salt;
  for (let offset = 0; offset < body.length; offset += DIGEST_LENGTH) {
    block = createHash('sha1').update(passwordBytes).update(block).digest();
    for (let i = 0; i < DIGEST_LENGTH && offset + i < body.length; i++) {
      plain[offset + i] = (body[offset + i] as number) ^ (block[i] as number);
    }
  }
  const digest = createHash('sha1').update(passwordBytes).update(plain).digest();
  return timingSafeEqual(digest, check) ? 'verified' : 'wrong';
}

/**
 * The encrypted data of an EncryptedPrivateKeyInfo protected by the JKS key protector:
 * SEQUENCE { SEQUENCE { OID, NULL }, OCTET STRING }; undefined when it is anything else.
 */
function encryptedData(info: Uint8Array): Uint8Array | undefined {
  try {
    const root = parseDer(toBinary(info));
    if (
      oidOf(child(child(root, 0, 'the key algorithm'), 0, 'the OID'), 'the OID') !==
      JKS_KEY_PROTECTOR_OID
    ) {
      return undefined;
    }
    return fromBinary(octets(child(root, 1, 'the encrypted key'), 'the encrypted key'));
  } catch (error) {
    if (error instanceof DerError) {
      return undefined;
    }
    throw error;
  }
}
