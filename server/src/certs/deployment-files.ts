/**
 * The configuration files that go with a generated set: a docker compose fragment and
 * Kubernetes Secrets. Neither ever holds the store password; it stays a placeholder.
 */

/** Environment variable that the snippets use for the store password. */
export const PASSWORD_VARIABLE = 'KESTRA_TLS_STORE_PASSWORD';

/** Where the folder is mounted in the Kestra container. */
export const CONTAINER_SSL_DIR = '/app/ssl';

/** The compose service fragment that serves Kestra over HTTPS with keystore.p12. */
export function composeSnippet(folder: string, commonName: string): string {
  // JSON strings are valid YAML double-quoted scalars, so any folder name stays intact.
  const volume = JSON.stringify(`${mountSource(folder)}:${CONTAINER_SSL_DIR}:ro`);
  return `# Kestra over HTTPS with the certificate set generated in this folder.
# Merge this service fragment into your docker-compose.yml. docker compose replaces
# \${${PASSWORD_VARIABLE}} from your shell or from an .env file beside the compose file:
# the password is not written here. Keep that .env file out of version control.
#
# With SSL enabled Kestra answers only on 8443; port 8080 no longer serves the UI.
# Health checks keep using the management port 8081, which stays plain HTTP.
services:
  kestra:
    ports:
      - "8443:8443"
    volumes:
      - ${volume}
    environment:
      KESTRA_CONFIGURATION: |
        micronaut:
          server:
            ssl:
              enabled: true
              port: 8443
              key-store:
                path: file:${CONTAINER_SSL_DIR}/keystore.p12
                type: PKCS12
                password: \${${PASSWORD_VARIABLE}}
        # Set kestra.url to the address users open, for example:
        # kestra:
        #   url: https://${commonName}:8443/
`;
}

/** The files a Kubernetes Secret carries, already read. */
export interface SecretMaterial {
  fullChainPem: string;
  serverKeyPem: string;
  keystoreP12: Buffer;
  truststoreJks: Buffer;
}

/**
 * A `kubernetes.io/tls` Secret for an Ingress and a generic Secret with the stores for
 * TLS inside Kestra. It holds the unencrypted server key: write it with mode 0600.
 */
export function kubernetesSecrets(material: SecretMaterial): string {
  const base64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');
  return `# Secrets for Kestra over HTTPS; apply with: kubectl apply -f kubernetes-secrets.yaml
# This file holds the server's private key unencrypted: keep it out of version control.
# The store password is not here: give it to Kestra as ${PASSWORD_VARIABLE}
# from a Secret of your own and refer to it as \${${PASSWORD_VARIABLE}} in the
# key-store settings; mount kestra-ssl at ${CONTAINER_SSL_DIR}.
apiVersion: v1
kind: Secret
metadata:
  name: kestra-tls
type: kubernetes.io/tls
data:
  tls.crt: ${base64(material.fullChainPem)}
  tls.key: ${base64(material.serverKeyPem)}
---
apiVersion: v1
kind: Secret
metadata:
  name: kestra-ssl
type: Opaque
data:
  keystore.p12: ${base64(material.keystoreP12)}
  truststore.jks: ${base64(material.truststoreJks)}
`;
}

/** Compose resolves relative mounts against the compose file; make them explicit. */
function mountSource(folder: string): string {
  const isAbsolute = folder.startsWith('/') || /^[A-Za-z]:[\\/]/.test(folder);
  const isExplicitRelative = folder === '.' || folder.startsWith('./') || folder.startsWith('../');
  return isAbsolute || isExplicitRelative ? folder : `./${folder}`;
}
