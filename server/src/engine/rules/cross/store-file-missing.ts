import * as path from 'node:path';
import type { Deployment, WorkspaceIndex } from '../../deployment/deployment';
import { isInside } from '../../deployment/file-system';
import { sameNamespace } from '../../deployment/kubernetes-objects';
import { IdentityMemo } from '../../deployment/memo';
import { type MountedPath, mountFor, projectedKey } from '../../deployment/mounts';
import type { Finding } from '../finding';
import { type FileStorePath, fileStorePath, loadedStores } from './stores';
import { findingAt, type WorkspaceRule } from './workspace-rule';

const CODE = 'store-file-missing';

/** JVM options that name a store file for Kestra's outbound calls. */
const JVM_STORES = ['javax.net.ssl.trustStore', 'javax.net.ssl.keyStore'];

/**
 * Reports a store path that is mounted but whose file is not there: a bind-mounted folder
 * without the file, a Secret of the workspace without the key, or volume `items` that do
 * not project it. A Secret or folder outside the workspace is a missing fact, not a finding.
 */
export const storeFileMissingRule: WorkspaceRule = {
  rules: [
    {
      code: CODE,
      defaultSeverity: 'warning',
      summary: 'The file behind a mounted store path is not in the bind-mounted folder or Secret.',
    },
  ],
  check(index, context): Finding[] {
    const findings: Finding[] = [];
    for (const deployment of index.deployments) {
      for (const check of storeChecks(deployment, index.folders)) {
        if (check.kind === 'object-key') {
          findings.push(...objectKeyFinding(deployment, index, check.file, check.mounted));
        } else if (!context.fileSystem.exists(check.hostFile)) {
          findings.push(hostFileFinding(check, context.fileSystem.isIgnored(check.hostFile)));
        }
      }
    }
    return findings;
  },
};

/** A store file, and whether the JVM rather than Micronaut opens it. */
type StoreFile = FileStorePath & { jvm: boolean };

/**
 * What to check of a store file: that a host file of the workspace exists, or that a
 * Secret or ConfigMap has the key. Everything but the disk and the other objects of the
 * workspace is decided here, once per configuration and container.
 */
type StoreCheck =
  | {
      kind: 'host-file';
      file: StoreFile;
      mounted: MountedPath;
      hostFile: string;
      /** The host file as users read it, relative to the compose file. */
      shown: string;
      /** The finding once made, without and with the file git-ignored. */
      findings: [Finding | undefined, Finding | undefined];
    }
  | { kind: 'object-key'; file: StoreFile; mounted: MountedPath };

const checksByConfig = new IdentityMemo<StoreCheck[]>(2);

function storeChecks(deployment: Deployment, folders: readonly string[]): StoreCheck[] {
  const container = deployment.container;
  if (!container) {
    return [];
  }
  const inputs = [container.mounts, deployment.listening.ssl, deployment.folder, folders];
  return checksByConfig.get(deployment.config, inputs, () =>
    storeFiles(deployment).flatMap((file): StoreCheck[] => {
      const mounted = mountFor(container.mounts, file.containerPath);
      if (!mounted) {
        return [];
      }
      if (mounted.mount.mount.kind !== 'bind') {
        return [{ kind: 'object-key', file, mounted }];
      }
      const hostPath = mounted.mount.hostPath;
      if (hostPath === undefined) {
        return [];
      }
      const hostFile = mounted.rest === '' ? hostPath : path.join(hostPath, mounted.rest);
      const roots = folders.length > 0 ? folders : [deployment.folder];
      // Files outside the workspace are never read: whether they exist is a missing fact.
      if (!roots.some((folder) => isInside(folder, hostFile))) {
        return [];
      }
      const shown = path.relative(deployment.folder, hostFile).split(path.sep).join('/');
      return [
        { kind: 'host-file', file, mounted, hostFile, shown, findings: [undefined, undefined] },
      ];
    }),
  );
}

