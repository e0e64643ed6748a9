import type { Deployment } from '../../deployment/deployment';
import { describePorts } from '../../deployment/listening';
import { placeOf } from '../../deployment/place';
import type { Finding } from '../finding';
import { resolveTarget } from './port-targets';
import { describe, eachDeployment, findingAt, type WorkspaceRule } from './workspace-rule';

const CODE = 'ssl-port-not-published';

/**
 * Reports an SSL port that no one can reach: compose does not publish it, the pod does not
 * declare it, or no Service that selects the pod targets it.
 */
export const sslPortNotPublishedRule: WorkspaceRule = {
  rules: [
    {
      code: CODE,
      defaultSeverity: 'warning',
      summary: 'SSL is on, but its port is not published, declared or targeted by a Service.',
    },
  ],
  check: eachDeployment((deployment) => {
    const { listening } = deployment;
    if (listening.ssl !== true || typeof listening.sslPort !== 'number') {
      return [];
    }
    switch (deployment.kind) {
      case 'compose-service':
        return composeFindings(deployment, listening.sslPort);
      case 'kubernetes-workload':
        return kubernetesFindings(deployment, listening.sslPort);
      case 'helm-release':
        return helmFindings(deployment, listening.sslPort);
      default:
        return [];
    }
  }),
};

function composeFindings(deployment: Deployment, sslPort: number): Finding[] {
  const container = deployment.container;
  if (!container || container.hostNetwork || container.ports.length === 0) {
    // Without any published port the service is reached over compose networks only.
    return [];
  }
  const numbers = container.ports.map(({ port }) => port.containerPort);
  if (numbers.includes(undefined) || numbers.includes(sslPort)) {
    return [];
  }
  const first = container.ports[0]!;
  const place = container.portsKey ?? placeOf(first.at, first.port.span);
  return [
    findingAt(
      CODE,
      'warning',
      `SSL is on, so Kestra listens on ${describePorts(deployment.listening)}, but ` +
        `${describe(deployment)} publishes container port ${list(numbers)} only: HTTPS cannot ` +
        `be reached from outside. Publish it, for example "${sslPort}:${sslPort}".`,
      place,
      {
        service: deployment.name,
        port: sslPort,
        ...(container.portsKey ? { portsSpan: container.portsKey.span } : {}),
      },
    ),
  ];
}

function kubernetesFindings(deployment: Deployment, sslPort: number): Finding[] {
  const container = deployment.container;
  const findings: Finding[] = [];
  const declared = container?.ports ?? [];
  const numbers = declared.map(({ port }) => port.containerPort);
  if (declared.length > 0 && !numbers.includes(undefined) && !numbers.includes(sslPort)) {
    const first = declared[0]!;
    findings.push(
      findingAt(
        CODE,
        'warning',
        `SSL is on, so Kestra listens on port ${sslPort}, but ${describe(deployment)} declares ` +
          `container port ${list(numbers)} only. Declare \`containerPort: ${sslPort}\` ` +
          '(named `https`), so that Services can target it by name.',
        placeOf(first.at, first.port.span),
        { workload: deployment.name, port: sslPort },
      ),
    );
  }
  const services = deployment.services.map(({ service }) => service);
  if (services.length === 0) {
    return findings;
  }
  const targets = services.flatMap((service) =>
    service.ports.map((port) => resolveTarget(deployment, port.targetPort)),
  );
  if (targets.includes('unknown') || targets.includes(sslPort)) {
    return findings;
  }
  const service = services[0]!;
  const port = service.ports[0];
  findings.push(
    findingAt(
      CODE,
      'warning',
      `SSL is on, so ${describe(deployment)} listens on port ${sslPort}, but no Service that ` +
        `selects it targets that port: Service \`${service.name}\` targets ` +
        `${list(service.ports.map((candidate) => candidate.targetPort))}. ` +
        `Add a port with \`targetPort: ${sslPort}\`.`,
      placeOf(service.at, port ? port.span : service.nameSpan),
      { service: service.name, port: sslPort },
    ),
  );
  return findings;
}

function helmFindings(deployment: Deployment, sslPort: number): Finding[] {
  const chart = deployment.helmChart;
  const setting = deployment.listening.sslSetting;
  if (
    !chart ||
    deployment.listening.dualProtocol !== false ||
    chart.httpContainerPort === sslPort
  ) {
    return [];
  }
  const place = chart.httpContainerPortPlace ?? setting?.keyPlace;
  if (!place) {
    return [];
  }
  return [
    findingAt(
      CODE,
      'warning',
      `SSL is on, so Kestra listens on port ${sslPort} only, but the chart's Service and ` +
        `Ingress send traffic to container port ${chart.httpContainerPort}, where nothing ` +
        `answers. Set \`service.ports.http.containerPort: ${sslPort}\`.`,
      place,
      { release: deployment.name, port: sslPort, valuesPath: 'service.ports.http.containerPort' },
    ),
  ];
}

function list(values: readonly (number | string | undefined)[]): string {
  const unique = [...new Set(values.filter((value) => value !== undefined))];
  return unique.length === 0 ? 'nothing' : unique.join(', ');
}
