/**
 * The value Kestra will see for a setting, as far as the workspace tells: compose
 * interpolation and Micronaut placeholders with a default are replaced by that default.
 */
import type { Deployment } from '../../deployment/deployment';
import type { Setting } from '../../deployment/effective-config';

/** A setting's value once substitutions with a default are applied. */
export type SettingValue =
  | { kind: 'unset' }
  | { kind: 'known'; value: string }
  /** Something without a default is substituted at start-up; `written` is the raw text. */
  | { kind: 'unresolved'; written: string };

/** Who substitutes `$` expressions in a value before Micronaut reads it. */
type Substitution = 'compose' | 'kubernetes' | 'none';

/**
 * `$$` (compose's escaped dollar), `${...}`, `$NAME` and `$(NAME)`, in the order they are
 * tried: `$${X:d}` is compose's way of handing the placeholder `${X:d}` to Micronaut.
 */
const EXPRESSION =
  /\$\$\{([^{}]*)\}|\$\$|\$\{([^{}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)|\$\(([^()]*)\)/g;

/** Compose's `${NAME:-default}` and `${NAME-default}`. */
const COMPOSE_DEFAULT = /^[A-Za-z_][A-Za-z0-9_]*:?-([\s\S]*)$/;

/** Compose's `${NAME:?error}` and `${NAME:+alternative}`, which depend on the variable. */
const COMPOSE_CONDITIONAL = /^[A-Za-z_][A-Za-z0-9_]*:?[?+]/;

/** Micronaut's `${name:default}`: everything after the first colon is the default. */
const MICRONAUT_DEFAULT = /^[^:]+:([\s\S]*)$/;

/** The value Kestra will read for a setting of a deployment, or why it is not known here. */
export function settingValue(deployment: Deployment, setting: Setting | undefined): SettingValue {
  if (setting?.value === undefined) {
    return { kind: 'unset' };
  }
  const written = String(setting.value).trim();
  const resolved = substitute(written, substitutionOf(deployment, setting));
  return resolved === undefined
    ? { kind: 'unresolved', written }
    : { kind: 'known', value: resolved };
}

/**
 * Replaces every substitution by its default, or returns undefined when one has none.
 * Nested placeholders are not followed: they count as unresolved.
 */
export function substitute(text: string, substitution: Substitution): string | undefined {
  let unresolved = false;
  const result = text.replace(
    EXPRESSION,
    (match, escaped?: string, braced?: string, bare?: string, parenthesised?: string) => {
      if (escaped !== undefined) {
        if (substitution === 'compose') {
          return micronautDefault(escaped) ?? fail();
        }
        // Outside compose `$$` is two dollars, and the placeholder after it Micronaut's.
        return `$${micronautDefault(escaped) ?? fail()}`;
      }
      if (match === '$$') {
        return substitution === 'compose' ? '$' : match;
      }
      if (braced !== undefined) {
        if (substitution === 'compose') {
          if (COMPOSE_CONDITIONAL.test(braced)) {
            return fail();
          }
          const composeDefault = COMPOSE_DEFAULT.exec(braced)?.[1];
          if (composeDefault !== undefined) {
            return composeDefault;
          }
        }
        return micronautDefault(braced) ?? fail();
      }
      if (bare !== undefined) {
        return substitution === 'compose' ? fail() : match;
      }
      return parenthesised !== undefined && substitution === 'kubernetes' ? fail() : match;
    },
  );
  // What is left of a nested placeholder, `${A:${B:x}}`, is not followed.
  return unresolved || result.includes('${') ? undefined : result;

  function fail(): string {
    unresolved = true;
    return '';
  }
}

function micronautDefault(body: string): string | undefined {
  return MICRONAUT_DEFAULT.exec(body)?.[1];
}

/**
 * Compose interpolates the compose file, KESTRA_CONFIGURATION included, and Kubernetes
 * expands `$(NAME)` in container environment values; a configuration file that the
 * container reads is handed to Micronaut untouched.
 */
function substitutionOf(deployment: Deployment, setting: Setting): Substitution {
  const inDeploymentFile =
    setting.origin !== 'config-file' || setting.source === 'KESTRA_CONFIGURATION';
  if (!inDeploymentFile) {
    return 'none';
  }
  switch (deployment.kind) {
    case 'compose-service':
      return 'compose';
    case 'kubernetes-workload':
      return 'kubernetes';
    default:
      return 'none';
  }
}
