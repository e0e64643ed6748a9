/**
 * Shapes shared by the keystore and truststore inspection library.
 *
 * Everything here is plain data: a report can be cached by the content hash of the file it
 * describes and handed to the rules without holding on to any key material.
 */

/** The format of a store as read from its first bytes, whatever its name or declared type. */
export type StoreFormat =
  /** Sun's JKS: magic 0xFEEDFEED. */
  | 'jks'
  /** SunJCE's JCEKS: magic 0xCECECECE. */
  | 'jceks'
  /** A DER PFX (PKCS#12) structure: SEQUENCE { INTEGER 3, ContentInfo ... }. */
  | 'pkcs12'
  /** A PEM text file (certificate or key), which no Java keystore type loads. */
  | 'pem'
  /** DER that is not a PFX, such as a lone certificate in a .cer or .der file. */
  | 'der'
  /** Anything else, an empty file included. */
  | 'unknown';

/** The keystore types Java ships, as written in Micronaut's `key-store.type`. */
export type DeclaredStoreType = 'JKS' | 'PKCS12' | 'JCEKS';

/**
 * What opening a store with a password established about that password.
 * `unchecked` means Java would not check it either (no password given, a PKCS#12 file
 * without a MAC) or that this library cannot (an algorithm it does not implement).
 */
export type PasswordCheck = 'verified' | 'wrong' | 'unchecked';

/**
 * The kind of an entry as Java's KeyStore would present it.
 * `certificate-only` is a PKCS#12 certificate that Java does not list as an entry: it is not
 * the certificate of a key and its bag lacks Java's trusted-certificate attribute.
 */
export type StoreEntryKind =
  | 'private-key'
  | 'trusted-certificate'
  | 'certificate-only'
  | 'secret-key';

/** One entry of a store. */
export interface StoreEntry {
  /** The alias Java reports: JKS stores it lower-cased, PKCS#12 uses the friendly name. */
  readonly alias: string;
  readonly kind: StoreEntryKind;
  /**
   * DER X.509 certificates, leaf first. One certificate for a trusted entry; the key's chain
   * for a private key (empty when Java would see no certificate for it).
   */
  readonly chain: readonly Uint8Array[];
  /** For private keys: whether the key password decrypts the key. */
  readonly keyPassword?: PasswordCheck;
  /** For private keys: how the key is protected, for example `PBES2 AES-256-CBC`. */
  readonly keyProtection?: string;
}

/** What part of a store an algorithm protects. */
export type AlgorithmTarget = 'certificates' | 'private-key' | 'integrity';

/** An encryption or integrity algorithm seen in a store, read even when nothing decrypts. */
export interface StoreAlgorithm {
  readonly target: AlgorithmTarget;
  /** A readable name, for example `pbeWithSHAAnd40BitRC2-CBC` or `PBES2 AES-256-CBC`. */
  readonly name: string;
  readonly oid: string;
  readonly iterations?: number;
  /**
   * True for the RFC 7292 appendix C ciphers with 40-bit or RC4 keys, which OpenSSL 3 only
   * reads with its legacy provider (`openssl pkcs12 -legacy`).
   */
  readonly legacy: boolean;
}

/** Why a store could not be read at all. */
export interface StoreError {
  /**
   * `format`: the bytes are not a store; `corrupt`: a store whose structure is broken;
   * `unsupported`: a valid store this library cannot read (Java may).
   */
  readonly kind: 'format' | 'corrupt' | 'unsupported';
  readonly message: string;
}

/** Everything read from the bytes of one store. Produced by `openStore`, never thrown. */
export interface StoreReport {
  readonly format: StoreFormat;
  /** The store password as Java's `KeyStore.load` would judge it. */
  readonly password: PasswordCheck;
  /** Whether a store password was given at all (Java's null when not). */
  readonly passwordGiven: boolean;
  /** Entries in the order they appear in the file. */
  readonly entries: readonly StoreEntry[];
  readonly algorithms: readonly StoreAlgorithm[];
  /**
   * PKCS#12 only: encrypted certificates were skipped because no password was given, as Java
   * does; the entries they hold are missing from `entries`.
   */
  readonly skippedEncryptedContent: boolean;
  /** PKCS#12 only: unencrypted key bags, which Java's PKCS12 keystore ignores. */
  readonly ignoredKeyBags: number;
  /** True when some entries could not be listed (a JCEKS secret key stops the listing). */
  readonly incomplete: boolean;
  readonly error?: StoreError;
}

/** A report as a format reader produces it, before `openStore` adds what it was given. */
export type StoreReading = Omit<StoreReport, 'passwordGiven'>;

/** Whether a store is used to present a server identity or to decide whom to trust. */
export type StoreRole = 'keystore' | 'truststore';

/** What the configuration says about a store, for the checks to hold the file against. */
export interface StoreExpectations {
  readonly role: StoreRole;
  /** The configured `type`; unset means JKS for Micronaut's key-store and trust-store. */
  readonly declaredType?: string | undefined;
  /** The configured key alias, if any (keystores only). */
  readonly alias?: string | undefined;
}

/** The public rule codes this library produces findings for. */
export type StoreRuleCode =
  | 'store-password'
  | 'store-format'
  | 'store-content'
  | 'cert-hostname'
  | 'cert-expiry'
  | 'cert-untrusted'
  | 'cert-usage';

/** Every rule code, for registering the rules and their default severities. */
export const STORE_RULE_CODES: readonly StoreRuleCode[] = [
  'store-password',
  'store-format',
  'store-content',
  'cert-hostname',
  'cert-expiry',
  'cert-untrusted',
  'cert-usage',
];

export type FindingSeverity = 'error' | 'warning' | 'information' | 'hint';

/** Extra facts a rule or quick fix can use without parsing the message. */
export type FindingData = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/** A problem found in a store or certificate, in a shape the engine maps to diagnostics. */
export interface StoreFinding {
  readonly code: StoreRuleCode;
  readonly severity: FindingSeverity;
  /** Says what goes wrong at runtime and what to do about it. */
  readonly message: string;
  readonly data?: FindingData;
}
