/**
 * Reads PKCS#12 keystores with the semantics of Java's PKCS12KeyStore.load: encrypted
 * SafeContents are skipped without a password, the MAC is checked only with one, key bags
 * are matched to their certificates by local key ID, and a certificate is a trusted entry
 * only when its bag carries Oracle's trusted-key-usage attribute.
 *
 * node-forge's own pkcs12FromAsn1 is not used: it drops that attribute, stops at the first
 * undecryptable part (so the algorithms of a file it cannot open stay unknown), decrypts
 * keys with the store password where Java uses the key password, and runs PBKDF2 in
 * JavaScript. Its ASN.1 decoder and RC2 cipher are used instead.
 */
import { X509Certificate } from 'node:crypto';
import {
  type Asn1,
  child,
  children,
  DerError,
  isContextTag,
  octets,
  oidOf,
  parseDer,
  smallInteger,
  toBinary,
} from './der';
import {
  type BagCollector,
  type CertificateBag,
  newCollector,
  readSafeContents,
} from './pkcs12-bags';
import { readMacData, readPbeScheme } from './pkcs12-crypto';
import type { PasswordCheck, StoreEntry, StoreError, StoreReading } from './types';

const DATA = '1.2.840.113549.1.7.1';
const ENCRYPTED_DATA = '1.2.840.113549.1.7.6';

/** Passwords for a PKCS#12 store; undefined is Java's null. */
export interface Pkcs12Passwords {
  readonly store: string | undefined;
  readonly key: string | undefined;
}

interface ReadState {
  password: PasswordCheck;
  skippedEncryptedContent: boolean;
  incomplete: boolean;
}

/** Opens a PKCS#12 store. Never throws: problems land in the report. */
export function readPkcs12(bytes: Uint8Array, passwords: Pkcs12Passwords): StoreReading {
  const collector = newCollector();
  const state: ReadState = {
    password: 'unchecked',
    skippedEncryptedContent: false,
    incomplete: false,
  };
  const report = (error?: StoreError): StoreReading => ({
    format: 'pkcs12',
    password: state.password,
    entries: error === undefined ? buildEntries(collector) : [],
    algorithms: collector.algorithms,
    skippedEncryptedContent: state.skippedEncryptedContent,
    ignoredKeyBags: collector.ignoredKeyBags,
    incomplete: state.incomplete || error !== undefined,
    ...(error === undefined ? {} : { error }),
  });
  try {
    const error = readPfx(toBinary(bytes), passwords, collector, state);
    return report(error);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const kind = error instanceof DerError ? 'corrupt' : 'unsupported';
    return report({ kind, message: `The PKCS#12 file cannot be read: ${detail}.` });
  }
}

function readPfx(
  binary: string,
  passwords: Pkcs12Passwords,
  collector: BagCollector,
  state: ReadState,
): StoreError | undefined {
  const pfx = parseDer(binary);
  if (smallInteger(child(pfx, 0, 'the version'), 'the version') !== 3) {
    return { kind: 'corrupt', message: 'The PKCS#12 file is not in version 3 format.' };
  }
  const authSafe = child(pfx, 1, 'the AuthenticatedSafe');
  if (oidOf(child(authSafe, 0, 'the content type'), 'the content type') !== DATA) {
    return {
      kind: 'corrupt',
      message: 'The PKCS#12 file is protected with a public key, which Java does not support.',
    };
  }
  const content = octets(child(child(authSafe, 1, 'the content'), 0, 'the data'), 'the data');
  const macNode = children(pfx, 'the PFX')[2];
  const store = passwords.store;
  if (macNode !== undefined) {
    const mac = readMacData(macNode);
    collector.algorithms.push({ target: 'integrity', ...mac.algorithm });
    if (store !== undefined && mac.verify !== undefined) {
      state.password = mac.verify(store, content) ? 'verified' : 'wrong';
    }
  }
  const keyPassword = passwords.key ?? store;
  for (const contentInfo of children(parseDer(content), 'the AuthenticatedSafe')) {
    const type = oidOf(child(contentInfo, 0, 'a content type'), 'a content type');
    const body = child(child(contentInfo, 1, 'a content'), 0, 'a content');
    if (type === DATA) {
      readSafeContents(octets(body, 'the SafeContents'), keyPassword, collector);
    } else if (type === ENCRYPTED_DATA) {
      readEncryptedContent(body, store, keyPassword, collector, state);
    } else {
      return {
        kind: 'corrupt',
        message: 'The PKCS#12 file holds public-key encrypted content, which Java refuses.',
      };
    }
  }
  return undefined;
}

