import { Workspace } from './workspace';

/**
 * Rounds of the warm-up. The JavaScript engine optimises a function once it has run for a
 * while, in the background; running the engine over small files several times, each time in
 * a new workspace, gets the parser and the rules optimised sooner than one pass over a large
 * file. Measured on a 2-core machine: 8 rounds of 8 documents made the first open of a
 * 10,000-line manifest a third cheaper, one round of 80 documents a quarter for as much time;
 * 24 rounds, run while the server is idle, a half.
 */
const ROUNDS = 24;

/** Documents of each round's Kubernetes manifest: a Deployment, Service, Ingress, ConfigMap. */
const MANIFEST_DOCUMENTS = 8;

/** Services of each round's compose file, which takes the compose paths of the engine. */
const COMPOSE_SERVICES = 2;

/** A file the warm-up opens, and an edit it then makes to it. */
interface WarmUpFile {
  uri: string;
  text: string;
  /** The text after a one-line edit, which takes the engine's incremental paths. */
  edited: string;
}

/**
 * Runs the engine over generated files of the shape of real ones, so that the JavaScript
 * engine has optimised the parser and the rules before the first real file arrives. It
 * takes most of a second on a shared 2-core machine. It reads nothing from disk, and leaves
 * nothing behind but cached findings of texts no user writes.
 *
 * The language server runs it as `warmUpSteps()` while no document opens or changes
 * (server/features/idle-warm-up.ts): run at once while the server starts, it would delay a
 * file open at start by about as much as it saves on it.
 */
export function warmUp(): void {
  for (const step of warmUpSteps()) {
    step();
  }
}

/**
 * The warm-up as steps, one round each, for a caller that would rather run them while it
 * has nothing else to do and stop when real work arrives. The first step, on a cold engine,
 * costs several times the last ones: 130 and 30 ms on a busy 2-core machine.
 */
export function warmUpSteps(): (() => void)[] {
  const steps: (() => void)[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    steps.push(() => {
      const noDisk = { exists: () => false, isIgnored: () => false };
      const options = { folders: ['/'], fileSystem: noDisk, deepValidation: false };
      const workspace = new Workspace(options);
      for (const file of warmUpFiles(round)) {
        workspace.setFile(file.uri, file.text);
        workspace.diagnose(file.uri);
        workspace.setFile(file.uri, file.edited);
        workspace.diagnose(file.uri);
      }
    });
  }
  return steps;
}

/**
 * The files of one round: a Kubernetes manifest and a compose file. Names differ from
 * round to round, so that no cache of the engine short-cuts the work.
 */
export function warmUpFiles(round: number): WarmUpFile[] {
  const manifest = kubernetesManifest(MANIFEST_DOCUMENTS, round);
  const compose = composeFile(COMPOSE_SERVICES, round);
  return [
    {
      uri: 'untitled:warm-up/kestra.yaml',
      text: manifest,
      edited: manifest.replace('replicas: 1', 'replicas: 2'),
    },
    {
      uri: 'untitled:warm-up/docker-compose.yml',
      text: compose,
      edited: compose.replace('base-path: /app/storage', 'base-path: /app/storage-2'),
    },
  ];
}

function kubernetesManifest(documents: number, round: number): string {
  const makers = [deployment, service, ingress, configMap];
  const parts: string[] = [];
  for (let index = 0; index < documents; index++) {
    const make = makers[index % makers.length] ?? deployment;
    parts.push(make(`warm-up-${round}-${Math.floor(index / makers.length)}`));
  }
  return `${parts.join('\n---\n')}\n`;
}

