import type { DocumentModel } from '../model/document';
import type { Finding } from './finding';
import type { DocumentRule } from './rule';

/** Reports YAML syntax errors, in the file itself and inside embedded configuration. */
export const yamlSyntaxRule: DocumentRule = {
  rules: [
    {
      code: 'yaml-syntax',
      defaultSeverity: 'error',
      summary: 'A YAML syntax error, in the file or inside embedded configuration.',
    },
  ],
  check(model: DocumentModel): Finding[] {
    const own = concernsKestra(model)
      ? model.syntaxErrors.map((error) => ({
          code: 'yaml-syntax',
          severity: 'error' as const,
          message: firstLine(error.message),
          span: error.span,
        }))
      : [];
    const embedded = model.configs.flatMap((tree) =>
      tree.syntaxErrors.map((error) => ({
        code: 'yaml-syntax',
        severity: 'error' as const,
        message:
          `${tree.label} is not valid YAML, so Kestra fails at start-up: ` +
          firstLine(error.message),
        span: error.span,
      })),
    );
    return [...own, ...embedded];
  },
};

/**
 * A compose file or Kubernetes manifest is ours only when it runs or configures Kestra:
 * a broken nginx service in someone's compose file is not for this checker to report.
 */
function concernsKestra(model: DocumentModel): boolean {
  if (model.kind === 'kestra-config' || model.kind === 'helm-values') {
    return true;
  }
  return (
    model.workloads.length > 0 || model.configs.length > 0 || /kestra|micronaut/i.test(model.text)
  );
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
