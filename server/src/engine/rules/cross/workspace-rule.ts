import type { DeepValidationOptions } from '../../deep/options';
import type { Deployment, WorkspaceIndex } from '../../deployment/deployment';
import type { WorkspaceFileSystem } from '../../deployment/file-system';
import type { Place } from '../../deployment/place';
import type { Finding, Severity } from '../finding';
import type { RuleDescription } from '../rule';

/** What a workspace rule may use besides the index. */
export interface WorkspaceRuleContext {
  fileSystem: WorkspaceFileSystem;
  /** Whether the checks that open keystores and truststores run; they do when unset. */
  deepValidation?: DeepValidationOptions;
}

/**
 * A rule that reasons across a whole deployment, over files. Its findings carry the uri
 * of the file they point into and spans counted from the start of that file.
 */
export interface WorkspaceRule {
  readonly rules: readonly RuleDescription[];
  check(index: WorkspaceIndex, context: WorkspaceRuleContext): Finding[];
}

/**
 * The check of a rule that judges each deployment on its own, from the deployment alone.
 * Builds hand back the very same deployment while nothing it is made of changed, so what
 * was found about it is kept by deployment rather than judged again on every keystroke.
 */
export function eachDeployment(
  judge: (deployment: Deployment) => Finding[],
): (index: WorkspaceIndex) => Finding[] {
  const judged = new WeakMap<Deployment, Finding[]>();
  return (index) => {
    const findings: Finding[] = [];
    for (const deployment of index.deployments) {
      let found = judged.get(deployment);
      if (!found) {
        found = judge(deployment);
        judged.set(deployment, found);
      }
      findings.push(...found);
    }
    return findings;
  };
}

/** A finding at a place of the workspace. */
export function findingAt(
  code: string,
  severity: Severity,
  message: string,
  place: Place,
  data?: Record<string, unknown>,
): Finding {
  return { code, severity, message, span: place.span, uri: place.uri, ...(data ? { data } : {}) };
}

/** How messages name a deployment: "compose service `kestra`", "workload `kestra`". */
export function describe(deployment: Deployment): string {
  switch (deployment.kind) {
    case 'compose-service':
      return `compose service \`${deployment.name}\``;
    case 'kubernetes-workload':
      return `workload \`${deployment.name}\``;
    case 'helm-release':
      return 'the Helm release';
    case 'config-file':
      return `\`${deployment.name}\``;
  }
}

/** Kestra's own images, which hold no keystore and no configuration file of the user. */
export function isKestraImage(image: string | undefined): boolean {
  // A compose default such as `${KESTRA_IMAGE:-kestra/kestra:v1.3}` names the image it runs.
  const name = image?.replace(/^\$\{[^}]*:-/, '');
  return name !== undefined && /(^|\/)kestra(\/kestra)?(:|@|\}|$)/.test(name);
}
