import * as path from 'node:path';
import { settingText } from '../../deployment/effective-config';
import { loadedStores, storeSettings, typeOfFileName } from './stores';
import { eachDeployment, findingAt, type WorkspaceRule } from './workspace-rule';

/**
 * Reports a `classpath:` keystore or truststore in a Kestra deployment: Kestra's jar and
 * plugins hold no such resource, so Micronaut cannot find it at start-up.
 */
export const classpathStoreRule: WorkspaceRule = {
  rules: [
    {
      code: 'classpath-store',
      defaultSeverity: 'error',
      summary: 'A `classpath:` store path, where Kestra has no such resource.',
    },
  ],
  check: eachDeployment((deployment) =>
    loadedStores(deployment).flatMap((store) => {
      const text = settingText(store.path);
      if (!store.path || !text?.startsWith('classpath:')) {
        return [];
      }
      const file = path.posix.basename(text.slice('classpath:'.length));
      const replacement = `file:/app/ssl/${file}`;
      return [
        findingAt(
          'classpath-store',
          'error',
          `\`${text}\` looks for the store inside Kestra's jar, where there is none: Kestra ` +
            'fails at start-up with "The resource could not be found". Mount the file and ' +
            `use a \`file:\` path, such as \`${replacement}\`.`,
          store.path.valuePlace,
          { path: text, replacement },
        ),
      ];
    }),
  ),
};

/**
 * Tells when a store's declared type disagrees with its file name. Java's keystore
 * compatibility mode loads PKCS12 and JKS files under either type, so this is information:
 * the name or the type misleads the next reader, and a tool outside Java may fail.
 */
export const storeTypeMismatchRule: WorkspaceRule = {
  rules: [
    {
      code: 'store-type-mismatch',
      defaultSeverity: 'information',
      summary: 'A store type that disagrees with its file name (`.p12`, `.pfx`, `.jks`).',
    },
  ],
  check: eachDeployment((deployment) =>
    storeSettings(deployment.config).flatMap((store) => {
      const file = settingText(store.path);
      const declared = settingText(store.type)?.toUpperCase();
      const expected = file === undefined ? undefined : typeOfFileName(file);
      if (!store.type || declared === undefined || expected === undefined) {
        return [];
      }
      if (declared === expected || !['PKCS12', 'JKS'].includes(declared)) {
        return [];
      }
      return [
        findingAt(
          'store-type-mismatch',
          'information',
          `\`${store.prefix}.type\` is ${declared}, but \`${path.posix.basename(file!)}\` is ` +
            `named like a ${expected} file. Java's compatibility mode loads it anyway; make ` +
            'the name and the type agree so that other tools read it right.',
          store.type.valuePlace,
          { declared, expected, replacement: expected },
        ),
      ];
    }),
  ),
};
