import { kestraConfiguration } from './kestra-configuration';

/**
 * A docker compose file with `services` Kestra services, each with a 30-line
 * KESTRA_CONFIGURATION: one YAML document, so every edit re-parses all of it.
 */
export function generateComposeFile(services: number): string {
  const parts = ['services:'];
  for (let index = 0; index < services; index++) {
    parts.push(
      [
        `  kestra-${index}:`,
        '    image: kestra/kestra:latest',
        '    command: server standalone',
        '    ports:',
        `      - "${9000 + index}:8443"`,
        '    volumes:',
        '      - ./ssl:/app/ssl:ro',
        '    environment:',
        '      KESTRA_CONFIGURATION: |',
        kestraConfiguration(index, '        '),
      ].join('\n'),
    );
  }
  return `${parts.join('\n')}\n`;
}
