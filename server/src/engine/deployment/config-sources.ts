import * as path from 'node:path';
import type { ConfigTree } from '../model/config';
import type { EnvironmentVariable } from '../model/workload';
import { type DeploymentMount, mountFor, projectedKey } from './mounts';
import type { Sourced } from './place';

/** Where the index finds configuration files that a deployment mounts. */
export interface ConfigLookup {
  /** The configuration trees of a workspace file, by its file system path. */
  fileConfigs(fsPath: string): Sourced<ConfigTree>[] | undefined;
  /** The configuration held under one key of a Secret or ConfigMap of the workspace. */
  objectConfigs(
    kind: 'Secret' | 'ConfigMap',
    name: string,
    namespace: string | undefined,
    key: string,
  ): Sourced<ConfigTree>[] | undefined;
}

/** The configuration files a deployment reads besides KESTRA_CONFIGURATION. */
export interface ReferencedConfigs {
  trees: Sourced<ConfigTree>[];
  /** False when a file it reads is not in the workspace. */
  complete: boolean;
  /** The workspace files the trees come from. */
  sources: string[];
}

/**
 * The container paths of the configuration files Kestra reads: files named by `-c` and
 * `MICRONAUT_CONFIG_FILES`. Kestra's image replaces `MICRONAUT_CONFIG_FILES` with the file
 * it writes KESTRA_CONFIGURATION to, so the variable counts only without KESTRA_CONFIGURATION.
 */
export function configFilePaths(
  commandFiles: readonly string[],
  environment: readonly EnvironmentVariable[],
): string[] {
  const hasConfiguration = environment.some((variable) => variable.name === 'KESTRA_CONFIGURATION');
  const listed = hasConfiguration
    ? []
    : environment
        .filter((variable) => variable.name === 'MICRONAUT_CONFIG_FILES')
        .flatMap((variable) => (variable.value ?? '').split(','))
        .map((file) => file.trim())
        .filter((file) => file !== '');
  return [...listed, ...commandFiles];
}

/** Variables whose value, when the file does not show it, may change what the rules judge. */
const SIGNIFICANT_VARIABLES = new RegExp(
  '^(MICRONAUT_|ENDPOINTS_|KESTRA_CONFIGURATION$|KESTRA_URL$|' +
    'JAVA_OPTS$|_JAVA_OPTIONS$|JAVA_TOOL_OPTIONS$)',
);

/**
 * True when a variable that may set server, SSL or URL properties takes its value from
 * elsewhere: a Kubernetes `valueFrom`, or a bare name in a compose list, read from the shell.
 */
export function hidesSettings(environment: readonly EnvironmentVariable[]): boolean {
  return environment.some(
    (variable) => variable.value === null && SIGNIFICANT_VARIABLES.test(variable.name),
  );
}

/** Resolves configuration files through the container's mounts to files of the workspace. */
export function referencedConfigs(
  paths: readonly string[],
  mounts: readonly DeploymentMount[],
  namespace: string | undefined,
  lookup: ConfigLookup,
): ReferencedConfigs {
  const result: ReferencedConfigs = { trees: [], complete: true, sources: [] };
  for (const file of paths) {
    const trees = resolve(file, mounts, namespace, lookup);
    if (trees === undefined) {
      result.complete = false;
      continue;
    }
    result.trees.push(...trees);
    result.sources.push(...trees.map((tree) => tree.at.uri));
  }
  return result;
}

function resolve(
  file: string,
  mounts: readonly DeploymentMount[],
  namespace: string | undefined,
  lookup: ConfigLookup,
): Sourced<ConfigTree>[] | undefined {
  if (file.includes('$')) {
    return undefined;
  }
  const mounted = mountFor(mounts, file.replace(/^file:/, ''));
  if (!mounted) {
    return undefined;
  }
  const { mount, hostPath } = mounted.mount;
  if (mount.kind === 'bind') {
    return hostPath === undefined
      ? undefined
      : lookup.fileConfigs(mounted.rest === '' ? hostPath : path.join(hostPath, mounted.rest));
  }
  if ((mount.kind === 'secret' || mount.kind === 'configmap') && mount.source !== undefined) {
    const key = projectedKey(mounted);
    const kind = mount.kind === 'secret' ? 'Secret' : 'ConfigMap';
    return key === undefined ? undefined : lookup.objectConfigs(kind, mount.source, namespace, key);
  }
  return undefined;
}
