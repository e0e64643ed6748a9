/**
 * Reads the SafeBags of a PKCS#12 SafeContents the way Java's PKCS12KeyStore does: which
 * bags become entries, under which alias, and which certificates are only chain material.
 */
import forge from 'node-forge';
import {
  type Asn1,
  child,
  children,
  DerError,
  fromBinary,
  isContextTag,
  octets,
  oidOf,
  parseDer,
} from './der';
import { type PbeScheme, readPbeScheme } from './pkcs12-crypto';
import type { PasswordCheck, StoreAlgorithm } from './types';

const KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const SECRET_BAG = '1.2.840.113549.1.12.10.1.5';
const X509_CERTIFICATE = '1.2.840.113549.1.9.22.1';
const FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
/** Oracle's attribute marking a certificate bag as a trusted certificate entry. */
export const TRUSTED_KEY_USAGE = '2.16.840.1.113894.746875.1.1';

/** A private key bag as the loader keeps it until chains are matched. */
export interface KeyBag {
  readonly alias: string;
  readonly keyId: string;
  readonly keyPassword: PasswordCheck;
  readonly keyProtection: string;
}

/** A certificate bag, trusted or not. */
export interface CertificateBag {
  readonly alias: string | undefined;
  readonly keyId: string | undefined;
  readonly der: Uint8Array;
  readonly trusted: boolean;
}

/** What the bags of all SafeContents add up to, filled in file order. */
export interface BagCollector {
  keys: KeyBag[];
  certificates: CertificateBag[];
  secretAliases: string[];
  algorithms: StoreAlgorithm[];
  ignoredKeyBags: number;
  /** Java's count of private keys seen so far, which decides how keys without an ID fare. */
  privateKeyCount: number;
  /** Java's counter for invented aliases ("1", "2", ...). */
  aliasCounter: number;
}

export function newCollector(): BagCollector {
  return {
    keys: [],
    certificates: [],
    secretAliases: [],
    algorithms: [],
    ignoredKeyBags: 0,
    privateKeyCount: 0,
    aliasCounter: 0,
  };
}

interface BagAttributes {
  alias?: string;
  keyId?: string;
  trusted: boolean;
}

function readAttributes(set: Asn1 | undefined): BagAttributes {
  const attributes: BagAttributes = { trusted: false };
  if (set === undefined) {
    return attributes;
  }
  for (const attribute of children(set, 'the bag attributes')) {
    const oid = oidOf(child(attribute, 0, 'an attribute type'), 'an attribute type');
    const value = children(child(attribute, 1, 'an attribute value'), 'an attribute value')[0];
    if (oid === FRIENDLY_NAME && value !== undefined && typeof value.value === 'string') {
      // node-forge has already decoded a BMPString into text.
      attributes.alias = value.value;
    } else if (oid === LOCAL_KEY_ID && value !== undefined) {
      attributes.keyId = octets(value, 'the local key ID');
    } else if (oid === TRUSTED_KEY_USAGE) {
      attributes.trusted = true;
    }
  }
  return attributes;
}

/**
 * Reads one SafeContents. `keyPassword` is tried on shrouded keys, which Java only decrypts
 * when the key manager asks for the key, with the key password.
 */
export function readSafeContents(
  safeContents: string,
  keyPassword: string | undefined,
  collector: BagCollector,
): void {
  const bags = children(parseDer(safeContents), 'the SafeContents');
  bags.forEach((bag, index) => {
    const bagId = oidOf(child(bag, 0, 'a bag type'), 'a bag type');
    const wrapper = child(bag, 1, 'a bag value');
    if (!isContextTag(wrapper, 0)) {
      throw new DerError('a bag value is not tagged [0]');
    }
    const value = child(wrapper, 0, 'a bag value');
    const setNode = children(bag, 'a bag')[2];
    const attributes = readAttributes(setNode?.type === forge.asn1.Type.SET ? setNode : undefined);
    if (bagId === SHROUDED_KEY_BAG) {
      collector.privateKeyCount++;
      readShroudedKey(value, attributes, keyPassword, collector);
    } else if (bagId === CERT_BAG) {
      readCertificate(value, attributes, index, collector);
    } else if (bagId === SECRET_BAG) {
      collector.secretAliases.push(attributes.alias ?? nextAlias(collector));
    } else if (bagId === KEY_BAG) {
      collector.ignoredKeyBags++;
    }
  });
}

function nextAlias(collector: BagCollector): string {
  collector.aliasCounter++;
  return String(collector.aliasCounter);
}

function readShroudedKey(
  value: Asn1,
  attributes: BagAttributes,
  keyPassword: string | undefined,
  collector: BagCollector,
): void {
  const scheme = readPbeScheme(child(value, 0, 'the key encryption algorithm'));
  collector.algorithms.push({ target: 'private-key', ...scheme.algorithm });
  let keyId = attributes.keyId;
  if (keyId === undefined) {
    // Java pairs an unnamed key with its certificate only when it is the only key so far;
    // any later unnamed key is dropped from the store.
    if (collector.privateKeyCount !== 1) {
      return;
    }
    keyId = '01';
  }
  const encrypted = octets(child(value, 1, 'the encrypted key'), 'the encrypted key');
  collector.keys.push({
    alias: attributes.alias ?? nextAlias(collector),
    keyId,
    keyPassword: checkKeyPassword(scheme, keyPassword, encrypted),
    keyProtection: scheme.algorithm.name,
  });
}

function checkKeyPassword(
  scheme: PbeScheme,
  password: string | undefined,
  encrypted: string,
): PasswordCheck {
  if (password === undefined || scheme.decrypt === undefined) {
    return 'unchecked';
  }
  const plain = scheme.decrypt(password, encrypted);
  // A PrivateKeyInfo starts SEQUENCE { INTEGER 0 | 1 ...; a wrong key rarely survives both
  // the padding check and this.
  if (plain === undefined || plain[0] !== 0x30) {
    return 'wrong';
  }
  try {
    const info = parseDer(plain.toString('latin1'));
    const version = child(info, 0, 'the key version');
    return version.type === forge.asn1.Type.INTEGER ? 'verified' : 'wrong';
  } catch {
    return 'wrong';
  }
}

function readCertificate(
  value: Asn1,
  attributes: BagAttributes,
  index: number,
  collector: BagCollector,
): void {
  if (oidOf(child(value, 0, 'the certificate type'), 'the certificate type') !== X509_CERTIFICATE) {
    return;
  }
  const wrapper = child(value, 1, 'the certificate');
  const der = fromBinary(octets(child(wrapper, 0, 'the certificate'), 'the certificate'));
  let keyId = attributes.keyId;
  // Java's workaround for files with one key and no local key IDs: the first bag of a
  // SafeContents is taken to be the key's certificate.
  if (keyId === undefined && collector.privateKeyCount === 1 && index === 0) {
    keyId = '01';
  }
  const alias =
    attributes.trusted && attributes.alias === undefined ? nextAlias(collector) : attributes.alias;
  collector.certificates.push({ alias, keyId, der, trusted: attributes.trusted });
}
