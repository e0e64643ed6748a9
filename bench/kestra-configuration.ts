/**
 * A 30-line Kestra configuration with one deliberate mistake (compose `ports` under
 * `kestra:`), so that every generated workload yields a diagnostic to publish.
 */
export function kestraConfiguration(index: number, indent: string): string {
  const lines = [
    'micronaut:',
    '  server:',
    '    ssl:',
    '      enabled: true',
    '      port: 8443',
    '      client-authentication: want',
    '      key-store:',
    '        path: file:/app/ssl/server.p12',
    `        password: ${placeholder('KEYSTORE_PASSWORD')}`,
    '        type: PKCS12',
    '      trust-store:',
    '        path: file:/app/ssl/truststore.p12',
    `        password: ${placeholder('TRUSTSTORE_PASSWORD')}`,
    '        type: PKCS12',
    'datasources:',
    '  postgres:',
    `    url: jdbc:postgresql://postgres-${index}:5432/kestra`,
    '    driver-class-name: org.postgresql.Driver',
    '    username: kestra',
    `    password: ${placeholder('POSTGRES_PASSWORD')}`,
    'kestra:',
    `  url: https://kestra-${index}.example.com/`,
    '  ports:',
    '    - "8443:8443"',
    '  repository:',
    '    type: postgres',
    '  queue:',
    '    type: postgres',
    '  storage:',
    '    type: local',
  ];
  return lines.map((line) => indent + line).join('\n');
}

/** A Micronaut placeholder, so that no password is written into the generated files. */
function placeholder(variable: string): string {
  return `\${${variable}}`;
}
