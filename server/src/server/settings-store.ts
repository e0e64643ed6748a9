import type { Connection, DidChangeConfigurationParams } from 'vscode-languageserver';
import { ruleDescriptions } from '../engine/index';
import { describeError, type Logger } from './logger';
import {
  defaultSettings,
  type KestraTlsSettings,
  parseSettings,
  SETTINGS_SECTION,
} from './settings';

/**
 * The user's settings as the server knows them. When the client answers
 * `workspace/configuration`, settings are pulled per document (a folder may override them)
 * and cached until the client says they changed; otherwise the settings pushed with
 * `workspace/didChangeConfiguration` apply to every document.
 */
export class SettingsStore {
  private pullSupported = false;
  private pushed: KestraTlsSettings = defaultSettings;
  private readonly perDocument = new Map<string, Promise<KestraTlsSettings>>();
  private workspaceWide: Promise<KestraTlsSettings> | undefined;
  private readonly knownCodes = new Set(ruleDescriptions().map((rule) => rule.code));
  /** Problems already logged since the last change, so each is logged once, not per file. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly logger: Logger,
  ) {}

  /** Called once from `initialize`, with whether the client answers configuration requests. */
  setPullSupported(supported: boolean): void {
    this.pullSupported = supported;
  }

  /** The settings that apply to a document; a failed pull falls back to the defaults. */
  forDocument(uri: string): Promise<KestraTlsSettings> {
    if (!this.pullSupported) {
      return Promise.resolve(this.pushed);
    }
    let settings = this.perDocument.get(uri);
    if (!settings) {
      settings = this.pull(uri);
      this.perDocument.set(uri, settings);
    }
    return settings;
  }

  /**
   * The settings of the workspace as a whole, read without a document's scope: for the
   * options the engine applies to every file at once, such as the deep checks.
   */
  forWorkspace(): Promise<KestraTlsSettings> {
    if (!this.pullSupported) {
      return Promise.resolve(this.pushed);
    }
    this.workspaceWide ??= this.pull(undefined);
    return this.workspaceWide;
  }

  /** Takes in a `workspace/didChangeConfiguration` notification. */
  changed(params: DidChangeConfigurationParams): void {
    this.perDocument.clear();
    this.workspaceWide = undefined;
    this.reported.clear();
    if (!this.pullSupported) {
      const section = isRecord(params.settings) ? params.settings[SETTINGS_SECTION] : undefined;
      this.pushed = this.parse(section);
    }
  }

  /** Forgets a closed document's settings. */
  forget(uri: string): void {
    this.perDocument.delete(uri);
  }

  /** Pulls the section for a document, or for the workspace when `uri` is undefined. */
  private async pull(uri: string | undefined): Promise<KestraTlsSettings> {
    try {
      const section: unknown = await this.connection.workspace.getConfiguration(
        uri === undefined
          ? { section: SETTINGS_SECTION }
          : { scopeUri: uri, section: SETTINGS_SECTION },
      );
      return this.parse(section);
    } catch (error) {
      this.logger.error(`Reading the settings failed; defaults apply: ${describeError(error)}`);
      return defaultSettings;
    }
  }

  private parse(section: unknown): KestraTlsSettings {
    const settings = parseSettings(section, (problem) => this.report(problem));
    for (const code of Object.keys(settings.rules)) {
      if (!this.knownCodes.has(code)) {
        this.report(`\`${SETTINGS_SECTION}.rules\` names an unknown rule \`${code}\`.`);
      }
    }
    return settings;
  }

  private report(problem: string): void {
    if (!this.reported.has(problem)) {
      this.reported.add(problem);
      this.logger.warn(problem);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
