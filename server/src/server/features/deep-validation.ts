import type { Workspace } from '../../engine/index';
import { describeError, type Logger } from '../logger';
import { defaultSettings } from '../settings';
import type { SettingsStore } from '../settings-store';

/** The settings of the checks that open keystores and truststores, as the engine takes them. */
interface DeepValidationSettings {
  deepValidation: boolean;
  certificateExpiryWarningDays: number;
}

/**
 * Hands `kestraTls.deepValidation` and `kestraTls.certificateExpiryWarningDays` to the
 * engine. They hold for the whole workspace, so they are read without a document's scope.
 * Checks wait for `ready()`, so that a user who turned the deep checks off never has a
 * store read, not even by the first check after the server starts.
 */
export class DeepValidationFeature {
  private applied: Promise<void> = Promise.resolve();
  private current: DeepValidationSettings = {
    deepValidation: defaultSettings.deepValidation,
    certificateExpiryWarningDays: defaultSettings.certificateExpiryWarningDays,
  };

  constructor(
    private readonly settings: SettingsStore,
    private readonly workspace: Workspace,
    private readonly logger: Logger,
  ) {}

  /** Reads the settings again and gives them to the engine; resolves once it has them. */
  update(): Promise<void> {
    this.applied = this.apply();
    return this.applied;
  }

  /** Resolves once the latest settings are in the engine. */
  ready(): Promise<void> {
    return this.applied;
  }

  private async apply(): Promise<void> {
    try {
      const settings = await this.settings.forWorkspace();
      const next: DeepValidationSettings = {
        deepValidation: settings.deepValidation,
        certificateExpiryWarningDays: settings.certificateExpiryWarningDays,
      };
      // Every change makes the engine judge the whole workspace again, so only a real one.
      if (
        next.deepValidation !== this.current.deepValidation ||
        next.certificateExpiryWarningDays !== this.current.certificateExpiryWarningDays
      ) {
        this.current = next;
        this.workspace.setDeepValidation(next);
      }
    } catch (error) {
      this.logger.error(`Applying the deep check settings failed: ${describeError(error)}`);
    }
  }
}
