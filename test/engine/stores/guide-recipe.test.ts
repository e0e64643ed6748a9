import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  codes,
  coveredText,
  deepWorkspace,
  ofCode,
  runCommand,
  type TempFolder,
  tempFolder,
} from './support';

/** The commands of Kestra's SSL guide, run in its `ssl` folder, quotes removed. */
const RECIPE = [
  `openssl req -x509 -sha256 -days 365 -newkey rsa:4096 -keyout cacert.key -out cacert.pem
    -subj /CN=example.kestra.com/C=IE/O=kestra -passout pass:changeit`,
  `openssl req -newkey rsa:4096 -keyout server.key -out server.csr
    -subj /CN=example.kestra.com/C=IE/O=kestra -passout pass:changeit`,
  `openssl x509 -req -CA cacert.pem -CAkey cacert.key -in server.csr -out server.pem -days 365
    -CAcreateserial -extfile server.conf -passin pass:changeit`,
  `openssl pkcs12 -export -out server.p12 -name localhost -inkey server.key -in server.pem
    -passin pass:changeit -passout pass:changeit`,
  `keytool -importkeystore -srckeystore server.p12 -srcstoretype pkcs12
    -destkeystore keystore.p12 -deststoretype pkcs12 -deststorepass changeit
    -srcstorepass changeit`,
  `keytool -import -trustcacerts -noprompt -alias ca -ext san=dns:localhost,ip:127.0.0.1
    -file cacert.pem -keystore truststore.jks -storepass changeit -keypass changeit`,
];

/** The server.conf the guide writes with a here-string between the second and third step. */
const SERVER_CONF = `authorityKeyIdentifier=keyid,issuer
basicConstraints=CA:FALSE
subjectAltName = @alt_names
[alt_names]
DNS.1 = localhost
`;

/** The guide's compose service, with its host folder inside the workspace. */
function guideCompose(keystore: string, kestraUrl?: string): string {
  return `services:
  kestra:
    image: registry.kestra.io/docker/kestra:latest
    command: server standalone --worker-thread=128
    volumes:
      - ./ssl:/app/ssl
    ports:
      - "8443:8443"
    environment:
      KESTRA_CONFIGURATION: |
        micronaut:
          ssl:
            enabled: true
          server:
            ssl:
              port: 8443
              enabled: true
              clientAuthentication: want
              keyStore:
                path: file:/app/ssl/${keystore}
                password: changeit
                type: PKCS12
              trustStore:
                path: file:/app/ssl/truststore.jks
                password: changeit
                type: JKS
${kestraUrl === undefined ? '' : `        kestra:\n          url: ${kestraUrl}\n`}`;
}

describe("deep checks on a set made with the guide's own recipe", () => {
  let folder: TempFolder;

  before(() => {
    folder = tempFolder('guide');
    const ssl = path.join(folder.root, 'ssl');
    folder.write('ssl/server.conf', SERVER_CONF);
    for (const line of RECIPE) {
      runCommand(line, ssl);
    }
  });
  after(() => folder.remove());

  for (const keystore of ['server.p12', 'keystore.p12']) {
    it(`opens ${keystore} and truststore.jks cleanly when reached as localhost`, () => {
      const deep = deepWorkspace(folder.root);
      deep.set('docker-compose.yml', guideCompose(keystore));
      const found = deep.deep('docker-compose.yml');
      // keytool on JDK 9 and later writes PKCS#12 into truststore.jks; type JKS loads it.
      assert.deepEqual(codes(found), ['store-format information']);
      assert.equal(found[0]?.data?.actualFormat, 'pkcs12');
      assert.equal(found[0]?.data?.store, 'micronaut.server.ssl.trust-store');
      assert.equal(deep.opens(), 2);
    });
  }

  it('reports the name mismatch when Kestra is reached as example.kestra.com', () => {
    const deep = deepWorkspace(folder.root);
    const text = guideCompose('server.p12', 'https://example.kestra.com:8443/');
    deep.set('docker-compose.yml', text);
    const found = deep.deep('docker-compose.yml');
    assert.deepEqual(codes(found), ['cert-hostname warning', 'store-format information']);
    const [mismatch] = ofCode(found, 'cert-hostname');
    assert.deepEqual(mismatch?.data?.names, ['example.kestra.com']);
    assert.deepEqual(mismatch?.data?.subjectAltNames, ['localhost']);
    assert.match(mismatch?.message ?? '', /A name in the CN only does not count/);
    assert.equal(coveredText(text, mismatch!), 'file:/app/ssl/server.p12');
  });
});
