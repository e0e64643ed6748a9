import type { Deployment, SelectingService } from '../../deployment/deployment';
import { describePorts, type Listening, listeningAt } from '../../deployment/listening';
import { type DocumentRef, placeOf } from '../../deployment/place';
import type { Span } from '../../model/span';
import type { Finding } from '../finding';
import { isKestraPort, resolveTarget } from './port-targets';
import { describe, eachDeployment, findingAt, type WorkspaceRule } from './workspace-rule';

const CODE = 'port-not-listening';
const BACKEND_PROTOCOL = 'nginx.ingress.kubernetes.io/backend-protocol';

/**
 * Reports a port that traffic is sent to but nothing listens on: a published, exposed,
 * declared, probed or targeted port that the configuration closed, a Service `targetPort`
 * the container does not have, and an Ingress backend port the Service does not define.
 */
export const portNotListeningRule: WorkspaceRule = {
  rules: [
    {
      code: CODE,
      defaultSeverity: 'warning',
      summary: 'A published, targeted or probed port that nothing listens on.',
    },
  ],
  check: eachDeployment((deployment) => [
    ...containerFindings(deployment),
    ...deployment.services.flatMap((service) => serviceFindings(deployment, service)),
  ]),
};

function containerFindings(deployment: Deployment): Finding[] {
  const container = deployment.container;
  if (!container || container.hostNetwork) {
    return [];
  }
  const findings: Finding[] = [];
  const checked: { number: number; span: Span; at: DocumentRef }[] = [];
  for (const { port, at } of container.ports) {
    if (port.containerPort !== undefined) {
      checked.push({ number: port.containerPort, span: port.span, at });
    }
  }
  for (const { probe, at } of container.probes) {
    const target = resolveTarget(deployment, probe.port);
    if (target === 'no-such-name') {
      findings.push(
        namedPortMissing(deployment, String(probe.port), 'probe', placeOf(at, probe.span)),
      );
    } else if (typeof target === 'number') {
      checked.push({ number: target, span: probe.span, at });
    }
  }
  if (deployment.listening.certain) {
    for (const entry of checked) {
      findings.push(
        ...closedPort(deployment, entry.number, entry.at, entry.span, 'container port'),
      );
    }
  }
  return findings;
}

function serviceFindings(deployment: Deployment, selecting: SelectingService): Finding[] {
  const { service } = selecting;
  const findings: Finding[] = [];
  for (const port of service.ports) {
    const target = resolveTarget(deployment, port.targetPort);
    const place = placeOf(service.at, port.targetSpan);
    if (target === 'no-such-name') {
      findings.push(namedPortMissing(deployment, String(port.targetPort), 'Service', place));
    } else if (typeof target === 'number' && deployment.listening.certain) {
      findings.push(
        ...closedPort(
          deployment,
          target,
          service.at,
          port.targetSpan,
          `Service \`${service.name}\` target port`,
        ),
      );
    }
  }
  for (const route of selecting.routes) {
    if (route.port || route.backend.port === undefined) {
      continue;
    }
    const defined = service.ports.map((port) =>
      port.name === undefined ? `${port.port}` : `${port.port} (${port.name})`,
    );
    const replacement = preferredServicePort(deployment, selecting);
    const protocol = route.ingress.annotations.get(BACKEND_PROTOCOL)?.value.toUpperCase();
    findings.push(
      findingAt(
        CODE,
        'warning',
        `Ingress \`${route.ingress.name}\` sends ${protocol === 'HTTPS' ? 'HTTPS' : 'requests'} ` +
          `to port ${route.backend.port} of Service \`${service.name}\`, which has no such ` +
          `port (it defines ${defined.join(', ') || 'none'}): every request gets 503.` +
          (replacement === undefined ? '' : ` Point the backend at port ${replacement}.`),
        placeOf(route.ingress.at, route.backend.span),
        {
          ingress: route.ingress.name,
          service: service.name,
          port: route.backend.port,
          servicePorts: service.ports.map((port) => port.port),
          ...(replacement === undefined ? {} : { replacement }),
        },
      ),
    );
  }
  return findings;
}

/** The Service port that reaches the port serving the UI: the SSL port when SSL is on. */
function preferredServicePort(
  deployment: Deployment,
  selecting: SelectingService,
): number | undefined {
  const ui = deployment.listening.ports.find((port) => port.role !== 'management');
  const match = selecting.service.ports.find(
    (port) => ui !== undefined && resolveTarget(deployment, port.targetPort) === ui.port,
  );
  return match?.port;
}

function closedPort(
  deployment: Deployment,
  port: number,
  at: DocumentRef,
  span: Span,
  what: string,
): Finding[] {
  const { listening } = deployment;
  if (listeningAt(listening, port) || !isKestraPort(deployment, port)) {
    return [];
  }
  const replacement = replacementFor(listening, port);
  return [
    findingAt(
      CODE,
      'warning',
      `Nothing listens on ${what} ${port} of ${describe(deployment)}: ${reason(listening, port)}` +
        `, so Kestra listens on ${describePorts(listening)} only.` +
        (replacement === undefined ? '' : ` Use port ${replacement}.`),
      placeOf(at, span),
      {
        port,
        listening: listening.ports.map((candidate) => candidate.port),
        ...(replacement === undefined ? {} : { replacement }),
      },
    ),
  ];
}

function reason(listening: Listening, port: number): string {
  if (listening.ssl === true && port === listening.httpPort) {
    return 'SSL is on without `micronaut.server.dual-protocol: true`';
  }
  if (listening.ssl === false && port === listening.sslPort) {
    return 'SSL is off';
  }
  return 'no setting opens that port';
}

/** The listening port that takes the closed port's role: HTTPS for HTTP and back. */
function replacementFor(listening: Listening, port: number): number | undefined {
  if (port === listening.managementPort) {
    return undefined;
  }
  return listening.ports.find((candidate) => candidate.role !== 'management')?.port;
}

function namedPortMissing(
  deployment: Deployment,
  name: string,
  what: 'probe' | 'Service',
  place: ReturnType<typeof placeOf>,
): Finding {
  const names = [...(deployment.container?.portNames.keys() ?? [])];
  return findingAt(
    CODE,
    'warning',
    `The ${what} targets the port named \`${name}\`, but ${describe(deployment)} declares ` +
      (names.length === 0 ? 'no named port' : `only ${names.map((n) => `\`${n}\``).join(', ')}`) +
      `, so ${what === 'probe' ? 'the probe always fails' : 'the Service reaches nothing'}. ` +
      `Name a container port \`${name}\` or target one that exists.`,
    place,
    { portName: name, declared: names },
  );
}
