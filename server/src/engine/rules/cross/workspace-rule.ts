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
