import type { Deployment } from '../../deployment/deployment';
import {
  DEFAULT_HTTP_PORT,
  DEFAULT_MANAGEMENT_PORT,
  DEFAULT_SSL_PORT,
} from '../../deployment/listening';

/**
 * The container port a Service `targetPort` or a probe `port` reaches: a number, a name the
 * container declares, `no-such-name` for a name it does not declare, or `unknown`.
 */
export type ResolvedTarget = number | 'unknown' | 'no-such-name';

export function resolveTarget(
  deployment: Deployment,
  target: number | string | undefined,
): ResolvedTarget {
  if (typeof target === 'number') {
    return target;
  }
  if (target === undefined || target.includes('{') || target.includes('$')) {
    return 'unknown';
  }
  const names = deployment.container?.portNames;
  if (!names?.has(target)) {
    return 'no-such-name';
  }
  return names.get(target) ?? 'unknown';
}

/**
 * True for the ports Kestra may listen on: its defaults and the ports its configuration
 * sets. Other ports, such as a debugger's or JMX's, belong to something the rules do not
 * model, so they are left alone.
 */
export function isKestraPort(deployment: Deployment, port: number): boolean {
  const { listening } = deployment;
  return [
    DEFAULT_HTTP_PORT,
    DEFAULT_SSL_PORT,
    DEFAULT_MANAGEMENT_PORT,
    listening.httpPort,
    listening.sslPort,
    listening.managementPort,
  ].includes(port);
}
