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
    const own = model.syntaxErrors.map((error) => ({
      code: 'yaml-syntax',
      severity: 'error' as const,
      message: firstLine(error.message),
      span: error.span,
    }));
    const embedded = model.configs.flatMap((tree) =>
      tree.syntaxErrors.map((error) => ({
        code: 'yaml-syntax',
        severity: 'error' as const,
        message: `${tree.label} is not valid YAML, so Kestra fails at start-up: ${firstLine(error.message)}`,
        span: error.span,
      })),
    );
    return [...own, ...embedded];
  },
};

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
