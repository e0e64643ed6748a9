import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import { environmentVariablePath } from '../config/keys';
import type { ConfigTree, Property } from '../model/config';
import type { EnvironmentVariable } from '../model/workload';
import { OffsetMap } from '../text/offset-map';
import { findPair, keyText, nodeSpan, scalarText } from '../yaml/nodes';
import { parseEmbeddedConfig } from './embedded-config';
import { readJavaOptions } from './java-options';

/** What a container's environment holds for Kestra. */
export interface ContainerEnvironment {
  environment: EnvironmentVariable[];
  configs: ConfigTree[];
  properties: Property[];
}

/** Variables that carry JVM options, split into `-D` properties. */
const JAVA_OPTION_VARIABLES = new Set(['JAVA_OPTS', '_JAVA_OPTIONS', 'JAVA_TOOL_OPTIONS']);

/** Prefixes of variables that Micronaut binds to configuration properties. */
const BOUND_PREFIXES = ['MICRONAUT_', 'KESTRA_', 'ENDPOINTS_', 'DATASOURCES_'];

/** Kestra's image reads these itself; they are not properties. */
const NOT_PROPERTIES = new Set(['KESTRA_CONFIGURATION', 'KESTRA_PLUGINS', 'KESTRA_PLUGINS_PATH']);

interface RawVariable {
  variable: EnvironmentVariable;
  /**
   * Maps the value's offsets into the document. Built only for the variables that hold
   * configuration or JVM options: most variables never need it, and it costs a pass over
   * the value.
   */
  valueMap: (() => OffsetMap) | undefined;
}

/**
 * Reads an environment in any of its forms: a compose map, a compose list of `NAME=value`,
 * or a Kubernetes list of `{name, value}`.
 */
export function readEnvironment(
  node: unknown,
  text: string,
  knownPaths: ReadonlySet<string>,
): ContainerEnvironment {
  const raw = rawVariables(node, text);
  const result: ContainerEnvironment = { environment: [], configs: [], properties: [] };
  for (const { variable, valueMap } of raw) {
    result.environment.push(variable);
    if (!valueMap || variable.value === null) {
      continue;
    }
    if (variable.name === 'KESTRA_CONFIGURATION') {
      const span = variable.valueSpan ?? variable.nameSpan;
      result.configs.push(
        parseEmbeddedConfig(
          variable.value,
          valueMap(),
          'KESTRA_CONFIGURATION',
          variable.name,
          span,
        ),
      );
    } else if (JAVA_OPTION_VARIABLES.has(variable.name)) {
      result.properties.push(...readJavaOptions(variable.value, valueMap()));
    } else if (
      BOUND_PREFIXES.some((prefix) => variable.name.startsWith(prefix)) &&
      !NOT_PROPERTIES.has(variable.name)
    ) {
      result.properties.push({
        path: environmentVariablePath(variable.name, knownPaths),
        key: variable.name,
        value: variable.value,
        origin: 'environment',
        keySpan: variable.nameSpan,
        valueSpan: variable.valueSpan ?? variable.nameSpan,
      });
    }
  }
  return result;
}

function rawVariables(node: unknown, text: string): RawVariable[] {
  if (isMap(node)) {
    return node.items.flatMap((pair) => {
      const name = keyText(pair);
      if (name === undefined) {
        return [];
      }
      const value = isScalar(pair.value) ? pair.value : undefined;
      return [variableOf(name, nodeSpan(pair.key), value, text)];
    });
  }
  if (!isSeq(node)) {
    return [];
  }
  return node.items.flatMap((item): RawVariable[] => {
    if (isScalar(item) && typeof item.value === 'string') {
      // Compose list form: `- NAME=value`, where the value may be a block scalar.
      const equals = item.value.indexOf('=');
      const name = equals === -1 ? item.value : item.value.slice(0, equals);
      const map = OffsetMap.forScalar(text, item);
      const nameSpan = map.spanToHost(0, equals === -1 ? item.value.length : equals);
      const valueSpan = map.spanToHost(equals + 1, item.value.length);
      return [
        {
          variable: {
            name: name.trim(),
            value: equals === -1 ? null : item.value.slice(equals + 1),
            nameSpan,
            valueSpan: equals === -1 ? null : valueSpan,
          },
          valueMap: equals === -1 ? undefined : () => map.slice(equals + 1),
        },
      ];
    }
    if (isMap(item)) {
      // Kubernetes form: `- name: NAME` with `value:` or `valueFrom:`.
      const namePair = findPair(item, 'name');
      const name = scalarText(namePair?.value);
      if (name === undefined || !namePair) {
        return [];
      }
      const valueNode = findPair(item, 'value')?.value;
      return [
        variableOf(
          name,
          nodeSpan(namePair.value),
          isScalar(valueNode) ? valueNode : undefined,
          text,
        ),
      ];
    }
    return [];
  });
}

function variableOf(
  name: string,
  nameSpan: { start: number; end: number },
  scalar: Scalar | undefined,
  text: string,
): RawVariable {
  const value = scalar ? (scalarText(scalar) ?? null) : null;
  return {
    variable: { name, value, nameSpan, valueSpan: scalar ? nodeSpan(scalar) : null },
    valueMap: scalar ? () => OffsetMap.forScalar(text, scalar) : undefined,
  };
}