function storeFiles(deployment: Deployment): StoreFile[] {
  const micronaut = loadedStores(deployment).flatMap((store) => {
    const file = fileStorePath(store.path);
    return file ? [{ ...file, jvm: false }] : [];
  });
  const jvm = JVM_STORES.flatMap((name) => {
    const file = fileStorePath(deployment.config.get(name));
    return file ? [{ ...file, jvm: true }] : [];
  });
  return [...micronaut, ...jvm];
}

function hostFileFinding(
  check: Extract<StoreCheck, { kind: 'host-file' }>,
  ignored: boolean,
): Finding {
  const slot = ignored ? 1 : 0;
  const known = check.findings[slot];
  if (known) {
    return known;
  }
  const { file, mounted, hostFile, shown } = check;
  const finding = findingAt(
    CODE,
    ignored ? 'information' : 'warning',
    `\`${file.containerPath}\` comes from the bind mount \`${mounted.mount.mount.source}\`, ` +
      `but \`${shown}\` is not there` +
      (ignored
        ? ': it is git-ignored, as generated certificates usually are. Generate it before ' +
          'you start Kestra.'
        : `: ${consequence(file)} Generate it there, or fix the path.`),
    file.setting.valuePlace,
    { path: file.containerPath, hostPath: hostFile, ignored },
  );
  check.findings[slot] = finding;
  return finding;
}

function objectKeyFinding(
  deployment: Deployment,
  index: WorkspaceIndex,
  file: StoreFile,
  mounted: MountedPath,
): Finding[] {
  const { mount } = mounted.mount;
  if ((mount.kind !== 'secret' && mount.kind !== 'configmap') || mount.source === undefined) {
    return [];
  }
  const kind = mount.kind === 'secret' ? 'Secret' : 'ConfigMap';
  const key = projectedKey(mounted);
  if (key === undefined) {
    return mount.items === undefined
      ? []
      : [
          findingAt(
            CODE,
            'warning',
            `The volume of ${kind} \`${mount.source}\` lists \`items\`, and none of them ` +
              `projects \`${mounted.rest}\`, so \`${file.containerPath}\` does not exist in ` +
              `the container: ${consequence(file)} Add an item with \`path: ${mounted.rest}\`.`,
            file.setting.valuePlace,
            { path: file.containerPath, object: mount.source, kind, missingPath: mounted.rest },
          ),
        ];
  }
  const keys = objectKeys(index, kind, mount.source, deployment.namespace);
  if (keys === undefined || keys.has(key)) {
    return [];
  }
  const known = [...keys].map((name) => `\`${name}\``).join(', ') || 'no key';
  return [
    findingAt(
      CODE,
      'warning',
      `${kind} \`${mount.source}\` has no key \`${key}\` (it has ${known}), so ` +
        `\`${file.containerPath}\` does not exist in the container: ${consequence(file)} ` +
        'Add the key, or point the path at a key it has.',
      file.setting.valuePlace,
      { path: file.containerPath, object: mount.source, kind, key, keys: [...keys] },
    ),
  ];
}

/** What a missing store file does: Micronaut stops, while Java silently trusts cacerts. */
function consequence(file: StoreFile): string {
  return file.jvm
    ? 'Java silently falls back to its cacerts, so your CA is not trusted.'
    : 'Kestra fails at start-up.';
}

/** The keys of a Secret or ConfigMap of the workspace, or what a Certificate writes there. */
function objectKeys(
  index: WorkspaceIndex,
  kind: 'Secret' | 'ConfigMap',
  name: string,
  namespace: string | undefined,
): Set<string> | undefined {
  const objects = kind === 'Secret' ? index.secrets : index.configMaps;
  const object = objects.find(
    (candidate) => candidate.name === name && sameNamespace(candidate.namespace, namespace),
  );
  if (object) {
    return object.keys;
  }
  const certificate =
    kind === 'Secret'
      ? index.certificates.find(
          (candidate) =>
            candidate.secretName === name && sameNamespace(candidate.namespace, namespace),
        )
      : undefined;
  return certificate?.keys;
}
