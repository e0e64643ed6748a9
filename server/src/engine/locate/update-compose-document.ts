import type { DocumentModel } from '../model/document';
import type { Workload } from '../model/workload';
import { getMap } from '../yaml/nodes';
import { reparseMapEntry, textChange } from '../yaml/reparse-entry';
import { readComposeService } from './compose';

/**
 * The model of a compose document after an edit that stays inside one service, built from
 * the model before the edit: that service is parsed and read again, the others keep their
 * workloads, and so the very objects later stages may have cached work on. Services after
 * the edit are read again from their moved nodes when the edit changed the text's length,
 * since their spans moved too: they get new workload objects, so no cache keyed by the old
 * ones ever hands back spans from before the move.
 *
 * `previous` is consumed: its YAML document is updated in place and belongs to the new
 * model. Returns undefined, with `previous` untouched, when the edit may reach beyond one
 * service; the caller then analyses the document from scratch.
 */
export function updateComposeDocument(
  previous: DocumentModel,
  text: string,
  knownPaths: ReadonlySet<string>,
): DocumentModel | undefined {
  // A compose file has a `services` mapping; a service fragment, which has none, is parsed
  // again whole.
  const services = getMap(previous.yaml.contents, 'services');
  const change = textChange(previous.text, text);
  if (previous.kind !== 'compose' || previous.syntaxErrors.length > 0 || !services || !change) {
    return undefined;
  }
  const edited = reparseMapEntry(previous.yaml, services, previous.text, text, change);
  if (edited === undefined) {
    return undefined;
  }
  const moved = text.length !== previous.text.length;
  const known = new Map<unknown, Workload>(
    previous.workloads.map((workload) => [workload.node, workload]),
  );
  const context = { text, knownPaths };
  const workloads = services.items.flatMap((pair, index): Workload[] => {
    const before = known.get(pair.value);
    if (index !== edited && !before) {
      // A service that did not run Kestra and did not change still does not.
      return [];
    }
    if (index < edited || (index > edited && !moved)) {
      return before ? [before] : [];
    }
    const workload = readComposeService(pair, context);
    return workload ? [workload] : [];
  });
  return {
    kind: 'compose',
    text,
    yaml: previous.yaml,
    configs: workloads.flatMap((workload) =>
      workload.containers.flatMap((container) => container.configs),
    ),
    workloads,
    objects: [],
    syntaxErrors: [],
  };
}
