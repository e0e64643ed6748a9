/**
 * Certificate sets for Kestra over HTTPS, made without openssl, keytool or a JDK.
 *
 * generateCertificateSet() makes, in memory:
 * - ca.key: the CA's private key, PKCS#8 encrypted with the password (PBES2, AES-256);
 * - ca.pem: the CA certificate;
 * - server.key: the server's private key, PKCS#8, NOT encrypted, because a
 *   kubernetes.io/tls Secret and Ingress controllers need it in clear (Kestra reads
 *   keystore.p12 instead); it is written with mode 0600;
 * - server.csr, server.pem, server-fullchain.pem (server then CA);
 * - keystore.p12: the server key and chain under the alias, for Micronaut's key-store;
 * - truststore.jks and truststore.p12: the CA as a trusted certificate, for Java clients;
 * - kestra-ssl.yml and kubernetes-secrets.yaml: configuration that uses the set, with the
 *   password left as a placeholder.
 *
 * writeCertificateSet() puts them in a folder without ever replacing a file unasked.
 */
export {
  CERTIFICATE_FILE_NAMES,
  type CertificateFile,
  type CertificateFileName,
  type CertificateSet,
  generateCertificateSet,
} from './certificate-set';
export { PASSWORD_VARIABLE } from './deployment-files';
export {
  CertificateOptionsError,
  type CertificateSetOptions,
  KEY_SIZES,
  MIN_PASSWORD_LENGTH,
} from './options';
export {
  ExistingFilesError,
  findExistingFiles,
  type WriteOptions,
  writeCertificateSet,
} from './write-set';
