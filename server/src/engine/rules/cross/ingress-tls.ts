import type { WorkspaceIndex } from '../../deployment/deployment';
import type { IngressFacts, IssuerFacts, Written } from '../../deployment/kubernetes-objects';
import { placeOf } from '../../deployment/place';
import { issuerOf } from '../../deployment/service-links';
import type { Finding, Severity } from '../finding';
import { backendProtocolFindings } from './ingress-backend-protocol';
import { findingAt, type WorkspaceRule } from './workspace-rule';

export const INGRESS_TLS = 'ingress-tls';

/**
 * Checks the TLS of the Ingresses in front of Kestra: hosts that `tls` and the rules do not
 * share, `tls` without a Secret, the backend protocol against what the backend port
 * speaks, and the cert-manager issuer the Ingress names.
 */
export const ingressTlsRule: WorkspaceRule = {
  rules: [
    {
      code: INGRESS_TLS,
      defaultSeverity: 'warning',
      summary:
        'Ingress TLS hosts, Secret, backend protocol or cert-manager issuer that do not match.',
    },
  ],
  check(index): Finding[] {
    const findings: Finding[] = [];
    for (const ingress of kestraIngresses(index)) {
      findings.push(...hostFindings(ingress), ...issuerFindings(ingress, index.issuers));
    }
    for (const deployment of index.deployments) {
      findings.push(...backendProtocolFindings(deployment));
    }
    return findings;
  },
};

/**
 * The Ingresses in front of Kestra: those that route to a Service selecting a Kestra pod,
 * those of Helm values, and those whose names say Kestra when the Service is elsewhere.
 */
function kestraIngresses(index: WorkspaceIndex): IngressFacts[] {
  const found = new Set<IngressFacts>();
  for (const deployment of index.deployments) {
    for (const service of deployment.services) {
      for (const route of service.routes) {
        found.add(route.ingress);
      }
    }
    if (deployment.helmIngress) {
      found.add(deployment.helmIngress);
    }
  }
  for (const ingress of index.ingresses) {
    const names = [ingress.name, ...ingress.hosts.map((host) => host.value)];
    names.push(...ingress.backends.map((backend) => backend.service));
    if (names.some((name) => /kestra/i.test(name))) {
      found.add(ingress);
    }
  }
  return [...found];
}

function at(ingress: IngressFacts, written: Written | { span: Written['span'] }) {
  return placeOf(ingress.at, written.span);
}

function hostFindings(ingress: IngressFacts): Finding[] {
  const findings: Finding[] = [];
  const ruleHosts = ingress.hosts.map((host) => host.value);
  const tlsHosts = ingress.tls.flatMap((tls) => tls.hosts.map((host) => host.value));
  for (const tls of ingress.tls) {
    for (const host of tls.hosts) {
      if (ruleHosts.length > 0 && !ruleHosts.some((rule) => covers(host.value, rule))) {
        findings.push(
          report(
            'warning',
            `TLS host \`${host.value}\` is in no rule of the Ingress, so the ` +
              'certificate is requested for a host that routes nowhere. ' +
              `Use a host of the rules (${ruleHosts.join(', ')}).`,
            at(ingress, host),
            { host: host.value, problem: 'tls-host-without-rule' },
          ),
        );
      }
      if (/^chart-example/.test(host.value)) {
        findings.push(leftover(ingress, host));
      }
    }
    if (!tls.secretName) {
      findings.push(
        report(
          'warning',
          'This `tls` entry names no `secretName`: the controller serves its ' +
            'default, untrusted certificate, and cert-manager has nowhere to store one. ' +
            'Add a `secretName`.',
          at(ingress, tls),
          { problem: 'tls-without-secret' },
        ),
      );
    } else if (/^chart-example/.test(tls.secretName.value)) {
      findings.push(leftover(ingress, tls.secretName));
    }
  }
  if (ingress.tls.length > 0) {
    for (const host of ingress.hosts) {
      if (!tlsHosts.some((tlsHost) => covers(tlsHost, host.value))) {
        findings.push(
          report(
            'warning',
            `Host \`${host.value}\` is in no \`tls\` entry, so it is served with ` +
              "the controller's default certificate and browsers reject it. " +
              'Add it to the `hosts` of a `tls` entry.',
            at(ingress, host),
            { host: host.value, problem: 'rule-host-without-tls' },
          ),
        );
      }
    }
  }
  return findings;
}

function leftover(ingress: IngressFacts, written: Written): Finding {
  return report(
    'information',
    `\`${written.value}\` is the chart's example value. Replace it with your own name.`,
    at(ingress, written),
    { value: written.value, problem: 'template-leftover' },
  );
}

function issuerFindings(ingress: IngressFacts, issuers: readonly IssuerFacts[]): Finding[] {
  const named = issuerOf(ingress, issuers);
  if (!named) {
    return [];
  }
  const annotation = ingress.annotations.get(
    named.kind === 'ClusterIssuer' ? 'cert-manager.io/cluster-issuer' : 'cert-manager.io/issuer',
  ) as Written;
  if (!named.issuer) {
    return [
      report(
        'information',
        `${named.kind} \`${named.name}\` is not in the workspace, so its ` +
          'solver cannot be checked against this Ingress. Make sure it exists in the cluster.',
        at(ingress, annotation),
        { issuer: named.name, kind: named.kind, problem: 'issuer-not-found' },
      ),
    ];
  }
  const classes = named.issuer.http01Classes;
  const className = ingress.className;
  if (
    !className ||
    classes.length === 0 ||
    classes.some((name) => name === undefined || name === className.value)
  ) {
    return [];
  }
  return [
    report(
      'warning',
      `${named.kind} \`${named.name}\` answers HTTP-01 challenges through Ingress ` +
        `class ${classes.map((name) => `\`${name}\``).join(', ')}, but this Ingress uses ` +
        `\`${className.value}\`: the challenge is served by a controller that does not get the ` +
        'traffic, and the certificate is never issued. Use the same class in both.',
      at(ingress, className),
      {
        issuer: named.name,
        issuerClasses: classes,
        ingressClass: className.value,
        problem: 'class-mismatch',
      },
    ),
  ];
}

/** True when a TLS host, possibly a wildcard, covers a rule host. */
function covers(tlsHost: string, ruleHost: string): boolean {
  if (tlsHost === ruleHost) {
    return true;
  }
  if (!tlsHost.startsWith('*.')) {
    return false;
  }
  const suffix = tlsHost.slice(1);
  return ruleHost.endsWith(suffix) && !ruleHost.slice(0, -suffix.length).includes('.');
}

function report(
  severity: Severity,
  message: string,
  place: ReturnType<typeof placeOf>,
  data: Record<string, unknown>,
): Finding {
  return findingAt(INGRESS_TLS, severity, message, place, data);
}
