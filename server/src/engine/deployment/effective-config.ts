import { type ConfigEntry, configEntries, entryScalar } from '../config/entries';
import { canonicalPath, hasPlaceholder } from '../config/keys';
import type { ConfigTree, Property } from '../model/config';
import { type Span, shiftSpan } from '../model/span';
import { IdentityMemo } from './memo';
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
 * `micronaut.server.ssl.port` in KESTRA_CONFIGURATION. `effectiveConfig` makes one.
 */
export class EffectiveConfig {
  /** Every setting, weakest first. */
  readonly settings: readonly Setting[];
  readonly complete: boolean;
  private readonly byKey = new Map<string, Setting[]>();

  /** Takes the settings of every source, weakest first within each rank. */
  constructor(settings: Setting[], complete: boolean) {
    // A stable sort keeps the order of files within one rank: a later file wins.
    settings.sort((a, b) => RANK[a.origin] - RANK[b.origin]);
    this.settings = settings;
    this.complete = complete;
    for (const setting of settings) {
      const key = bindingKey(setting.path);
      const list = this.byKey.get(key);
      if (list) {
        list.push(setting);
      } else {
        this.byKey.set(key, [setting]);
      }
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
 * Effective configurations by the settings they merge. The index is rebuilt after every
 * edit, and the settings of an untouched source are the very objects of the last build
 * (see `treeSettings` and `propertySetting`): a deployment whose sources all kept theirs
 * gets its configuration of the last build back, and so do the caches keyed by it.
 */
// FIXME: a configuration, and what rules keep by it, lives as long as the settings it is
// keyed by, and those as long as the locators' parse cache keeps the embedded text they were
// read from (up to 1000 texts): typing long in one service keeps about 25 KB per keystroke
// until that cache lets the text go.
const configsBySettings = new IdentityMemo<EffectiveConfig>(2);
const NO_SOURCE = {};

/** The effective configuration of a deployment's sources. */
export function effectiveConfig(inputs: ConfigInputs): EffectiveConfig {
  const trees = inputs.trees.map((tree) => treeSettings(tree));
  const properties = inputs.properties.map((property) => propertySetting(property));
  const sources = [inputs.complete, ...trees, ...properties];
  const key = trees[0] ?? properties[0] ?? NO_SOURCE;
  return configsBySettings.get(
    key,
    sources,
    () => new EffectiveConfig([...trees.flat(), ...properties], inputs.complete),
  );
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

/**
 * Settings already placed, by their templates and where they were placed: the index is
 * rebuilt on every keystroke, and the settings of an untouched KESTRA_CONFIGURATION stay
 * where they were. Two places are kept per templates, for two services that repeat the
 * same configuration; more copies are placed anew on every build. Settings are never
 * changed once made, so deployments may share them.
 *
 * FIXME: settings carry file offsets, so an edit that changes the length of a file places
 * every setting after it anew, and every cache keyed by a configuration misses for the
 * deployments below the edit: typing in the first of 100 compose services still costs
 * about half of what a build cost without these caches.
 */
const placedByTemplates = new IdentityMemo<Setting[]>(2);

function treeSettings(tree: Sourced<ConfigTree>): Setting[] {
  const { value: config, at } = tree;
  const anchor = config.inline ? 0 : config.span.start;
  const templates = settingTemplates(config, at.text);
  const shift = anchor + at.offset;
  return placedByTemplates.get(templates, [at.uri, shift, config.label], () =>
    templates.map(
      (template): Setting => ({
        path: template.path,
        key: template.key,
        value: template.value,
        origin: 'config-file',
        source: config.label,
        keyPlace: placeOf(at, shiftSpan(template.keySpan, anchor)),
        valuePlace: placeOf(at, shiftSpan(template.valueSpan, anchor)),
      }),
    ),
  );
}

/** Templates by the tree they were read from, which never changes once made. */
const templatesByTree = new WeakMap<ConfigTree, SettingTemplate[]>();

function settingTemplates(config: ConfigTree, documentText: string): SettingTemplate[] {
  let templates = templatesByTree.get(config);
  if (!templates) {
    templates = embeddedTemplates(config, documentText);
    templatesByTree.set(config, templates);
  }
  return templates;
}

/** Templates of a tree, shared with the trees parsed before from the same embedded text. */
function embeddedTemplates(config: ConfigTree, documentText: string): SettingTemplate[] {
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

/**
 * Settings of flat properties, by the property they were made from: a property of an
 * untouched variable or command line gives the very setting of the last build.
 */
const settingsByProperty = new WeakMap<Property, Setting>();

function propertySetting(property: Sourced<Property>): Setting {
  const { value, at } = property;
  const known = settingsByProperty.get(value);
  if (
    known &&
    known.keyPlace.uri === at.uri &&
    known.keyPlace.span.start === value.keySpan.start + at.offset
  ) {
    return known;
  }
  const setting: Setting = {
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
  settingsByProperty.set(value, setting);
  return setting;
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
