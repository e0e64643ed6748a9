import type { Span } from '../model/span';

/** How serious a finding is, as LSP and SARIF know it. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A user's choice for a rule: a severity, or `off`. */
export type SeveritySetting = Severity | 'off';

/** Per-rule severities chosen by the user, by rule code. */
export type RuleSettings = Readonly<Record<string, SeveritySetting>>;

/**
 * A problem a rule found. Spans are offsets into the document the rule looked at; `data`
 * carries what a quick fix needs, so that no one parses the message back.
 */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  data?: Record<string, unknown>;
  /** Set by workspace rules that report into another file than the one they read. */
  uri?: string;
}
