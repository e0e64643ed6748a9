import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { crlf, diagnose, diagnosticsOf, models, rangeOf, spanText, yaml } from './support';

describe('Kubernetes: objects', () => {
  test('Services, Ingresses, Secrets and cert-manager objects are modelled', () => {
    const text = yaml`
      apiVersion: v1
      kind: Service
      metadata:
        name: kestra
        namespace: tools
      spec:
        ports: [{port: 443, targetPort: 8443}]
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: kestra-ingress
      ---
      apiVersion: v1
      kind: Secret
      metadata:
        name: kestra-tls
      type: kubernetes.io/tls
      ---
      apiVersion: cert-manager.io/v1
      kind: Issuer
      metadata:
        name: selfsigned
      ---
      apiVersion: cert-manager.io/v1
      kind: ClusterIssuer
      metadata:
        name: letsencrypt
      ---
      apiVersion: cert-manager.io/v1
      kind: Certificate
      metadata:
        name: kestra-cert
    `;
    const objects = models(text).flatMap((document) => document.objects);
    assert.deepEqual(
      objects.map((object) => [object.kind, object.name, object.namespace]),
      [
        ['Service', 'kestra', 'tools'],
        ['Ingress', 'kestra-ingress', undefined],
        ['Secret', 'kestra-tls', undefined],
        ['Issuer', 'selfsigned', undefined],
        ['ClusterIssuer', 'letsencrypt', undefined],
        ['Certificate', 'kestra-cert', undefined],
      ],
    );
    // Spans are relative to each document; the file analysis shifts them.
    const documents = models(text);
    const ingress = documents[1];
    assert.equal(
      spanText(ingress?.text ?? '', ingress?.objects[0]?.nameSpan ?? { start: 0, end: 0 }),
      'kestra-ingress',
    );
    assert.equal(objects[0]?.apiVersion, 'v1');
  });
});

/** The range of the last character of `needle` in `text`. */
function lastCharacter(text: string, needle: string) {
  const { end } = rangeOf(text, needle);
  return { start: { line: end.line, character: end.character - 1 }, end };
}

describe('Kubernetes: every document stands alone', () => {
  const manifest = yaml`
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: broken
    data:
      application.yml: |
        kestra:
          url: [unclosed
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: kestra
    spec:
      template:
        spec:
          containers:
            - name: kestra
              image: kestra/kestra
              env:
                - name: KESTRA_CONFIGURATION
                  value: |
                    kestra:
                      ports:
                        - "8443:8443"
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: kestra
      labels: {app: kestra
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: after
    data:
      application.yml: |
        micronaut:
          server:
            port: 8080
          server:
            port: 8081
  `;

  test('a syntax error in one document hides nothing in the others', () => {
    const diagnostics = diagnose(manifest);
    // Unclosed brackets are reported on the last character typed, not on the next document.
    assert.deepEqual(
      diagnosticsOf(diagnostics, 'yaml-syntax').map((diagnostic) => diagnostic.range),
      [lastCharacter(manifest, 'url: [unclosed'), lastCharacter(manifest, '{app: kestra')],
    );
    assert.deepEqual(
      diagnosticsOf(diagnostics, 'misplaced-property').map((diagnostic) => diagnostic.range),
      [rangeOf(manifest, 'ports')],
    );
    assert.deepEqual(
      diagnosticsOf(diagnostics, 'duplicate-property').map((diagnostic) => diagnostic.range),
      [rangeOf(manifest, 'server', 2)],
    );
  });

  test('the same with CRLF line endings', () => {
    const text = crlf(manifest);
    const diagnostics = diagnose(text);
    assert.deepEqual(
      diagnosticsOf(diagnostics, 'misplaced-property').map((diagnostic) => diagnostic.range),
      [rangeOf(text, 'ports')],
    );
    assert.deepEqual(
      diagnosticsOf(diagnostics, 'duplicate-property').map((diagnostic) => diagnostic.range),
      [rangeOf(text, 'server', 2)],
    );
  });
});
