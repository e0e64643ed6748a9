import { isIP } from 'node:net';

/** What the caller asks for; everything but the password has a default. */
export interface CertificateSetOptions {
  /**
   * Password of ca.key, keystore.p12 and both truststores. Required: the generator never
   * invents one, and keytool refuses store passwords shorter than six characters.
   */
  password: string;
  /** Common name of the server certificate; a host name or IP address. Default `localhost`. */
  commonName?: string;
  /**
   * Subject alternative names as `DNS:name` or `IP:address` (a bare value is read as an IP
   * address when it parses as one, else as a DNS name). Default `localhost` and `127.0.0.1`.
   * The common name is always added, so the certificate never names a host it does not match.
   */
  subjectAltNames?: readonly string[];
  /** Days of validity of both certificates. Default 365. */
  validityDays?: number;
  /** RSA modulus length: 2048, 3072 or 4096. Default 4096, as in Kestra's SSL guide. */
  keySize?: number;
  /** Alias (PKCS#12 friendlyName) of the key entry in keystore.p12. Default `kestra`. */
  alias?: string;
  /**
   * Folder the set is written to, as the compose file should mount it. Only used in
   * kestra-ssl.yml; default `./ssl`.
   */
  folder?: string;
}

/** One subject alternative name, already checked. */
export interface SubjectAltName {
  type: 'DNS' | 'IP';
  value: string;
}

/** Options after defaults and checks. */
export interface ResolvedOptions {
  password: string;
  commonName: string;
  subjectAltNames: SubjectAltName[];
  validityDays: number;
  keySize: number;
  alias: string;
  folder: string;
}

/** Thrown for options the generator cannot honour; the message is meant for the user. */
export class CertificateOptionsError extends Error {
  override name = 'CertificateOptionsError';
}

export const KEY_SIZES: readonly number[] = [2048, 3072, 4096];
export const MIN_PASSWORD_LENGTH = 6;
export const MAX_VALIDITY_DAYS = 3650;
const DEFAULT_SANS = ['DNS:localhost', 'IP:127.0.0.1'];
const ALIAS_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// One DNS label; a leading `*.` wildcard label is checked separately.
const DNS_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** Applies the defaults and rejects anything that would yield a set that does not work. */
export function resolveOptions(options: CertificateSetOptions): ResolvedOptions {
  const password = options.password;
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH) {
    throw new CertificateOptionsError(
      `The store password must have at least ${MIN_PASSWORD_LENGTH} characters ` +
        '(keytool refuses shorter ones).',
    );
  }

  const keySize = options.keySize ?? 4096;
  if (!KEY_SIZES.includes(keySize)) {
    throw new CertificateOptionsError(
      `Unsupported RSA key size ${keySize}: choose one of ${KEY_SIZES.join(', ')}.`,
    );
  }

  const validityDays = options.validityDays ?? 365;
  if (!Number.isInteger(validityDays) || validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
    throw new CertificateOptionsError(
      `Validity must be a whole number of days from 1 to ${MAX_VALIDITY_DAYS}, ` +
        `not ${validityDays}.`,
    );
  }

  const alias = options.alias ?? 'kestra';
  if (!ALIAS_PATTERN.test(alias)) {
    throw new CertificateOptionsError(
      `Invalid alias "${alias}": use 1 to 64 letters, digits, dots, dashes or underscores.`,
    );
  }

  const commonName = options.commonName ?? 'localhost';
  const commonNameAsSan = parseSubjectAltName(commonName);
  if (commonName.length > 64) {
    throw new CertificateOptionsError('The common name may have at most 64 characters.');
  }

  const requested = (options.subjectAltNames ?? DEFAULT_SANS).map(parseSubjectAltName);
  return {
    password,
    commonName,
    subjectAltNames: uniqueNames([commonNameAsSan, ...requested]),
    validityDays,
    keySize,
    alias,
    folder: options.folder ?? './ssl',
  };
}

/** Parses `DNS:name`, `IP:address` or a bare name or address. */
export function parseSubjectAltName(text: string): SubjectAltName {
  const match = /^(dns|ip):(.*)$/i.exec(text.trim());
  const type = match ? (match[1]!.toUpperCase() as 'DNS' | 'IP') : undefined;
  const value = match ? match[2]!.trim() : text.trim();

  if (type === 'IP' || (type === undefined && isIP(value) !== 0)) {
    if (isIP(value) === 0) {
      throw new CertificateOptionsError(`"${value}" is not an IPv4 or IPv6 address.`);
    }
    return { type: 'IP', value };
  }
  if (!isDnsName(value)) {
    throw new CertificateOptionsError(
      `"${value}" is not a valid DNS name (letters, digits and dashes in dot-separated ` +
        'labels; a wildcard only as the whole first label).',
    );
  }
  return { type: 'DNS', value: value.toLowerCase() };
}

function isDnsName(name: string): boolean {
  if (name.length === 0 || name.length > 253) {
    return false;
  }
  const labels = name.split('.');
  const first = labels[0] === '*' && labels.length > 2 ? labels.slice(1) : labels;
  return first.every((label) => DNS_LABEL.test(label));
}

function uniqueNames(names: SubjectAltName[]): SubjectAltName[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = `${name.type}:${name.value}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/** Formats a name the way openssl and the CLI print it, e.g. `DNS:localhost`. */
export function formatSubjectAltName(name: SubjectAltName): string {
  return `${name.type}:${name.value}`;
}
