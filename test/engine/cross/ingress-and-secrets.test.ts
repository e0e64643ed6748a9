import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ingressManifest, kubernetesManifest } from './manifests';
import { composeFile, coveredText, findings, workspaceOf } from './support';

const ISSUER = `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-prod
spec:
  acme:
    server: https://acme-v02.api.letsencrypt.org/directory
    email: ops@example.com
    privateKeySecretRef:
      name: letsencrypt-prod
    solvers:
      - http01:
          ingress:
            ingressClassName: nginx
`;

function ingressWithIssuer(ingress: string): string {
  return ingress.replace(
    '  annotations:\n',
    '  annotations:\n    cert-manager.io/cluster-issuer: letsencrypt-prod\n',
  );
}

function problems(text: Record<string, string>, file: string): unknown[] {
  return findings(workspaceOf(text), file, 'ingress-tls').map((finding) => finding.data?.problem);
}

describe('ingress-tls', () => {
  const deployment = kubernetesManifest('targetPort: https');

  it('accepts the Ingress of a Kestra that serves HTTPS, with its issuer in the workspace', () => {
    const files = {
      'k8s/kestra.yaml': deployment,
      'k8s/ingress.yaml': ingressWithIssuer(ingressManifest(8443)),
      'k8s/issuer.yaml': ISSUER,
    };
    assert.deepEqual(problems(files, 'k8s/ingress.yaml'), []);
  });

  it('reports tls hosts and rule hosts that do not match, and tls without a Secret', () => {
    const ingress = ingressManifest(8443)
      .replace(
        '        - kestra.example.com\n      secretName: kestra-tls\n',
        '        - kestra.example.org\n',
      )
      .replace(
        '  tls:\n',
        '  tls:\n    - hosts:\n        - "*.example.com"\n      secretName: wildcard-tls\n',
      );
    const files = { 'k8s/kestra.yaml': deployment, 'k8s/ingress.yaml': ingress };
    assert.deepEqual(problems(files, 'k8s/ingress.yaml'), [
      'tls-host-without-rule',
      'tls-without-secret',
    ]);
    const unwildcarded = ingress.replace('"*.example.com"', 'kestra.example.net');
    assert.deepEqual(problems({ ...files, 'k8s/ingress.yaml': unwildcarded }, 'k8s/ingress.yaml'), [
      'tls-host-without-rule',
      'tls-host-without-rule',
      'tls-without-secret',
      'rule-host-without-tls',
    ]);
  });

  it('reports HTTPS to a plain-HTTP backend port', () => {
    const plain = kubernetesManifest('targetPort: http')
      .replace('                      enabled: true\n', '                      enabled: false\n')
      .replace(
        '            - name: https\n              containerPort: 8443\n',
        '            - name: http\n              containerPort: 8080\n',
      );
    const ingress = ingressManifest(8443);
    const workspace = workspaceOf({ 'k8s/kestra.yaml': plain, 'k8s/ingress.yaml': ingress });
    const [finding] = findings(workspace, 'k8s/ingress.yaml', 'ingress-tls');
    assert.equal(finding?.data?.problem, 'https-to-plain');
    assert.equal(finding && coveredText(ingress, finding), 'HTTPS');
  });

  it('reports plain HTTP to the SSL port on NGINX', () => {
    const ingress = ingressManifest(8443).replace(
      '    nginx.ingress.kubernetes.io/backend-protocol: HTTPS\n',
      '    nginx.ingress.kubernetes.io/proxy-body-size: 100m\n',
    );
    const files = { 'k8s/kestra.yaml': deployment, 'k8s/ingress.yaml': ingress };
    assert.deepEqual(problems(files, 'k8s/ingress.yaml'), ['plain-to-https']);
  });

  it('tells when the issuer is not in the workspace, and checks its class when it is', () => {
    const ingress = ingressWithIssuer(ingressManifest(8443));
    const missing = findings(
      workspaceOf({ 'k8s/kestra.yaml': deployment, 'k8s/ingress.yaml': ingress }),
      'k8s/ingress.yaml',
      'ingress-tls',
    );
    assert.deepEqual(
      missing.map((finding) => [finding.severity, finding.data?.problem]),
      [['information', 'issuer-not-found']],
    );
    const otherClass = ingress.replace('ingressClassName: nginx', 'ingressClassName: public');
    const files = {
      'k8s/kestra.yaml': deployment,
      'k8s/ingress.yaml': otherClass,
      'k8s/issuer.yaml': ISSUER,
    };
    const [finding] = findings(workspaceOf(files), 'k8s/ingress.yaml', 'ingress-tls');
    assert.equal(finding?.data?.problem, 'class-mismatch');
    assert.equal(finding && coveredText(otherClass, finding), 'public');
  });

  it('checks the Ingress of Helm values and tells the chart’s example names', () => {
    const values = `configurations:
  application:
    kestra:
      url: https://kestra.example.com/
ingress:
  enabled: true
  className: nginx
  hosts:
    - host: kestra.example.com
      paths:
        - path: /
          pathType: ImplementationSpecific
  tls:
    - secretName: chart-example-tls
      hosts:
        - kestra.example.com
`;
    assert.deepEqual(problems({ 'values.yaml': values }, 'values.yaml'), ['template-leftover']);
    const fixed = values.replace('chart-example-tls', 'kestra-tls');
    assert.deepEqual(problems({ 'values.yaml': fixed }, 'values.yaml'), []);
  });
});

describe('plaintext-secret', () => {
  it('hints at literal passwords and names the well-known ones', () => {
    const config = `micronaut:
  server:
    ssl:
      enabled: true
      key-store:
        path: file:/app/ssl/keystore.p12
        password: changeit
datasources:
  postgres:
    url: jdbc:postgresql://postgres:5432/kestra
    username: kestra
    password: s3cr3t-but-written`;
    const text = composeFile(
      config,
      '    ports:\n      - "8443:8443"\n    volumes:\n      - ./ssl:/app/ssl\n',
    );
    const reported = findings(
      workspaceOf({ 'docker-compose.yml': text }),
      'docker-compose.yml',
      'plaintext-secret',
    );
    assert.deepEqual(
      reported.map((finding) => [
        coveredText(text, finding),
        finding.severity,
        finding.data?.wellKnown,
      ]),
      [
        ['changeit', 'hint', true],
        ['s3cr3t-but-written', 'hint', false],
      ],
    );
    assert.match(reported[0]?.message ?? '', /Java's default keystore password/);
    assert.equal(reported[0]?.data?.placeholder, `\${KESTRA_KEYSTORE_PASSWORD}`);
  });

  it('accepts placeholders of Micronaut, compose and Kubernetes', () => {
    const config = `kestra:
  server:
    basic-auth:
      username: admin@example.com
      password: \${KESTRA_BASIC_AUTH_PASSWORD}
datasources:
  postgres:
    password: $POSTGRES_PASSWORD`;
    const text = composeFile(config, '    ports:\n      - "8080:8080"\n').replace(
      '    environment:\n',
      '    environment:\n' +
        '      JAVA_OPTS: -Djavax.net.ssl.trustStorePassword=$(TRUSTSTORE_PASSWORD)\n',
    );
    const workspace = workspaceOf({ 'docker-compose.yml': text });
    assert.deepEqual(findings(workspace, 'docker-compose.yml', 'plaintext-secret'), []);
  });
});
