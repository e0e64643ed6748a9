import type { Deployment } from './deployment';
import { IdentityMemo } from './memo';

/**
 * Deployments by everything they are made of. A build makes every deployment anew, but the
 * parts of an untouched one (its container, configuration, Services, sources...) are the
 * objects of the last build; handing back the last build's deployment then lets the rules
 * keep what they found about it.
 */
const deploymentsByParts = new IdentityMemo<Deployment>(2);

/** Stands for the empty maps and lists that a build makes afresh for every deployment. */
const EMPTY = {};

/** The deployments, each replaced by the last build's when that is made of the same parts. */
export function sameDeployments(deployments: readonly Deployment[]): Deployment[] {
  return deployments.map((deployment) =>
    deploymentsByParts.get(
      deployment.container ?? deployment.config,
      partsOf(deployment),
      () => deployment,
    ),
  );
}

/**
 * Every field of a deployment, whatever fields it has: a field added later can only make
 * deployments differ, never keep a stale one. Sources are compared by content.
 */
function partsOf(deployment: Deployment): unknown[] {
  const parts: unknown[] = [];
  const fields = deployment as unknown as Record<string, unknown>;
  for (const key in fields) {
    const value = fields[key];
    parts.push(key);
    if (value instanceof Set) {
      parts.push(value.size, ...value);
    } else if (
      (value instanceof Map && value.size === 0) ||
      (Array.isArray(value) && value.length === 0)
    ) {
      parts.push(EMPTY);
    } else {
      parts.push(value);
    }
  }
  return parts;
}
