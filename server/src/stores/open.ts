/**
 * Opens a keystore or truststore from its bytes, whatever its format.
 */
import { detectStoreFormat, formatName } from './format';
import { readJks } from './jks';
import { readPkcs12 } from './pkcs12';
import type { StoreReport } from './types';

/** Passwords to open a store with; an undefined password is Java's null. */
export interface StorePasswords {
  /** The store password (`key-store.password`, `trust-store.password`). */
  readonly store?: string | undefined;
  /**
   * The password of the private keys, if it differs: Micronaut passes `key.password`,
   * falling back to the store password, to the key manager.
   */
  readonly key?: string | undefined;
}

/**
 * Reads a store as Java's KeyStore.load would, with the given passwords. Never throws and
 * never touches the file system: the caller reads the file (and bounds its size).
 */
export function openStore(bytes: Uint8Array, passwords: StorePasswords = {}): StoreReport {
  const format = detectStoreFormat(bytes);
  const keyPasswords = { store: passwords.store, key: passwords.key ?? passwords.store };
  const passwordGiven = passwords.store !== undefined;
  switch (format) {
    case 'jks':
    case 'jceks':
      return { ...readJks(bytes, format, keyPasswords), passwordGiven };
    case 'pkcs12':
      return { ...readPkcs12(bytes, keyPasswords), passwordGiven };
    default:
      return {
        passwordGiven,
        format,
        password: 'unchecked',
        entries: [],
        algorithms: [],
        skippedEncryptedContent: false,
        ignoredKeyBags: 0,
        incomplete: true,
        error: {
          kind: 'format',
          message:
            bytes.length === 0
              ? 'The file is empty.'
              : format === 'unknown'
                ? 'The file is not a JKS, JCEKS or PKCS#12 keystore.'
                : `The file is ${formatName(format)}, not a JKS, JCEKS or PKCS#12 keystore.`,
        },
      };
  }
}
