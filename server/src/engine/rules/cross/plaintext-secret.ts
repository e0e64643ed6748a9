import { type EffectiveConfig, type Setting, settingText } from '../../deployment/effective-config';
import type { Finding } from '../finding';
import { findingAt, type WorkspaceRule } from './workspace-rule';

const CODE = 'plaintext-secret';

/** Passwords worth a variable, by the relaxed-binding form of their path. */
const SECRETS: { pattern: RegExp; what: string; variable: string }[] = [
  {
    pattern: /^micronaut\.(server\.ssl|ssl|http\.client\.ssl)\.key\.store\.password$/,
    what: 'keystore password',
    variable: 'KESTRA_KEYSTORE_PASSWORD',
  },
  {
    pattern: /^micronaut\.(server\.ssl|ssl|http\.client\.ssl)\.trust\.store\.password$/,
    what: 'truststore password',
    variable: 'KESTRA_TRUSTSTORE_PASSWORD',
  },
  {
    pattern: /^micronaut\.(server\.ssl|ssl|http\.client\.ssl)\.key\.password$/,
    what: 'private key password',
    variable: 'KESTRA_KEY_PASSWORD',
  },
  {
    pattern: /^kestra\.server\.basic\.auth\.password$/,
    what: 'basic auth password',
    variable: 'KESTRA_BASIC_AUTH_PASSWORD',
  },
  {
    pattern: /^datasources\..+\.password$/,
    what: 'database password',
    variable: 'KESTRA_DB_PASSWORD',
  },
  {
    pattern: /^javax\.net\.ssl\.truststorepassword$/,
    what: 'JVM truststore password',
    variable: 'JAVA_TRUSTSTORE_PASSWORD',
  },
  {
    pattern: /^javax\.net\.ssl\.keystorepassword$/,
    what: 'JVM keystore password',
    variable: 'JAVA_KEYSTORE_PASSWORD',
  },
];

/** Defaults everyone knows, named in the message because they are no secret at all. */
const WELL_KNOWN: Record<string, string> = {
  changeit: "Java's default keystore password",
  changeme: 'a default everyone tries first',
  password: 'a default everyone tries first',
  secret: 'a default everyone tries first',
  admin: 'a default everyone tries first',
  kestra: "the password of Kestra's examples",
  k3str4: "the password of Kestra's examples",
};

/**
 * Hints at literal passwords for keystores, truststores, basic auth and datasources: the
 * file ends up in version control and in `docker inspect`. A `${VAR}` placeholder keeps
 * the secret out of it.
 */
export const plaintextSecretRule: WorkspaceRule = {
  rules: [
    {
      code: CODE,
      defaultSeverity: 'hint',
      summary: 'A literal password for a keystore, truststore, basic auth or datasource.',
    },
  ],
  check(index): Finding[] {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const deployment of index.deployments) {
      for (const finding of configFindings(deployment.config)) {
        // A configuration file that several deployments read holds its password once.
        const where = `${finding.uri}#${finding.span.start}`;
        if (!seen.has(where)) {
          seen.add(where);
          findings.push(finding);
        }
      }
    }
    return findings;
  },
};

/** The findings of a configuration, which follow from its settings alone. */
const findingsByConfig = new WeakMap<EffectiveConfig, Finding[]>();

function configFindings(config: EffectiveConfig): Finding[] {
  let findings = findingsByConfig.get(config);
  if (!findings) {
    findings = config.settings.flatMap((setting) => settingFindings(setting));
    findingsByConfig.set(config, findings);
  }
  return findings;
}

function settingFindings(setting: Setting): Finding[] {
  const secret = secretOf(setting);
  if (!secret) {
    return [];
  }
  const value = settingText(setting);
  if (value === undefined || value === '' || isVariable(value)) {
    return [];
  }
  const known = WELL_KNOWN[value.toLowerCase()];
  const placeholder = `\${${secret.variable}}`;
  return [
    findingAt(
      CODE,
      'hint',
      `The ${secret.what} is written in the file` +
        (known ? `, and \`${value}\` is ${known}` : '') +
        `. Read it from a variable instead, such as \`${placeholder}\`, and keep the ` +
        'value in a secret store or an untracked `.env` file.',
      setting.valuePlace,
      {
        what: secret.what,
        variable: secret.variable,
        placeholder,
        wellKnown: known !== undefined,
      },
    ),
  ];
}

function secretOf(setting: Setting): (typeof SECRETS)[number] | undefined {
  let secret = secretsByPath.get(setting.path);
  if (secret === undefined) {
    const key = setting.path.toLowerCase().replace(/[-_]/g, '.');
    secret = SECRETS.find((candidate) => candidate.pattern.test(key)) ?? null;
    if (secretsByPath.size >= SECRET_PATH_LIMIT) {
      secretsByPath.clear();
    }
    secretsByPath.set(setting.path, secret);
  }
  return secret ?? undefined;
}

/** The secret each path holds, or null: every keystroke asks again for the same few paths. */
const secretsByPath = new Map<string, (typeof SECRETS)[number] | null>();
const SECRET_PATH_LIMIT = 10_000;

/** `${VAR}` for Micronaut and compose, `$VAR` for compose, `$(VAR)` for Kubernetes. */
function isVariable(value: string): boolean {
  return /\$\{|\$[A-Za-z_(]/.test(value);
}
