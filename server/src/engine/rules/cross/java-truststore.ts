import * as path from 'node:path';
import type { Deployment } from '../../deployment/deployment';
import { isPlaceholder, type Setting, settingText } from '../../deployment/effective-config';
import { containerPath, mountFor } from '../../deployment/mounts';
import type { Finding } from '../finding';
import { typeOfFileName } from './stores';
import { eachDeployment, findingAt, type WorkspaceRule } from './workspace-rule';

const CODE = 'java-truststore';

/** The JDK's own folder in Kestra's image, where `cacerts` lives. */
const JDK_FOLDER = '/opt/java/openjdk/';

/**
 * Checks the JVM truststore given with `-Djavax.net.ssl.trustStore`, which Kestra's outbound
 * calls use. Java is silent about most mistakes here: a missing file falls back to
 * `cacerts`, and a truststore with only a private CA replaces the public ones.
 */
export const javaTruststoreRule: WorkspaceRule = {
  rules: [
    {
      code: CODE,
      defaultSeverity: 'warning',
      summary:
        'The `-Djavax.net.ssl.trustStore` file is not mounted, has no password, ' +
        'or replaces cacerts.',
    },
  ],
  check: eachDeployment((deployment) => {
    const store = deployment.config.get('javax.net.ssl.trustStore');
    const file = settingText(store);
    if (!store || file === undefined || isPlaceholder(store) || !deployment.container) {
      return [];
    }
    return [
      ...notMounted(deployment, store, file),
      ...passwordMissing(deployment, store, file),
      ...typeMismatch(deployment, file),
      ...replacesCacerts(deployment, store, file),
    ];
  }),
};

function notMounted(deployment: Deployment, store: Setting, file: string): Finding[] {
  const mounts = deployment.container?.mounts ?? [];
  if (containerPath(file).startsWith(JDK_FOLDER) || mountFor(mounts, file)) {
    return [];
  }
  return [
    findingAt(
      CODE,
      'warning',
      `\`${file}\` is under no volume of the container, so Java silently falls back to its ` +
        'own cacerts: your CA is not trusted and calls to your services fail with PKIX ' +
        'errors. Mount the truststore at that path.',
      store.valuePlace,
      { path: file, problem: 'not-mounted' },
    ),
  ];
}

function passwordMissing(deployment: Deployment, store: Setting, file: string): Finding[] {
  if (deployment.config.get('javax.net.ssl.trustStorePassword')) {
    return [];
  }
  const type =
    settingText(deployment.config.get('javax.net.ssl.trustStoreType'))?.toUpperCase() ??
    typeOfFileName(file) ??
    'PKCS12';
  const jks = type === 'JKS';
  return [
    findingAt(
      CODE,
      jks ? 'information' : 'warning',
      'No `-Djavax.net.ssl.trustStorePassword` is given: Java skips the integrity check' +
        (jks
          ? '. Add the password so that a damaged or altered truststore is noticed.'
          : ', and cannot read the certificates keytool encrypts in a PKCS12 truststore, ' +
            'so no CA of it is trusted. Add the password.'),
      store.keyPlace,
      { path: file, problem: 'password-missing' },
    ),
  ];
}

function typeMismatch(deployment: Deployment, file: string): Finding[] {
  const typeSetting = deployment.config.get('javax.net.ssl.trustStoreType');
  const declared = settingText(typeSetting)?.toUpperCase();
  const expected = typeOfFileName(file);
  if (!typeSetting || declared === undefined || expected === undefined || declared === expected) {
    return [];
  }
  return [
    findingAt(
      CODE,
      'information',
      `\`-Djavax.net.ssl.trustStoreType\` is ${declared}, but \`${path.posix.basename(file)}\` ` +
        `is named like a ${expected} file. Java's compatibility mode loads it anyway; make ` +
        'the name and the type agree.',
      typeSetting.valuePlace,
      { path: file, problem: 'type-mismatch', declared, expected },
    ),
  ];
}

/**
 * A hint when the JVM truststore is the server's client-certificate truststore: such a
 * store usually holds only a private CA, and it replaces the JVM's public CAs.
 */
function replacesCacerts(deployment: Deployment, store: Setting, file: string): Finding[] {
  // FIXME: the hint needs the file to be the server's truststore as well; a truststore with
  // only a private CA under another name goes unnoticed until its entries are read.
  const server = settingText(
    deployment.config.first(
      'micronaut.server.ssl.trust-store.path',
      'micronaut.ssl.trust-store.path',
    ),
  );
  if (server === undefined || containerPath(server.replace(/^file:/, '')) !== containerPath(file)) {
    return [];
  }
  return [
    findingAt(
      CODE,
      'hint',
      `\`${file}\` is also the server's truststore, which usually holds only your private ` +
        "CA. As the JVM truststore it replaces Java's cacerts, so calls to public HTTPS " +
        'sites fail with PKIX errors. Give the JVM a copy of cacerts with your CA added.',
      store.valuePlace,
      { path: file, problem: 'replaces-cacerts' },
    ),
  ];
}
