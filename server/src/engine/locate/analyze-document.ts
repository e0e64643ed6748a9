import { isMap, parseDocument } from 'yaml';
import type { ConfigTree } from '../model/config';
import type { DocumentModel } from '../model/document';
import type { Workload } from '../model/workload';
import { nodeSpan } from '../yaml/nodes';
import { PARSE_OPTIONS } from '../yaml/parse-options';
import { isComposeDocument, isComposeServiceFragment, readComposeServices } from './compose';
import type { LocateContext } from './context';
import { inlineConfig } from './embedded-config';
import { isHelmValuesDocument, readHelmValues } from './helm-values';
import {
  isKubernetesDocument,
  looksLikeKestraConfig,
  readConfigFileEntries,
  readKubernetesObject,
  readKubernetesWorkload,
} from './kubernetes';
import { syntaxErrorSpan } from './syntax-error-span';

/**
 * Parses one YAML document and finds the Kestra configuration in it, wherever it lives:
 * a compose file, a Kubernetes manifest, Helm values or a plain configuration file.
 */
export function analyzeDocument(text: string, knownPaths: ReadonlySet<string>): DocumentModel {
  const yaml = parseDocument(text, PARSE_OPTIONS);
  const context: LocateContext = { text, knownPaths };
  const root = yaml.contents;
  const model: DocumentModel = {
    kind: 'other',
    text,
    yaml,
    configs: [],
    workloads: [],
    objects: [],
    syntaxErrors: yaml.errors.map((error) => ({
      message: error.message,
      span: syntaxErrorSpan(text, error.pos),
    })),
  };
  if (!isMap(root)) {
    return model;
  }
  if (isComposeDocument(root)) {
    model.kind = 'compose';
    model.workloads = readComposeServices(root, context);
  } else if (isKubernetesDocument(root)) {
    // FIXME: a `kind: List` document is read as one object, so the workloads in its items
    // go unchecked.
    model.kind = 'kubernetes';
    const object = readKubernetesObject(root);
    model.objects = [object];
    model.configs = readConfigFileEntries(object, text);
    const workload = readKubernetesWorkload(object, context);
    model.workloads = workload ? [workload] : [];
  } else if (isHelmValuesDocument(root)) {
    model.kind = 'helm-values';
    model.workloads = [readHelmValues(root, context)];
  } else if (isComposeServiceFragment(root)) {
    model.kind = 'compose';
    model.workloads = readComposeServices(root, context);
  } else if (looksLikeKestraConfig(root)) {
    model.kind = 'kestra-config';
    model.configs = [inlineConfig(root, 'config-file', 'configuration file', nodeSpan(root))];
  }
  model.configs = [...model.configs, ...workloadConfigs(model.workloads)];
  return model;
}

function workloadConfigs(workloads: Workload[]): ConfigTree[] {
  return workloads.flatMap((workload) =>
    workload.containers.flatMap((container) => container.configs),
  );
}
