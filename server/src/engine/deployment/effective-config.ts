import { type ConfigEntry, configEntries, entryScalar } from '../config/entries';
import { canonicalPath, hasPlaceholder } from '../config/keys';
import type { ConfigTree, Property } from '../model/config';
import { type Span, shiftSpan } from '../model/span';
import { type Place, placeOf, type Sourced } from './place';

/** Where a setting was written, from the weakest to the strongest source. */
export type SettingOrigin = 'config-file' | 'environment' | 'java-options' | 'command-line';

/** Micronaut's precedence: command line, system properties, environment, config files. */
const RANK: Record<SettingOrigin, number> = {
  'config-file': 0,
  environment: 1,
  'java-options': 2,
  'command-line': 3,
};

/** One configuration property as a deployment sets it, wherever it was written. */
export interface Setting {
  /** Canonical kebab-case path, such as `micronaut.server.ssl.key-store.path`. */
  path: string;
  /** The key as written: `keyStore`, `MICRONAUT_SERVER_SSL_PORT`, `--port`. */
  key: string;
  /** The scalar value; undefined for mappings, sequences and empty values. */
  value: string | number | boolean | undefined;
  origin: SettingOrigin;
  /** What users call the place it was written: `KESTRA_CONFIGURATION`, `JAVA_OPTS`. */
  source: string;
  keyPlace: Place;
  valuePlace: Place;
}

/** What the effective configuration is made of, weakest configuration file first. */
export interface ConfigInputs {
  trees: Sourced<ConfigTree>[];
  properties: Sourced<Property>[];
  /**
   * False when a configuration file the deployment reads is not in the workspace: rules
   * that need to know that a setting is absent must then say nothing.
   */
  complete: boolean;
}

/** A setting of a configuration tree, with spans relative to the start of the tree's value. */
interface SettingTemplate {
  path: string;
  key: string;
  value: Setting['value'];
  keySpan: Span;
  valueSpan: Span;
}

/**
 * Settings of embedded configurations, by their parsed root and the raw text of the value
 * that holds them. Embedded configurations are parsed once per text, so an edit elsewhere
 * in a compose file finds the settings of every untouched KESTRA_CONFIGURATION here.
 */
const templatesByRoot = new WeakMap<object, Map<string, SettingTemplate[]>>();
const TEMPLATE_VARIANTS = 8;

/**
 * The configuration a deployment runs with: every source merged with Micronaut's
 * precedence and relaxed binding, so that `MICRONAUT_SERVER_SSL_PORT` overrides
 * `micronaut.server.ssl.port` in KESTRA_CONFIGURATION.
 */
export class EffectiveConfig {
  /** Every setting, weakest first. */
  readonly settings: readonly Setting[];
  readonly complete: boolean;
  private readonly byKey = new Map<string, Setting[]>();

  constructor(inputs: ConfigInputs) {
    const settings = [
      ...inputs.trees.flatMap((tree) => treeSettings(tree)),
      ...inputs.properties.map((property) => propertySetting(property)),
    ];
    // A stable sort keeps the order of files within one rank: a later file wins.
    settings.sort((a, b) => RANK[a.origin] - RANK[b.origin]);
    this.settings = settings;
    this.complete = inputs.complete;
    for (const setting of settings) {
      const key = bindingKey(setting.path);
      const list = this.byKey.get(key) ?? [];
      list.push(setting);
      this.byKey.set(key, list);
    }
  }

  /** The setting that wins for a property, if any source sets it. */
  get(path: string): Setting | undefined {
    return this.byKey.get(bindingKey(path))?.at(-1);
  }

  /** Every setting of a property, weakest first. */
  all(path: string): Setting[] {
    return this.byKey.get(bindingKey(path)) ?? [];
  }

  /** The first of several properties that is set, in the order given. */
  first(...paths: string[]): Setting | undefined {
    for (const path of paths) {
      const setting = this.get(path);
      if (setting) {
        return setting;
      }
    }
    return undefined;
  }

  /** True when any source sets the property or a property under it. */
  has(prefix: string): boolean {
    const key = bindingKey(prefix);
    for (const candidate of this.byKey.keys()) {
      if (candidate === key || candidate.startsWith(`${key}.`)) {
        return true;
      }
    }
    return false;
  }
}

/**
 * The key under which relaxed binding makes spellings equal: `key-store`, `keyStore` and
 * `KEY_STORE` all become `key.store`.
 */
