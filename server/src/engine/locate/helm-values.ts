import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { ConfigTree } from '../model/config';
import type { Mount, Workload } from '../model/workload';
import { OffsetMap } from '../text/offset-map';
import { findPair, getIn, getItems, getMap, nodeSpan, textIn } from '../yaml/nodes';
import type { LocateContext } from './context';
import { inlineConfig, parseEmbeddedConfig } from './embedded-config';
import { readEnvironment } from './environment';
import { readJavaOptions } from './java-options';
import { looksLikeKestraConfig } from './kubernetes';

/**
 * Values for Kestra's Helm chart: `configurations` with the chart 1.x keys, a 0.x
 * `configuration` that holds Kestra settings, or the chart's `deployments` beside its
 * `common` or `dind` sections. Other tools name top-level keys `configuration` too, so the
 * key alone does not make a file Kestra's.
 */
export function isHelmValuesDocument(root: unknown): boolean {
  if (!isMap(root)) {
    return false;
  }
  const configurations = getMap(root, 'configurations');
  if (configurations && CHART_1_CONFIGURATIONS.some((key) => findPair(configurations, key))) {
    return true;
  }
  if (holdsKestraConfiguration(findPair(root, 'configuration')?.value)) {
    return true;
  }
  return (
    getMap(root, 'deployments') !== undefined &&
    (getMap(root, 'common') ?? getMap(root, 'dind')) !== undefined
  );
}

const CHART_1_CONFIGURATIONS = ['application', 'configmaps', 'secrets'];

/** A mapping, or YAML text, whose top level names Kestra's or Micronaut's sections. */
function holdsKestraConfiguration(value: unknown): boolean {
  if (isScalar(value) && typeof value.value === 'string') {
    return /^(kestra|micronaut|datasources|endpoints)\s*:/m.test(value.value);
  }
  return looksLikeKestraConfig(value);
}

/** The Kestra release a values file describes, as one workload with one container. */
export function readHelmValues(root: YAMLMap, context: LocateContext): Workload {
  const configs = [
    ...valueConfig(root, ['configurations', 'application'], context),
    ...valueConfig(root, ['configuration'], context),
    // Chart 0.x merges `secrets` into the configuration from a Secret of its own.
    ...valueConfig(root, ['secrets'], context),
  ];
  // FIXME: chart 1.x overrides per component (`deployments.<name>.extraEnv`, `.jvm`) are not
  // read, so properties set only there are missed.
  const environments = [getIn(root, 'common', 'extraEnv'), getIn(root, 'extraEnv')].map((node) =>
    readEnvironment(node, context.text, context.knownPaths),
  );
  const properties = environments.flatMap((environment) => environment.properties);
  const extraOpts = getIn(root, 'common', 'jvm', 'extraOpts');
  if (isScalar(extraOpts) && typeof extraOpts.value === 'string') {
    properties.push(
      ...readJavaOptions(extraOpts.value, OffsetMap.forScalar(context.text, extraOpts)),
    );
  }
  const span = nodeSpan(root);
  const nameSpan = { start: span.start, end: span.start };
  return {
    kind: 'helm-release',
    name: 'kestra',
    nameSpan,
    labels: new Map(),
    node: root,
    containers: [
      {
        name: 'kestra',
        nameSpan,
        image: undefined,
        environment: environments.flatMap((environment) => environment.environment),
        configs: [...configs, ...environments.flatMap((environment) => environment.configs)],
        properties,
        command: undefined,
        ports: [],
        mounts: configurationFileMounts(root),
        probes: [],
        node: root,
      },
    ],
  };
}

/**
 * Chart 1.x mounts each ConfigMap of `configurations.configmaps` under /app/confs and each
 * Secret of `configurations.secrets` under /app/secrets, and lists them all in
 * MICRONAUT_CONFIG_FILES.
 */
function configurationFileMounts(root: YAMLMap): Mount[] {
  const references = [
    { field: 'configmaps', kind: 'configmap' as const, directory: '/app/confs' },
    { field: 'secrets', kind: 'secret' as const, directory: '/app/secrets' },
  ];
  return references.flatMap(({ field, kind, directory }) =>
    getItems(root, 'configurations', field).flatMap((item): Mount[] => {
      const name = textIn(item, 'name');
      const key = textIn(item, 'key');
      if (name === undefined || key === undefined) {
        return [];
      }
      return [
        {
          kind,
          source: name,
          target: `${directory}/${key}`,
          subPath: key,
          items: new Map([[key, key]]),
          span: nodeSpan(item),
        },
      ];
    }),
  );
}

function valueConfig(root: YAMLMap, path: string[], context: LocateContext): ConfigTree[] {
  const pair = findPair(path.length > 1 ? getIn(root, ...path.slice(0, -1)) : root, path.at(-1)!);
  const value = pair?.value;
  const label = path.join('.');
  if (isMap(value)) {
    return [inlineConfig(value, 'helm-configuration', label, nodeSpan(value))];
  }
  if (isScalar(value) && typeof value.value === 'string' && value.value.trim() !== '') {
    const map = OffsetMap.forScalar(context.text, value);
    return [parseEmbeddedConfig(value.value, map, 'helm-configuration', label, nodeSpan(value))];
  }
  return [];
}
