/**
 * Normalises what a command receives to a list: from the Explorer VS Code passes the clicked item and, with a
 * multi-selection, every selected item (which includes the clicked one); from the palette, nothing.
 */
export function selectedResources<T extends { toString(): string }>(clicked: T | undefined, selected: readonly T[] | undefined): T[] {
  const all = selected?.length ? selected : clicked ? [clicked] : [];
  const seen = new Set<string>();
  return all.filter((item) => {
    const key = item.toString();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
