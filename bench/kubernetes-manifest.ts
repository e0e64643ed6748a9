import { kestraConfiguration } from './kestra-configuration';

/**
 * A multi-document Kubernetes manifest of `documents` objects: a Deployment with
 * KESTRA_CONFIGURATION, its Service, Ingress and ConfigMap, repeated. Each object is one
 * YAML document, about 50 lines on average.
 */
export function generateKubernetesManifest(documents: number): string {
  const makers = [deployment, service, ingress, configMap];
  const parts: string[] = [];
  for (let index = 0; index < documents; index++) {
    const make = makers[index % makers.length] ?? deployment;
    parts.push(make(Math.floor(index / makers.length)));
  }
  return `${parts.join('\n---\n')}\n`;
}

function metadata(kind: string, apiVersion: string, name: string): string[] {
  return [
    `apiVersion: ${apiVersion}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    '  namespace: kestra',
    '  labels:',
    `    app.kubernetes.io/name: ${name}`,
    '    app.kubernetes.io/part-of: kestra',
    '    app.kubernetes.io/component: server',
    '    app.kubernetes.io/version: "0.24"',
    '    app.kubernetes.io/managed-by: kubectl',
  ];
}

function deployment(index: number): string {
  const name = `kestra-${index}`;
  return [
    ...metadata('Deployment', 'apps/v1', name),
    'spec:',
    '  replicas: 1',
    '  strategy:',
    '    type: Recreate',
    '  selector:',
    '    matchLabels:',
    `      app.kubernetes.io/name: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app.kubernetes.io/name: ${name}`,
    '    spec:',
    '      securityContext:',
    '        runAsUser: 1000',
    '      containers:',
    '        - name: kestra',
    '          image: kestra/kestra:latest',
    '          imagePullPolicy: IfNotPresent',
    '          args: ["server", "standalone"]',
    '          ports:',
    '            - name: https',
    '              containerPort: 8443',
    '            - name: management',
    '              containerPort: 8081',
    '          readinessProbe:',
    '            httpGet:',
    '              path: /health/readiness',
    '              port: management',
    '            initialDelaySeconds: 10',
    '          livenessProbe:',
    '            httpGet:',
    '              path: /health/liveness',
    '              port: management',
    '            initialDelaySeconds: 60',
    '          resources:',
    '            requests:',
    '              cpu: 500m',
    '              memory: 1Gi',
    '            limits:',
    '              memory: 2Gi',
    '          env:',
    '            - name: KESTRA_CONFIGURATION',
    '              value: |',
    kestraConfiguration(index, '                '),
    '          volumeMounts:',
    '            - name: ssl',
    '              mountPath: /app/ssl',
    '              readOnly: true',
    '      volumes:',
    '        - name: ssl',
    '          secret:',
    `            secretName: ${name}-tls`,
  ].join('\n');
}

function service(index: number): string {
  const name = `kestra-${index}`;
  return [
    ...metadata('Service', 'v1', name),
    'spec:',
    '  type: ClusterIP',
    '  sessionAffinity: None',
    '  selector:',
    `    app.kubernetes.io/name: ${name}`,
    '  ports:',
    '    - name: https',
    '      port: 443',
    '      targetPort: 8443',
    '      protocol: TCP',
    '    - name: management',
    '      port: 8081',
    '      targetPort: 8081',
    '      protocol: TCP',
  ].join('\n');
}

function ingress(index: number): string {
  const name = `kestra-${index}`;
  return [
    ...metadata('Ingress', 'networking.k8s.io/v1', name),
    '  annotations:',
    '    nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"',
    '    cert-manager.io/cluster-issuer: letsencrypt',
    '    nginx.ingress.kubernetes.io/proxy-body-size: 100m',
    '    nginx.ingress.kubernetes.io/proxy-read-timeout: "300"',
    '    nginx.ingress.kubernetes.io/ssl-redirect: "true"',
    '    nginx.ingress.kubernetes.io/proxy-ssl-verify: "off"',
    'spec:',
    '  ingressClassName: nginx',
    '  tls:',
    '    - hosts:',
    `        - ${name}.example.com`,
    `      secretName: ${name}-ingress-tls`,
    '  rules:',
    `    - host: ${name}.example.com`,
    '      http:',
    '        paths:',
    '          - path: /',
    '            pathType: Prefix',
    '            backend:',
    '              service:',
    `                name: ${name}`,
    '                port:',
    '                  number: 443',
  ].join('\n');
}

function configMap(index: number): string {
  const name = `kestra-${index}-config`;
  return [
    ...metadata('ConfigMap', 'v1', name),
    'data:',
    '  application.yml: |',
    kestraConfiguration(index, '    '),
  ].join('\n');
}
