// The closing line CI reads from any runner's output: "N passed, N failed" (", N skipped" may follow).
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export function summaryLine({ passed, failed, skipped }: Counts): string {
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}
