/**
 * Keystore and truststore inspection: pure functions over the bytes of a store.
 *
 * Typical use by a rule:
 *
 *   const report = openStore(bytes, { store: storePassword, key: keyPassword });
 *   const findings = checkStore(report, { role: 'keystore', declaredType, alias });
 *   const chain = selectServerEntry(report, alias)?.chain ?? [];
 *   findings.push(
 *     ...checkCertHostname(chain, ['kestra.example.com']),
 *     ...checkCertExpiry(chain, { now: new Date(), warnDays: 30 }),
 *     ...checkCertUsage(chain),
 *     ...checkCertTrust(chain, trustedCertificates(openStore(trustBytes, { store: trustPw }))),
 *   );
 *
 * Nothing here reads files, logs or throws on bad input. A report depends on the bytes and
 * on the passwords, so a cache must key on both (hash the passwords; never keep them).
 */

export type { ExpiryOptions } from './cert-checks';
export {
  checkCertExpiry,
  checkCertHostname,
  checkCertUsage,
  coversName,
  readChain,
} from './cert-checks';
export type { CertificateFacts } from './certificate';
export { readCertificate } from './certificate';
export { detectStoreFormat, javaLoads, normaliseStoreType } from './format';
export type { StorePasswords } from './open';
export { openStore } from './open';

export { checkStore, checkStoreFormat, checkStorePassword } from './store-checks';
export { checkStoreContent, selectServerEntry, trustedCertificates } from './store-content';
export type { TrustPath } from './trust';
export { checkCertTrust, findTrustPath } from './trust';
export type * from './types';
export { STORE_RULE_CODES } from './types';