function bindingKey(path: string): string {
  let key = bindingKeys.get(path);
  if (key === undefined) {
    key = path.toLowerCase().replace(/[-_]/g, '.');
    if (bindingKeys.size >= BINDING_KEY_LIMIT) {
      bindingKeys.clear();
    }
    bindingKeys.set(path, key);
  }
  return key;
}

/** Binding keys already computed: rules ask for the same few paths over and over. */
const bindingKeys = new Map<string, string>();
const BINDING_KEY_LIMIT = 10_000;

/** The settings last made from a list of templates, and where they were placed. */
interface PlacedSettings {
  uri: string;
  shift: number;
  label: string;
  settings: Setting[];
}

/**
 * Settings already placed, by their templates: the index is rebuilt on every keystroke, and
 * the settings of an untouched KESTRA_CONFIGURATION stay where they were. Settings are
 * never changed once made, so deployments may share them.
 */
const placedByTemplates = new WeakMap<SettingTemplate[], PlacedSettings>();

function treeSettings(tree: Sourced<ConfigTree>): Setting[] {
  const { value: config, at } = tree;
  const anchor = config.inline ? 0 : config.span.start;
  const templates = settingTemplates(config, at.text);
  const shift = anchor + at.offset;
  const placed = placedByTemplates.get(templates);
  if (placed && placed.uri === at.uri && placed.shift === shift && placed.label === config.label) {
    return placed.settings;
  }
  const settings = templates.map(
    (template): Setting => ({
      path: template.path,
      key: template.key,
      value: template.value,
      origin: 'config-file',
      source: config.label,
      keyPlace: placeOf(at, shiftSpan(template.keySpan, anchor)),
      valuePlace: placeOf(at, shiftSpan(template.valueSpan, anchor)),
    }),
  );
  placedByTemplates.set(templates, { uri: at.uri, shift, label: config.label, settings });
  return settings;
}

function settingTemplates(config: ConfigTree, documentText: string): SettingTemplate[] {
  if (config.inline || config.root === null) {
    return entryTemplates(configEntries(config), 0);
  }
  const raw = documentText.slice(config.span.start, config.span.end);
  let variants = templatesByRoot.get(config.root);
  if (!variants || variants.size >= TEMPLATE_VARIANTS) {
    variants = new Map();
    templatesByRoot.set(config.root, variants);
  }
  let templates = variants.get(raw);
  if (!templates) {
    templates = entryTemplates(configEntries(config), config.span.start);
    variants.set(raw, templates);
  }
  return templates;
}

function entryTemplates(entries: ConfigEntry[], anchor: number): SettingTemplate[] {
  return entries.map((entry) => ({
    path: entry.path.join('.'),
    key: entry.key,
    value: entryScalar(entry),
    keySpan: shiftSpan(entry.keySpan, -anchor),
    valueSpan: shiftSpan(entry.valueSpan, -anchor),
  }));
}

function propertySetting(property: Sourced<Property>): Setting {
  const { value, at } = property;
  return {
    path: value.path.startsWith('javax.') ? value.path : canonicalPath(value.path),
    key: value.key,
    value: value.value === '' ? undefined : value.value,
    origin:
      value.origin === 'environment'
        ? 'environment'
        : value.origin === 'java-options'
          ? 'java-options'
          : 'command-line',
    source: value.origin === 'environment' ? value.key : sourceLabel(value),
    keyPlace: placeOf(at, value.keySpan),
    valuePlace: placeOf(at, value.valueSpan),
  };
}

function sourceLabel(property: Property): string {
  return property.origin === 'java-options' ? 'the JVM options' : 'the command line';
}

/** A setting's value as text, or undefined when it is unset or not a scalar. */
export function settingText(setting: Setting | undefined): string | undefined {
  return setting?.value === undefined ? undefined : String(setting.value).trim();
}

/** True when a setting's value is resolved only at start-up, from `${...}`. */
export function isPlaceholder(setting: Setting | undefined): boolean {
  return hasPlaceholder(setting?.value);
}

/** A boolean setting: true, false, or unknown when it holds a placeholder or no boolean. */
export function settingFlag(setting: Setting | undefined): boolean | 'unknown' | undefined {
  const text = settingText(setting)?.toLowerCase();
  if (text === undefined) {
    return undefined;
  }
  if (text === 'true' || text === 'false') {
    return text === 'true';
  }
  return 'unknown';
}

/** A port setting: a number, or unknown for placeholders, `-1` (random) and the rest. */
export function settingPort(setting: Setting | undefined): number | 'unknown' | undefined {
  const text = settingText(setting);
  if (text === undefined) {
    return undefined;
  }
  return /^\d{1,5}$/.test(text) ? Number(text) : 'unknown';
}
