/**
 * The cert-untrusted check: does the chain a server presents lead, by verified signatures,
 * to a certificate in the truststore its clients use?
 */
import { readChain } from './cert-checks';
import type { CertificateFacts } from './certificate';
import type { StoreFinding } from './types';

/** How a chain was judged against a set of trust anchors. */
export interface TrustPath {
  readonly trusted: boolean;
  /** The certificates walked from the leaf, each signed by the next. */
  readonly path: readonly CertificateFacts[];
  /** The truststore certificate the path ends at, when trusted. */
  readonly anchor?: CertificateFacts;
  /** A truststore certificate named like the missing issuer whose key did not sign it. */
  readonly impostor?: CertificateFacts;
}

/** True when `issuer` issued `subject`: names and key identifiers match and the key verifies. */
function signedBy(subject: CertificateFacts, issuer: CertificateFacts): boolean {
  return subject.x509.checkIssued(issuer.x509) && subject.x509.verify(issuer.x509.publicKey);
}

/**
 * Walks from the leaf through the presented chain to a trust anchor, as a PKIX client does:
 * a certificate that is itself in the truststore is trusted, else its issuer is looked for
 * among the anchors first and the rest of the chain second.
 */
export function findTrustPath(
  chain: readonly Uint8Array[],
  trustedCertificates: readonly Uint8Array[],
): TrustPath {
  const presented = readChain(chain);
  const anchors = readChain(trustedCertificates);
  const path: CertificateFacts[] = [];
  let current = presented[0];
  while (current !== undefined && !path.includes(current)) {
    path.push(current);
    const fingerprint = current.fingerprint256;
    const same = anchors.find((anchor) => anchor.fingerprint256 === fingerprint);
    if (same !== undefined) {
      return { trusted: true, path, anchor: same };
    }
    const subject = current;
    const anchor = anchors.find((candidate) => signedBy(subject, candidate));
    if (anchor !== undefined) {
      return { trusted: true, path, anchor };
    }
    current = presented.find(
      (candidate) => !path.includes(candidate) && signedBy(subject, candidate),
    );
  }
  const last = path[path.length - 1];
  const impostor = anchors.find((anchor) => last !== undefined && anchor.subject === last.issuer);
  return { trusted: false, path, ...(impostor === undefined ? {} : { impostor }) };
}

/** The cert-untrusted check of a server chain against the certificates a client trusts. */
export function checkCertTrust(
  chain: readonly Uint8Array[],
  trustedCertificates: readonly Uint8Array[],
): StoreFinding[] {
  const result = findTrustPath(chain, trustedCertificates);
  const last = result.path[result.path.length - 1];
  if (result.trusted || last === undefined) {
    return [];
  }
  const data = {
    subject: last.subject,
    issuer: last.issuer,
    path: result.path.map((certificate) => certificate.subject),
  };
  let reason: string;
  if (result.impostor !== undefined) {
    reason =
      `The truststore has a certificate named ${last.issuer}, but its key did not sign ` +
      `${last.subject}: the CA was probably generated again. Import the CA that signed it.`;
  } else if (last.selfSigned) {
    reason =
      `The chain ends at the self-signed ${last.subject}, which is not in the truststore. ` +
      'Import it into the truststore.';
  } else {
    reason =
      `The chain ends at ${last.subject}, issued by ${last.issuer}, which is neither in the ` +
      'truststore nor in the keystore chain. Import that CA into the truststore, and put any ' +
      'intermediate CA into the keystore chain.';
  }
  return [
    {
      code: 'cert-untrusted',
      severity: 'error',
      message:
        "Clients using this truststore refuse the server ('PKIX path building failed: unable " +
        `to find valid certification path to requested target'). ${reason}`,
      data,
    },
  ];
}
