/**
 * Settings of the deep checks: those that open the keystores and truststores a
 * configuration names, rather than reading the configuration alone.
 */

/** How the deep checks run; the language server maps `kestraTls.deepValidation` here. */
export interface DeepValidationOptions {
  /** False turns every deep check off: no store file is then read at all. */
  readonly deepValidation: boolean;
  /** `cert-expiry` warns when a certificate expires within this many days. */
  readonly certificateExpiryWarningDays: number;
}

export const DEFAULT_DEEP_VALIDATION: DeepValidationOptions = {
  deepValidation: true,
  certificateExpiryWarningDays: 30,
};

/**
 * Completes options with the defaults. A number of days that is not a finite, positive
 * number falls back to the default, so a mistyped setting cannot silence expiry warnings.
 */
export function deepValidationOptions(
  options: Partial<DeepValidationOptions> = {},
): DeepValidationOptions {
  const days = options.certificateExpiryWarningDays;
  return {
    deepValidation: options.deepValidation ?? DEFAULT_DEEP_VALIDATION.deepValidation,
    certificateExpiryWarningDays:
      typeof days === 'number' && Number.isFinite(days) && days >= 0
        ? days
        : DEFAULT_DEEP_VALIDATION.certificateExpiryWarningDays,
  };
}
