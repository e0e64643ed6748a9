import { createCipheriv, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { algorithmWithNull, integer, octetString, oid, sequence, toDer } from './der';

/**
 * PKCS#8 EncryptedPrivateKeyInfo with PBES2 (PBKDF2 with HMAC-SHA256, AES-256-CBC), the
 * profile OpenSSL 3 and Java 17 both write and read by default. The key derivation runs
 * on libuv's thread pool, so it never holds the event loop; the JavaScript PBKDF2 of
 * node-forge would. Writing it here also keeps the result the same under BoringSSL
 * (Electron), whose own PKCS#8 export picks other algorithms.
 */

const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const HMAC_WITH_SHA256 = '1.2.840.113549.2.9';
const AES_256_CBC = '2.16.840.1.101.3.4.1.42';

/** Java's default PBKDF2 iteration count for PKCS#12 keys. */
export const PBKDF2_ITERATIONS = 10_000;

const pbkdf2Async = promisify(pbkdf2);

/** Encrypts an unencrypted PKCS#8 PrivateKeyInfo (DER) with the password. */
export async function encryptPrivateKeyInfo(
  privateKeyInfo: Buffer,
  password: string,
): Promise<Buffer> {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = await pbkdf2Async(
    Buffer.from(password, 'utf8'),
    salt,
    PBKDF2_ITERATIONS,
    32,
    'sha256',
  );
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(privateKeyInfo), cipher.final()]);

  return toDer(
    sequence(
      sequence(
        oid(PBES2),
        sequence(
          sequence(
            oid(PBKDF2),
            sequence(
              octetString(salt),
              integer(PBKDF2_ITERATIONS),
              algorithmWithNull(HMAC_WITH_SHA256),
            ),
          ),
          sequence(oid(AES_256_CBC), octetString(iv)),
        ),
      ),
      octetString(encrypted),
    ),
  );
}
