import { isMap, isScalar, isSeq, type Pair, type YAMLMap } from 'yaml';
import type { Mount, PortDeclaration, ProbedPort, Workload } from '../model/workload';
import { getIn, getItems, keyText, nodeSpan, scalarText, textIn } from '../yaml/nodes';
import { readCommandLine } from './command-line';
import type { LocateContext } from './context';
import { readEnvironment } from './environment';

/** A compose file is any YAML document whose top level has a `services` mapping. */
export function isComposeDocument(root: unknown): boolean {
  return isMap(getIn(root, 'services'));
}

/**
 * A compose service copied without its `services:` parent, as documentation pages show
 * it: a top-level key whose value names a string `image` and how to run it. Kestra has
 * no `image` setting, so such a document is not a Kestra configuration file.
 */
export function isComposeServiceFragment(root: unknown): boolean {
  return (
    isMap(root) &&
    root.items.some(
      (pair) =>
        isMap(pair.value) &&
        textIn(pair.value, 'image') !== undefined &&
        ['environment', 'command', 'ports', 'volumes'].some(
          (key) => getIn(pair.value, key) !== undefined,
        ),
    )
  );
}

/**
 * The compose services that run Kestra, each as a workload with one container. `root` is
 * the compose file, or the services themselves for a service fragment.
 */
export function readComposeServices(root: YAMLMap, context: LocateContext): Workload[] {
  const services = isComposeDocument(root) ? getIn(root, 'services') : root;
  if (!isMap(services)) {
    return [];
  }
  return services.items.flatMap((pair): Workload[] => {
    const workload = readComposeService(pair, context);
    return workload ? [workload] : [];
  });
}

/** One entry of `services` as a workload, or undefined when it does not run Kestra. */
export function readComposeService(pair: Pair, context: LocateContext): Workload | undefined {
  const name = keyText(pair);
  const service = pair.value;
  if (name === undefined || !isMap(service)) {
    return undefined;
  }
  const environment = readEnvironment(
    getIn(service, 'environment'),
    context.text,
    context.knownPaths,
  );
  const commandLine = readCommandLine([getIn(service, 'command')], context.text);
  const image = textIn(service, 'image');
  if (!runsKestra(image, environment.configs.length > 0, commandLine?.command.serverCommand)) {
    return undefined;
  }
  const nameSpan = nodeSpan(pair.key);
  return {
    kind: 'compose-service',
    name,
    nameSpan,
    labels: new Map(),
    node: service,
    containers: [
      {
        name,
        nameSpan,
        image,
        environment: environment.environment,
        configs: environment.configs,
        properties: [...environment.properties, ...(commandLine?.properties ?? [])],
        command: commandLine?.command,
        ports: [...publishedPorts(service), ...exposedPorts(service)],
        mounts: composeMounts(service),
        probes: healthCheckPorts(service),
        node: service,
      },
    ],
  };
}

/** Kestra's image, its configuration variable or its server command mark a Kestra service. */
export function runsKestra(
  image: string | undefined,
  hasConfiguration: boolean,
  serverCommand: string | undefined,
): boolean {
  // The open-source image is kestra/kestra; the Enterprise Edition's is .../kestra-ee.
  return (
    hasConfiguration || serverCommand !== undefined || /(^|\/)kestra(-ee)?(:|@|$)/.test(image ?? '')
  );
}

/** The `ports` a compose service publishes, in short or long syntax. */
export function publishedPorts(service: YAMLMap): PortDeclaration[] {
  return getItems(service, 'ports').map((item): PortDeclaration => {
    const span = nodeSpan(item);
    if (isMap(item)) {
      return {
        kind: 'published',
        containerPort: portNumber(textIn(item, 'target')),
        hostPort: portNumber(textIn(item, 'published')),
        name: textIn(item, 'name'),
        span,
      };
    }
    // Short syntax: [[ip:]host:]container[/protocol].
    const parts = (scalarText(item) ?? '').replace(/\/\w+$/, '').split(':');
    const container = parts[parts.length - 1];
    const host = parts.length >= 2 ? parts[parts.length - 2] : undefined;
    return {
      kind: 'published',
      containerPort: portNumber(container),
      hostPort: portNumber(host),
      name: undefined,
      span,
    };
  });
}

/** The ports a compose service lists under `expose`. */
export function exposedPorts(service: YAMLMap): PortDeclaration[] {
  return getItems(service, 'expose').map((item) => ({
    kind: 'expose',
    containerPort: portNumber((scalarText(item) ?? '').replace(/\/\w+$/, '')),
    hostPort: undefined,
    name: undefined,
    span: nodeSpan(item),
  }));
}

/** A port as a number; undefined for ranges, placeholders and anything else. */
export function portNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,5}$/.test(text.trim())) {
    return undefined;
  }
  return Number(text.trim());
}

/** The `volumes` of a compose service, as bind mounts or named volumes. */
export function composeMounts(service: YAMLMap): Mount[] {
  return getItems(service, 'volumes').flatMap((item): Mount[] => {
    const span = nodeSpan(item);
    if (isMap(item)) {
      const target = textIn(item, 'target');
      if (target === undefined) {
        return [];
      }
      const type = textIn(item, 'type');
      return [
        {
          kind:
            type === 'bind' ? 'bind' : type === 'volume' || type === undefined ? 'volume' : 'other',
          target,
          source: textIn(item, 'source'),
          subPath: undefined,
          items: undefined,
          span,
        },
      ];
    }
    const text = scalarText(item);
    if (text === undefined) {
      return [];
    }
    const [source, target, ...rest] = text.split(':');
    if (target === undefined || rest.length > 1) {
      // A lone container path is an anonymous volume.
      return [
        {
          kind: 'volume',
          target: source ?? text,
          source: undefined,
          subPath: undefined,
          items: undefined,
          span,
        },
      ];
    }
    const bind = /^[./~$]/.test(source ?? '');
    return [
      {
        kind: bind ? 'bind' : 'volume',
        target,
        source,
        subPath: undefined,
        items: undefined,
        span,
      },
    ];
  });
}

/** The ports a compose health check calls by URL. */
export function healthCheckPorts(service: YAMLMap): ProbedPort[] {
  const test = getIn(service, 'healthcheck', 'test');
  const words = isSeq(test) ? test.items : isScalar(test) ? [test] : [];
  return words.flatMap((word) => {
    const text = scalarText(word) ?? '';
    return [...text.matchAll(/\b(https?):\/\/[^\s/:'"]+:(\d{1,5})/g)].map((match) => ({
      port: Number(match[2]),
      scheme: match[1]?.toUpperCase(),
      span: nodeSpan(word),
    }));
  });
}
