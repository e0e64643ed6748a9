/**
 * The rules GitHub code scanning documents for uploaded SARIF ("SARIF support for code
 * scanning"): required properties present and not empty, the documented limits, and the
 * values it accepts. Returns one line per breach, so a test can show them all.
 */
export function githubSarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) {
      problems.push(what);
    }
  };
  const root = asRecord(log);
  need(isText(root.$schema), '$schema is required');
  need(root.version === '2.1.0', 'version must be 2.1.0');
  need(Array.isArray(root.runs) && root.runs.length > 0, 'runs[] is required');
  for (const [r, runValue] of arrayOf(root.runs).entries()) {
    const run = asRecord(runValue);
    const driver = asRecord(asRecord(run.tool).driver);
    need(isText(driver.name), `runs[${r}].tool.driver.name is required`);
    need(Array.isArray(driver.rules), `runs[${r}].tool.driver.rules[] is required`);
    const rules = arrayOf(driver.rules).map(asRecord);
    const ids = rules.map((rule) => rule.id);
    need(new Set(ids).size === ids.length, `runs[${r}] rule ids must be unique`);
    for (const [i, rule] of rules.entries()) {
      const at = `runs[${r}].tool.driver.rules[${i}]`;
      need(isText(rule.id), `${at}.id is required`);
      need(isText(asRecord(rule.shortDescription).text, 1024), `${at}.shortDescription.text`);
      need(isText(asRecord(rule.fullDescription).text, 1024), `${at}.fullDescription.text`);
      need(isText(asRecord(rule.help).text), `${at}.help.text is required`);
      need(rule.name === undefined || isText(rule.name, 255), `${at}.name is at most 255`);
      const level = asRecord(rule.defaultConfiguration).level;
      need(level === undefined || isLevel(level), `${at}.defaultConfiguration.level`);
    }
    need(
      run.columnKind === undefined ||
        ['utf16CodeUnits', 'unicodeCodePoints'].includes(`${run.columnKind}`),
      `runs[${r}].columnKind`,
    );
    need(Array.isArray(run.results), `runs[${r}].results[] is required`);
    need(arrayOf(run.results).length <= 25000, `runs[${r}] has over 25,000 results`);
    for (const [i, resultValue] of arrayOf(run.results).entries()) {
      const at = `runs[${r}].results[${i}]`;
      const result = asRecord(resultValue);
      need(isText(asRecord(result.message).text), `${at}.message.text is required`);
      need(result.level === undefined || isLevel(result.level), `${at}.level`);
      if (result.ruleId !== undefined) {
        need(ids.includes(result.ruleId), `${at}.ruleId names no rule`);
      }
      if (result.ruleIndex !== undefined) {
        const index = result.ruleIndex;
        need(
          typeof index === 'number' && rules[index]?.id === result.ruleId,
          `${at}.ruleIndex must point at the rule of ruleId`,
        );
      }
      const fingerprints = asRecord(result.partialFingerprints);
      need(isText(fingerprints.primaryLocationLineHash), `${at}.partialFingerprints`);
      const locations = arrayOf(result.locations);
      need(locations.length >= 1 && locations.length <= 10, `${at}.locations[] holds 1 to 10`);
      for (const [l, locationValue] of locations.entries()) {
        problems.push(
          ...physicalLocationProblems(asRecord(locationValue), `${at}.locations[${l}]`),
        );
      }
    }
  }
  return problems;
}

function physicalLocationProblems(location: Record<string, unknown>, at: string): string[] {
  const problems: string[] = [];
  const physical = asRecord(location.physicalLocation);
  const artifact = asRecord(physical.artifactLocation);
  const region = asRecord(physical.region);
  if (!isText(artifact.uri)) {
    problems.push(`${at}.physicalLocation.artifactLocation.uri is required`);
  } else if (`${artifact.uri}`.includes('\\')) {
    problems.push(`${at} uri must use forward slashes`);
  }
  for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
    const value = region[key];
    if (!(Number.isInteger(value) && (value as number) >= 1)) {
      problems.push(`${at}.physicalLocation.region.${key} must be a positive integer`);
    }
  }
  const startLine = region.startLine as number;
  const endLine = region.endLine as number;
  if (endLine < startLine) {
    problems.push(`${at} region ends before it starts`);
  }
  if (endLine === startLine && (region.endColumn as number) < (region.startColumn as number)) {
    problems.push(`${at} region ends before it starts`);
  }
  return problems;
}

function isText(value: unknown, limit = Number.POSITIVE_INFINITY): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= limit;
}

function isLevel(value: unknown): boolean {
  return value === 'none' || value === 'note' || value === 'warning' || value === 'error';
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
