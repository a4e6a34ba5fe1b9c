/** How package.json declares a numeric setting. */
export interface NumericSettingRange {
  readonly minimum: number;
  readonly maximum: number;
  readonly default: number;
  /** Declared `integer`: a fraction is rounded. */
  readonly integer: boolean;
}

/** `whatsappStatus.requestTimeoutSeconds`. */
export const REQUEST_TIMEOUT_SECONDS: NumericSettingRange = { minimum: 5, maximum: 600, default: 30, integer: true };

export interface NumericSettingValue {
  readonly value: number;
  /** Why the value read is not used as it is, for the log. */
  readonly problem?: string;
}

/**
 * The value to use for a numeric setting. VS Code only underlines a value outside the declared type or range in
 * settings.json and hands it over all the same, and a timeout of 0, a negative one or one beyond setTimeout's limit
 * (about 24.8 days) fires at once. A number outside the range is clamped to its nearest end, which is still what the
 * person leaned towards; anything that is not a number (text, null) gives the default.
 */
export function numericSetting(raw: unknown, range: NumericSettingRange): NumericSettingValue {
  if (raw === undefined) return { value: range.default };
  const wanted = `${range.integer ? 'a whole number' : 'a number'} from ${range.minimum} to ${range.maximum}`;
  if (typeof raw !== 'number' || Number.isNaN(raw)) {
    return { value: range.default, problem: `${JSON.stringify(raw) ?? String(raw)} is not ${wanted}; using the default ${range.default}` };
  }
  const value = Math.min(range.maximum, Math.max(range.minimum, range.integer ? Math.round(raw) : raw));
  return value === raw ? { value } : { value, problem: `${raw} is not ${wanted}; using ${value}` };
}