function metadata(kind: string, apiVersion: string, name: string): string[] {
  return [
    `apiVersion: ${apiVersion}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    `    app.kubernetes.io/name: ${name}`,
    '    app.kubernetes.io/part-of: kestra',
  ];
}

function deployment(name: string): string {
  return [
    ...metadata('Deployment', 'apps/v1', name),
    'spec:',
    '  replicas: 1',
    '  selector:',
    '    matchLabels:',
    `      app.kubernetes.io/name: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app.kubernetes.io/name: ${name}`,
    '    spec:',
    '      containers:',
    '        - name: kestra',
    '          image: kestra/kestra:latest',
    '          args: ["server", "standalone", "--port=8443"]',
    '          ports:',
    '            - name: https',
    '              containerPort: 8443',
    '          readinessProbe:',
    '            httpGet:',
    '              path: /health/readiness',
    '              port: 8081',
    '              scheme: HTTP',
    '          env:',
    '            - name: JAVA_OPTS',
    '              value: "-Djavax.net.ssl.trustStore=/app/ssl/truststore.jks"',
    '            - name: MICRONAUT_SERVER_SSL_CLIENT_AUTHENTICATION',
    '              value: want',
    '            - name: KESTRA_CONFIGURATION',
    '              value: |',
    configuration(name, '                '),
    '          volumeMounts:',
    '            - name: ssl',
    '              mountPath: /app/ssl',
    '              readOnly: true',
    '      volumes:',
    '        - name: ssl',
    '          secret:',
    `            secretName: ${name}-ssl`,
  ].join('\n');
}

function service(name: string): string {
  return [
    ...metadata('Service', 'v1', name),
    'spec:',
    '  selector:',
    `    app.kubernetes.io/name: ${name}`,
    '  ports:',
    '    - name: https',
    '      port: 443',
    '      targetPort: https',
  ].join('\n');
}

function ingress(name: string): string {
  return [
    ...metadata('Ingress', 'networking.k8s.io/v1', name),
    '  annotations:',
    '    nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"',
    'spec:',
    '  tls:',
    `    - hosts: [${name}.example.com]`,
    `      secretName: ${name}-tls`,
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
    '                  name: https',
  ].join('\n');
}

function configMap(name: string): string {
  return [
    ...metadata('ConfigMap', 'v1', `${name}-config`),
    'data:',
    '  application.yml: |',
    configuration(name, '    '),
  ].join('\n');
}

function composeFile(services: number, round: number): string {
  const parts = ['services:'];
  for (let index = 0; index < services; index++) {
    const name = `warm-up-${round}-${index}`;
    parts.push(
      [
        `  ${name}:`,
        '    image: kestra/kestra:latest',
        '    command: server standalone --worker-thread=4',
        '    ports:',
        `      - "${9443 + index}:8443"`,
        '    volumes:',
        '      - ./ssl:/app/ssl:ro',
        '    environment:',
        '      JAVA_OPTS: "-Djavax.net.ssl.trustStore=/app/ssl/truststore.jks"',
        '      MICRONAUT_SERVER_SSL_PORT: "8443"',
        '      KESTRA_CONFIGURATION: |',
        configuration(name, '        '),
      ].join('\n'),
    );
  }
  return `${parts.join('\n')}\n`;
}

/**
 * A Kestra configuration with a few of the mistakes the rules report, so that their
 * messages are built too: a misplaced key, an unknown one, a deprecated one, a value of the
 * wrong type, a key set twice.
 */
function configuration(name: string, indent: string): string {
  const lines = [
    'micronaut:',
    '  server:',
    '    ssl:',
    '      enabled: true',
    '      port: 8443',
    '      clientAuthentication: want',
    '      keystore:',
    '        path: file:/app/ssl/keystore.p12',
    '      key-store:',
    '        path: file:/app/ssl/keystore.p12',
    `        password: ${placeholder('KESTRA_KEYSTORE_PASSWORD')}`,
    '        type: PKCS12',
    '      trust-store:',
    '        path: file:/app/ssl/truststore.p12',
    `        password: ${placeholder('KESTRA_TRUSTSTORE_PASSWORD')}`,
    '  ssl:',
    '    port: 8443',
    'micronaut.server.ssl.port: "8443"',
    'datasources:',
    '  postgres:',
    `    url: jdbc:postgresql://${name}-postgres:5432/kestra`,
    '    driverClassName: org.postgresql.Driver',
    '    username: kestra',
    `    password: ${placeholder('POSTGRES_PASSWORD')}`,
    'kestra:',
    `  url: https://${name}.example.com/`,
    '  ports:',
    '    - "8443:8443"',
    '  server:',
    '    basic-auth:',
    '      enabled: maybe',
    '      username: admin@example.com',
    `      password: ${placeholder('ADMIN_PASSWORD')}`,
    '  repository:',
    '    type: postgres',
    '  storage:',
    '    type: local',
    '    local:',
    '      base-path: /app/storage',
  ];
  return lines.map((line) => indent + line).join('\n');
}

/** A Micronaut placeholder, so that the samples hold no password. */
function placeholder(variable: string): string {
  return `\${${variable}}`;
}
