import type { Deployment } from '../../deployment/deployment';
import { isPlaceholder, type Setting, settingText } from '../../deployment/effective-config';
import type { Finding } from '../finding';
import { eachDeployment, findingAt, type WorkspaceRule } from './workspace-rule';

const CODE = 'url-mismatch';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]']);

/**
 * Reports a `kestra.url` that disagrees with how Kestra is reached: http while Kestra
 * serves HTTPS, a local port that compose does not publish, or http for a host whose
 * Ingress serves TLS. Kestra builds links in notifications and the UI from this URL.
 */
export const urlMismatchRule: WorkspaceRule = {
  rules: [
    {
      code: CODE,
      defaultSeverity: 'warning',
      summary: '`kestra.url` disagrees with how Kestra is reached (scheme or published port).',
    },
  ],
  check: eachDeployment((deployment) => {
    const setting = deployment.config.get('kestra.url');
    const text = settingText(setting);
    if (!setting || text === undefined || isPlaceholder(setting)) {
      return [];
    }
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return [];
    }
    const problem =
      schemeProblem(deployment, url) ??
      portProblem(deployment, url) ??
      ingressProblem(deployment, url);
    return problem ? [report(setting, text, problem)] : [];
  }),
};

interface Problem {
  reason: string;
  suggestion: string;
}

function report(setting: Setting, text: string, problem: Problem): Finding {
  return findingAt(
    CODE,
    'warning',
    `\`kestra.url\` is ${text}, but ${problem.reason}: links Kestra builds from it, in the ` +
      `UI and in notifications, lead nowhere. Set it to ${problem.suggestion}.`,
    setting.valuePlace,
    { url: text, replacement: problem.suggestion },
  );
}

function schemeProblem(deployment: Deployment, url: URL): Problem | undefined {
  const { listening } = deployment;
  if (listening.ssl !== true || listening.dualProtocol !== false || url.protocol !== 'http:') {
    return undefined;
  }
  const suggested = new URL(url.href);
  suggested.protocol = 'https:';
  const published = isLocal(url) ? publishedHostPort(deployment) : undefined;
  if (published !== undefined) {
    suggested.port = String(published);
  }
  return { reason: 'Kestra serves HTTPS only', suggestion: suggested.href };
}

function portProblem(deployment: Deployment, url: URL): Problem | undefined {
  const container = deployment.container;
  if (
    deployment.kind !== 'compose-service' ||
    !container ||
    container.hostNetwork ||
    !isLocal(url) ||
    !deployment.listening.certain
  ) {
    return undefined;
  }
  const published = publishedHostPorts(deployment);
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (published.length === 0 || published.includes(port)) {
    return undefined;
  }
  const suggested = new URL(url.href);
  suggested.port = String(published[0]);
  return {
    reason:
      `${port} is not a published port of the UI ` +
      `(compose publishes it on ${published.join(', ')})`,
    suggestion: suggested.href,
  };
}

function ingressProblem(deployment: Deployment, url: URL): Problem | undefined {
  if (url.protocol !== 'http:') {
    return undefined;
  }
  const ingresses = [
    ...deployment.services.flatMap((service) => service.routes.map((route) => route.ingress)),
    ...(deployment.helmIngress ? [deployment.helmIngress] : []),
  ];
  const covered = ingresses.some((ingress) =>
    ingress.tls.some((tls) => tls.hosts.some((host) => host.value === url.hostname)),
  );
  if (!covered) {
    return undefined;
  }
  const suggested = new URL(url.href);
  suggested.protocol = 'https:';
  return { reason: `the Ingress serves ${url.hostname} over HTTPS`, suggestion: suggested.href };
}

function isLocal(url: URL): boolean {
  return LOCAL_HOSTS.has(url.hostname);
}

/** Host ports that compose publishes for the port serving the UI. */
function publishedHostPorts(deployment: Deployment): number[] {
  const ui = deployment.listening.ports.filter((port) => port.role !== 'management');
  return (deployment.container?.ports ?? []).flatMap(({ port }) =>
    port.kind === 'published' &&
    port.hostPort !== undefined &&
    ui.some((listening) => listening.port === port.containerPort)
      ? [port.hostPort]
      : [],
  );
}

function publishedHostPort(deployment: Deployment): number | undefined {
  return publishedHostPorts(deployment)[0];
}
