/** Kubernetes manifests and Kestra configuration with SSL, for the tests to vary. */

/** Micronaut configuration turning SSL on with a PKCS#12 keystore under /app/ssl. */
export const SSL_WITH_KEYSTORE = `
micronaut:
  server:
    ssl:
      enabled: true
      key-store:
        path: file:/app/ssl/keystore.p12
        password: \${KEYSTORE_PASSWORD}
        type: PKCS12
`;

/** A Deployment and a Service selecting it, with the Service's targetPort given. */
export function kubernetesManifest(targetPort: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kestra
spec:
  selector:
    matchLabels:
      app: kestra
  template:
    metadata:
      labels:
        app: kestra
    spec:
      containers:
        - name: kestra
          image: kestra/kestra:v0.24.0
          args: ["server", "standalone"]
          ports:
            - name: https
              containerPort: 8443
            - name: management
              containerPort: 8081
          env:
            - name: KESTRA_CONFIGURATION
              value: |
                micronaut:
                  server:
                    ssl:
                      enabled: true
                      key-store:
                        path: file:/app/ssl/keystore.p12
                        password: \${KESTRA_KEYSTORE_PASSWORD}
                        type: PKCS12
          volumeMounts:
            - name: ssl
              mountPath: /app/ssl
              readOnly: true
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
      port: 8443
      ${targetPort}
`;
}

/** An Ingress to Service `kestra` at the given port, speaking HTTPS to it. */
export function ingressManifest(port: number): string {
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: kestra
  annotations:
    nginx.ingress.kubernetes.io/backend-protocol: HTTPS
spec:
  ingressClassName: nginx
  tls:
    - hosts:
        - kestra.example.com
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
                  number: ${port}
`;
}
