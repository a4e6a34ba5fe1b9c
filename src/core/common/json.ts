/** Shape check for JSON that comes from outside the program: answers, stored state and settings. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
