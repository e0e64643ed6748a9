import { generateKeyPair } from 'node:crypto';
import { composeSnippet, kubernetesSecrets } from './deployment-files';
import { toPem } from './der';
import { writeJksTruststore } from './jks-writer';
import {
  type CertificateSetOptions,
  formatSubjectAltName,
  type ResolvedOptions,
  resolveOptions,
} from './options';
import { encryptPrivateKeyInfo } from './pbes2';
import { buildKeystoreP12, buildTruststoreP12 } from './pkcs12';
import {
  certificateAuthority,
  createCertificateRequest,
  issueCaCertificate,
  issueServerCertificate,
  type KeyPair,
  validityFrom,
} from './x509';

/** Every file of a set, in the order they are written and listed. */
export const CERTIFICATE_FILE_NAMES = [
  'ca.key',
  'ca.pem',
  'server.key',
  'server.csr',
  'server.pem',
  'server-fullchain.pem',
  'keystore.p12',
  'truststore.jks',
  'truststore.p12',
  'kestra-ssl.yml',
  'kubernetes-secrets.yaml',
] as const;

export type CertificateFileName = (typeof CERTIFICATE_FILE_NAMES)[number];

/** One file of the set, in memory. */
export interface CertificateFile {
  name: CertificateFileName;
  bytes: Buffer;
  /** Private keys, stores and Secrets: written readable by the owner only. */
  secret: boolean;
}

/** A generated set: its files and what a user wants to be told about it. */
export interface CertificateSet {
  files: CertificateFile[];
  commonName: string;
  /** For example `DNS:localhost`, `IP:127.0.0.1`. */
  subjectAltNames: string[];
  notAfter: Date;
  alias: string;
}

/**
 * Generates a CA, a server certificate signed by it and the stores and configuration
 * files that go with them, all in memory. Throws CertificateOptionsError for bad options.
 */
export async function generateCertificateSet(
  options: CertificateSetOptions,
): Promise<CertificateSet> {
  const resolved = resolveOptions(options);
  const [caKeys, serverKeys] = await Promise.all([
    generateRsaKeyPair(resolved.keySize),
    generateRsaKeyPair(resolved.keySize),
  ]);
  return buildCertificateSet(resolved, caKeys, serverKeys);
}

/** Generates an RSA key pair on libuv's thread pool. */
export function generateRsaKeyPair(modulusLength: number): Promise<KeyPair> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength }, (error, publicKey, privateKey) =>
      error ? reject(error) : resolve({ publicKey, privateKey }),
    );
  });
}

/**
 * Builds the set from existing key pairs: everything of generateCertificateSet but key
 * generation, which is the part worth timing on its own.
 */
export async function buildCertificateSet(
  options: ResolvedOptions,
  caKeys: KeyPair,
  serverKeys: KeyPair,
  now: Date = new Date(),
): Promise<CertificateSet> {
  const validity = validityFrom(now, options.validityDays);
  const caKeyInfo = caKeys.privateKey.export({ type: 'pkcs8', format: 'der' });
  const serverKeyInfo = serverKeys.privateKey.export({ type: 'pkcs8', format: 'der' });
  const authority = certificateAuthority(caKeys);

  // Signatures and PBKDF2 run on libuv's thread pool, all at once.
  const [ca, server, csrPem, encryptedCaKey, encryptedServerKey] = await Promise.all([
    issueCaCertificate(authority, validity),
    issueServerCertificate(
      serverKeys,
      options.commonName,
      options.subjectAltNames,
      validity,
      authority,
    ),
    createCertificateRequest(serverKeys, options.commonName, options.subjectAltNames),
    encryptPrivateKeyInfo(caKeyInfo, options.password),
    encryptPrivateKeyInfo(serverKeyInfo, options.password),
  ]);

  // FIXME: the truststores share the store password, and JKS guards its integrity with a
  // single SHA-1, so whoever holds truststore.jks can test guesses of the password that
  // also opens keystore.p12 and ca.key very fast; a separate truststore password would cut
  // that link.
  const trustAlias = `${options.alias}-ca`.toLowerCase();
  const keystoreP12 = buildKeystoreP12(
    { alias: options.alias, encryptedPrivateKey: encryptedServerKey, chain: [server.der, ca.der] },
    options.password,
  );
  const truststoreJks = writeJksTruststore(
    [{ alias: trustAlias, der: ca.der, created: now }],
    options.password,
  );
  const truststoreP12 = buildTruststoreP12([{ alias: trustAlias, der: ca.der }], options.password);
  // Unencrypted on purpose: a kubernetes.io/tls Secret and most Ingress controllers need
  // the key in clear, and Kestra itself reads keystore.p12 instead.
  const serverKeyPem = toPem('PRIVATE KEY', serverKeyInfo);
  const fullChainPem = server.pem + ca.pem;

  const contents: Record<CertificateFileName, Buffer | string> = {
    'ca.key': toPem('ENCRYPTED PRIVATE KEY', encryptedCaKey),
    'ca.pem': ca.pem,
    'server.key': serverKeyPem,
    'server.csr': csrPem,
    'server.pem': server.pem,
    'server-fullchain.pem': fullChainPem,
    'keystore.p12': keystoreP12,
    'truststore.jks': truststoreJks,
    'truststore.p12': truststoreP12,
    'kestra-ssl.yml': composeSnippet(options.folder, options.commonName),
    'kubernetes-secrets.yaml': kubernetesSecrets({
      fullChainPem,
      serverKeyPem,
      keystoreP12,
      truststoreJks,
    }),
  };

  return {
    files: CERTIFICATE_FILE_NAMES.map((name) => ({
      name,
      bytes: Buffer.from(contents[name]),
      secret: SECRET_FILES.has(name),
    })),
    commonName: options.commonName,
    subjectAltNames: options.subjectAltNames.map(formatSubjectAltName),
    notAfter: server.notAfter,
    alias: options.alias,
  };
}

const SECRET_FILES: ReadonlySet<CertificateFileName> = new Set([
  'ca.key',
  'server.key',
  'keystore.p12',
  'truststore.jks',
  'truststore.p12',
  'kubernetes-secrets.yaml',
]);
