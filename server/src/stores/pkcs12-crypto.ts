/**
 * The password-based cryptography of PKCS#12 (RFC 7292, RFC 8018): naming the algorithms a
 * file uses, deriving keys, decrypting and checking the MAC.
 *
 * Node's own crypto does the heavy work (PBKDF2, AES, 3DES, HMAC) so that opening a store
 * stays fast; node-forge's pure JavaScript PBKDF2 took 180 ms on a keytool truststore.
 * node-forge supplies RC2, which Node's OpenSSL 3 only has in its legacy provider.
 */

import * as nodeCrypto from 'node:crypto';
import { createDecipheriv, createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import forge from 'node-forge';
import { type Asn1, child, children, octets, oidOf, smallInteger } from './der';
import type { StoreAlgorithm } from './types';

const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';

type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** The PKCS#12 PBE schemes of RFC 7292 appendix C, all keyed with SHA-1. */
const PKCS12_PBE: Readonly<Record<string, { name: string; cipher: string; keyLength: number }>> = {
  '1.2.840.113549.1.12.1.1': { name: 'pbeWithSHAAnd128BitRC4', cipher: 'rc4', keyLength: 16 },
  '1.2.840.113549.1.12.1.2': { name: 'pbeWithSHAAnd40BitRC4', cipher: 'rc4', keyLength: 5 },
  '1.2.840.113549.1.12.1.3': {
    name: 'pbeWithSHAAnd3-KeyTripleDES-CBC',
    cipher: 'des-ede3-cbc',
    keyLength: 24,
  },
  '1.2.840.113549.1.12.1.4': {
    name: 'pbeWithSHAAnd2-KeyTripleDES-CBC',
    cipher: 'des-ede-cbc',
    keyLength: 16,
  },
  '1.2.840.113549.1.12.1.5': { name: 'pbeWithSHAAnd128BitRC2-CBC', cipher: 'rc2', keyLength: 16 },
  '1.2.840.113549.1.12.1.6': { name: 'pbeWithSHAAnd40BitRC2-CBC', cipher: 'rc2', keyLength: 5 },
};

/** The ciphers PBES2 names, with the Node cipher and key length for each. */
const PBES2_CIPHERS: Readonly<Record<string, { name: string; cipher: string; keyLength: number }>> =
  {
    '2.16.840.1.101.3.4.1.2': { name: 'AES-128-CBC', cipher: 'aes-128-cbc', keyLength: 16 },
    '2.16.840.1.101.3.4.1.22': { name: 'AES-192-CBC', cipher: 'aes-192-cbc', keyLength: 24 },
    '2.16.840.1.101.3.4.1.42': { name: 'AES-256-CBC', cipher: 'aes-256-cbc', keyLength: 32 },
    '1.2.840.113549.3.7': { name: 'DES-EDE3-CBC', cipher: 'des-ede3-cbc', keyLength: 24 },
    '1.3.14.3.2.7': { name: 'DES-CBC', cipher: 'des-cbc', keyLength: 8 },
  };

const PRF_HASHES: Readonly<Record<string, HashName>> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

/** Digest OIDs of the classic PKCS#12 MAC. */
export const MAC_HASHES: Readonly<Record<string, HashName>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** A decryption scheme read from an AlgorithmIdentifier, before any password is tried. */
export interface PbeScheme {
  readonly algorithm: Omit<StoreAlgorithm, 'target'>;
  /** Decrypts with a password; undefined when the padding or cipher says it is wrong. */
  readonly decrypt?: (password: string, data: string) => Buffer | undefined;
}

/** Reads an AlgorithmIdentifier of a password-based cipher; never needs the password. */
export function readPbeScheme(algorithmIdentifier: Asn1): PbeScheme {
  const oid = oidOf(child(algorithmIdentifier, 0, 'the algorithm'), 'the algorithm');
  const params = children(algorithmIdentifier, 'the algorithm')[1];
  const pkcs12 = PKCS12_PBE[oid];
  if (pkcs12 !== undefined) {
    const salt = octets(child(params, 0, 'the PBE salt'), 'the PBE salt');
    const iterations = smallInteger(child(params, 1, 'the PBE iterations'), 'the iterations');
    const legacy = pkcs12.cipher === 'rc2' || pkcs12.cipher === 'rc4';
    const algorithm = { name: pkcs12.name, oid, iterations, legacy };
    // FIXME: RC4 content, which Java reads, is not decrypted (Node's OpenSSL 3 lacks RC4 and
    // node-forge has none): its entries are missing and its password stays unchecked.
    if (pkcs12.cipher === 'rc4') {
      return { algorithm };
    }
    return {
      algorithm,
      decrypt: (password, data) => {
        for (const bytes of pkcs12Passwords(password)) {
          const derive = (id: number, length: number) =>
            pkcs12Kdf(bytes, salt, id, iterations, length, 'sha1');
          const plain = decipher(pkcs12.cipher, derive(1, pkcs12.keyLength), derive(2, 8), data);
          if (plain !== undefined) {
            return plain;
          }
        }
        return undefined;
      },
    };
  }
  if (oid === PBES2) {
    return readPbes2(oid, params);
  }
  return { algorithm: { name: oid, oid, legacy: true } };
}

function readPbes2(oid: string, params: Asn1 | undefined): PbeScheme {
  const kdf = child(params, 0, 'the PBES2 key derivation');
  const scheme = child(params, 1, 'the PBES2 encryption scheme');
  const schemeOid = oidOf(child(scheme, 0, 'the PBES2 cipher'), 'the PBES2 cipher');
  const cipher = PBES2_CIPHERS[schemeOid];
  if (oidOf(child(kdf, 0, 'the PBES2 key derivation'), 'the key derivation') !== PBKDF2) {
    return { algorithm: { name: 'PBES2 with an unknown key derivation', oid, legacy: false } };
  }
  const kdfParams = children(child(kdf, 1, 'the PBKDF2 parameters'), 'the PBKDF2 parameters');
  const salt = octets(kdfParams[0], 'the PBKDF2 salt');
  const iterations = smallInteger(kdfParams[1], 'the PBKDF2 iterations');
  // keyLength is optional and comes before the PRF; the PRF is the last SEQUENCE if any.
  const prfNode = kdfParams.slice(2).find((node) => Array.isArray(node.value));
  const prfOid =
    prfNode === undefined ? '1.2.840.113549.2.7' : oidOf(child(prfNode, 0, 'prf'), 'prf');
  const hash = PRF_HASHES[prfOid];
  const name = `PBES2 ${cipher?.name ?? schemeOid} (PBKDF2 ${hash?.toUpperCase() ?? prfOid})`;
  const algorithm = { name, oid, iterations, legacy: cipher?.cipher === 'des-cbc' };
  if (cipher === undefined || hash === undefined) {
    return { algorithm };
  }
  const iv = octets(child(scheme, 1, 'the PBES2 IV'), 'the PBES2 IV');
  return {
    algorithm,
    decrypt: (password, data) => {
      const key = pbkdf2Sync(
        Buffer.from(password, 'utf8'),
        Buffer.from(salt, 'latin1'),
        iterations,
        cipher.keyLength,
        hash,
      );
      return decipher(cipher.cipher, key, Buffer.from(iv, 'latin1'), data);
    },
  };
}

function decipher(cipher: string, key: Buffer, iv: Buffer, data: string): Buffer | undefined {
  if (cipher === 'rc2') {
    const rc2 = forge.rc2.createDecryptionCipher(key.toString('latin1'), key.length * 8);
    rc2.start(iv.toString('latin1'));
    rc2.update(forge.util.createBuffer(data));
    return rc2.finish() ? Buffer.from(rc2.output.getBytes(), 'latin1') : undefined;
  }
  try {
    const node = createDecipheriv(cipher, key, iv);
    return Buffer.concat([node.update(Buffer.from(data, 'latin1')), node.final()]);
  } catch {
    // A bad padding is what a wrong password looks like; a cipher missing from this
    // Node build is reported the same way, as the file cannot be read either way.
    return undefined;
  }
}

/**
 * The byte forms a password takes in the PKCS#12 key derivation: a BMPString with a NUL
 * terminator. An empty password is tried in every form writers use for it: no bytes (Java),
 * one NUL (OpenSSL), or a NUL character plus terminator (Java's retry).
 */
export function pkcs12Passwords(password: string): Buffer[] {
  if (password.length === 0) {
    return [Buffer.alloc(0), Buffer.alloc(2), Buffer.alloc(4)];
  }
  const bytes = Buffer.alloc(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    bytes.writeUInt16BE(password.charCodeAt(i), 2 * i);
  }
  return [bytes];
}

const hashOnce: (hash: HashName, data: Buffer) => Buffer =
  typeof (nodeCrypto as { hash?: unknown }).hash === 'function'
    ? (hash, data) => nodeCrypto.hash(hash, data, 'buffer')
    : (hash, data) => createHash(hash).update(data).digest();

/** The key derivation of RFC 7292 appendix B.2, with Node's hashes. */
export function pkcs12Kdf(
  password: Buffer,
  saltText: string,
  id: number,
  iterations: number,
  length: number,
  hash: HashName,
): Buffer {
  const u = createHash(hash).digest().length;
  const v = hash === 'sha384' || hash === 'sha512' ? 128 : 64;
  const salt = Buffer.from(saltText, 'latin1');
  const fill = (source: Buffer): Buffer => {
    const size = v * Math.ceil(source.length / v);
    const out = Buffer.alloc(size);
    for (let i = 0; i < size; i++) {
      out[i] = source[i % source.length] as number;
    }
    return out;
  };
  const input = Buffer.concat([fill(salt), fill(password)]);
  const diversifier = Buffer.alloc(v, id);
  const output = Buffer.alloc(Math.ceil(length / u) * u);
  for (let block = 0; block * u < length; block++) {
    let a = hashOnce(hash, Buffer.concat([diversifier, input]));
    for (let round = 1; round < iterations; round++) {
      a = hashOnce(hash, a);
    }
    a.copy(output, block * u);
    const b = fill(a);
    // I_j = (I_j + B + 1) mod 2^(8v) for each v-byte block of I.
    for (let j = 0; j < input.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = (input[j + k] as number) + (b[k] as number) + carry;
        input[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return output.subarray(0, length);
}

/** The MacData of a PFX, read without a password. */
export interface MacData {
  readonly algorithm: Omit<StoreAlgorithm, 'target'>;
  /** Checks the MAC over the AuthenticatedSafe content; undefined if it cannot. */
  readonly verify?: (password: string, content: string) => boolean;
}

/** Reads MacData ::= SEQUENCE { DigestInfo, macSalt, iterations DEFAULT 1 }. */
export function readMacData(macData: Asn1): MacData {
  const digestInfo = child(macData, 0, 'the MAC');
  const oid = oidOf(child(child(digestInfo, 0, 'the MAC digest'), 0, 'digest'), 'digest');
  const expected = octets(child(digestInfo, 1, 'the MAC value'), 'the MAC value');
  const salt = octets(child(macData, 1, 'the MAC salt'), 'the MAC salt');
  const iterationsNode = children(macData, 'the MAC')[2];
  const iterations =
    iterationsNode === undefined ? 1 : smallInteger(iterationsNode, 'the MAC iterations');
  const hash = MAC_HASHES[oid];
  const name = hash === undefined ? oid : `HMAC-${hash.toUpperCase()}`;
  const algorithm = { name, oid, iterations, legacy: false };
  // FIXME: PBMAC1 (RFC 9579), which OpenSSL 3.4 can write, is not implemented: such a
  // file's password is reported unchecked.
  if (hash === undefined) {
    return { algorithm };
  }
  const length = createHash(hash).digest().length;
  return {
    algorithm,
    verify: (password, content) =>
      pkcs12Passwords(password).some((bytes) => {
        const key = pkcs12Kdf(bytes, salt, 3, iterations, length, hash);
        const mac = createHmac(hash, key).update(Buffer.from(content, 'latin1')).digest();
        return mac.toString('latin1') === expected;
      }),
  };
}