/** EncryptedData ::= SEQUENCE { version, SEQUENCE { type, algorithm, [0] content } }. */
function readEncryptedContent(
  encryptedData: Asn1,
  store: string | undefined,
  keyPassword: string | undefined,
  collector: BagCollector,
  state: ReadState,
): void {
  const info = child(encryptedData, 1, 'the EncryptedContentInfo');
  const scheme = readPbeScheme(child(info, 1, 'the content encryption algorithm'));
  collector.algorithms.push({ target: 'certificates', ...scheme.algorithm });
  if (store === undefined) {
    // Java skips encrypted content when no password is given, losing what it holds.
    state.skippedEncryptedContent = true;
    return;
  }
  const encrypted = children(info, 'the EncryptedContentInfo')[2];
  if (state.password === 'wrong' || encrypted === undefined || !isContextTag(encrypted, 0)) {
    state.incomplete = true;
    return;
  }
  if (scheme.decrypt === undefined) {
    state.incomplete = true;
    return;
  }
  const plain = scheme.decrypt(store, octets(encrypted, 'the encrypted content'));
  if (plain === undefined) {
    state.password = 'wrong';
    state.incomplete = true;
    return;
  }
  try {
    readSafeContents(plain.toString('latin1'), keyPassword, collector);
  } catch (error) {
    if (!(error instanceof DerError)) {
      throw error;
    }
    // Garbage that happened to end in valid padding: the password is wrong.
    state.password = 'wrong';
    state.incomplete = true;
    return;
  }
  if (state.password === 'unchecked') {
    state.password = 'verified';
  }
}

/** Turns the collected bags into entries, matching keys to chains as Java does. */
function buildEntries(collector: BagCollector): StoreEntry[] {
  const parsed = new Map<CertificateBag, X509Certificate | undefined>();
  const certificateOf = (bag: CertificateBag): X509Certificate | undefined => {
    if (!parsed.has(bag)) {
      let certificate: X509Certificate | undefined;
      try {
        certificate = new X509Certificate(bag.der);
      } catch {
        certificate = undefined;
      }
      parsed.set(bag, certificate);
    }
    return parsed.get(bag);
  };
  const entries: StoreEntry[] = [];
  for (const key of collector.keys) {
    entries.push({
      alias: key.alias,
      kind: 'private-key',
      chain: buildChain(key, collector.certificates, certificateOf),
      keyPassword: key.keyPassword,
      keyProtection: key.keyProtection,
    });
  }
  const inChains = new Set(entries.flatMap((entry) => entry.chain));
  for (const bag of collector.certificates) {
    if (bag.trusted) {
      entries.push({ alias: bag.alias ?? '', kind: 'trusted-certificate', chain: [bag.der] });
    } else if (!inChains.has(bag.der)) {
      entries.push({ alias: bag.alias ?? '', kind: 'certificate-only', chain: [bag.der] });
    }
  }
  for (const alias of collector.secretAliases) {
    entries.push({ alias, kind: 'secret-key', chain: [] });
  }
  return entries;
}

function buildChain(
  key: BagCollector['keys'][number],
  bags: readonly CertificateBag[],
  certificateOf: (bag: CertificateBag) => X509Certificate | undefined,
): Uint8Array[] {
  // Java prefers a bag matching both key ID and alias, then key ID, then alias alone.
  const untrusted = bags.filter((bag) => !bag.trusted);
  const alias = key.alias.toLowerCase();
  const first =
    untrusted.find((bag) => bag.keyId === key.keyId && bag.alias?.toLowerCase() === alias) ??
    untrusted.find((bag) => bag.keyId === key.keyId) ??
    untrusted.find((bag) => bag.alias?.toLowerCase() === alias);
  const chain: CertificateBag[] = [];
  let current = first;
  while (current !== undefined && !chain.includes(current)) {
    chain.push(current);
    const certificate = certificateOf(current);
    if (certificate === undefined || certificate.checkIssued(certificate)) {
      break;
    }
    current = bags.find((bag) => {
      const issuer = certificateOf(bag);
      return issuer !== undefined && bag !== current && certificate.checkIssued(issuer);
    });
  }
  return chain.map((bag) => bag.der);
}
