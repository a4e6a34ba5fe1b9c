// Every workbench selector and action the journeys use, in one place (verified against VS Code 1.139 in code-server:
// shared/guides/REAL-VSCODE.md). Journeys call these instead of touching the DOM. Retries are bounded and only cover
// the workbench's own timing (late menu contributions, a swallowed click), never a wrong result.
import * as fs from 'fs';
import * as path from 'path';
import { Locator, Page } from 'playwright-core';

let current: { page: Page; screenshotDir: string } | undefined;

/** Called by runE2E.ts once the workbench page is open. */
export function attach(page: Page, screenshotDir: string): void {
  fs.mkdirSync(screenshotDir, { recursive: true });
  current = { page, screenshotDir };
}

/** Records a bounded retry in test-results/e2e/retries.log, so flakiness that the helpers absorb stays visible. */
function noteRetry(what: string): void {
  if (current) fs.appendFileSync(path.join(current.screenshotDir, 'retries.log'), `${new Date().toISOString()} ${what}\n`);
}

export function page(): Page {
  if (!current) throw new Error('ui.attach() has not been called: run journeys through runE2E.js');
  return current.page;
}

export async function waitForWorkbench(timeout = 60_000): Promise<void> {
  await page().locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
  await page().locator('.explorer-folders-view').waitFor({ state: 'visible', timeout });
}

export function explorerRow(name: string): Locator {
  return page().locator('.explorer-folders-view').getByRole('treeitem', { name, exact: true });
}

const contextMenu = (): Locator => page().locator('.monaco-menu');

export async function openExplorerContextMenu(name: string): Promise<void> {
  await explorerRow(name).click({ button: 'right' });
  await contextMenu().waitFor({ state: 'visible' });
}

/**
 * Waits for a context-menu item. A contribution shows only once the extension host has scanned the extension, which
 * can be after the Explorer is drawn: with `reopen`, the menu is closed and reopened until the item is there.
 */
export async function waitForMenuItem(label: string, reopen?: () => Promise<void>, attempts = 10): Promise<Locator> {
  const item = page().getByRole('menuitem', { name: label, exact: true });
  for (let attempt = 1; ; attempt++) {
    const shown = await item.waitFor({ state: 'visible', timeout: 1_500 }).then(() => true, () => false);
    if (shown) return item;
    if (!reopen || attempt >= attempts) throw new Error(`menu item "${label}" not shown after ${attempt} attempt(s)`);
    noteRetry(`menu item "${label}" not shown yet (attempt ${attempt}): reopening the menu`);
    await page().keyboard.press('Escape');
    await reopen();
  }
}

/**
 * Clicks a context-menu item (waiting for it as {@link waitForMenuItem} does). Should the click still be swallowed
 * (the menu stays open), the item is hovered and Enter pressed.
 */
export async function clickMenuItem(label: string, reopen?: () => Promise<void>, attempts = 10): Promise<void> {
  const item = await waitForMenuItem(label, reopen, attempts);
  // A click while the menu is still fading in is ignored (the item only gets focus): let it finish first.
  await settle();
  await item.hover();
  await item.click();
  if (await closed(contextMenu(), 3_000)) return;
  noteRetry(`click on menu item "${label}" swallowed: hover + Enter`);
  await item.hover();
  await page().keyboard.press('Enter');
  if (!(await closed(contextMenu(), 3_000))) throw new Error(`menu item "${label}" did not run: the menu stayed open`);
}

/** Right-clicks a file in the Explorer and runs one of its context-menu commands. */
export async function runExplorerCommand(fileName: string, label: string): Promise<void> {
  await openExplorerContextMenu(fileName);
  await clickMenuItem(label, () => openExplorerContextMenu(fileName));
}

function closed(locator: Locator, timeout: number): Promise<boolean> {
  return locator.waitFor({ state: 'hidden', timeout }).then(() => true, () => false);
}

/**
 * Clicks `target` until `gone` (by default the target itself) is hidden: a click the workbench swallows is repeated,
 * at most `attempts` times. Only for clicks whose repetition is harmless once the first one took (a row of a picker
 * that has closed, a dialog button that is no longer there).
 */
async function clickUntilGone(target: Locator, gone: Locator = target, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await target.click({ timeout: attempt === 1 ? undefined : 2_000 }).catch((error: Error) => {
      if (attempt === 1) throw error;
    });
    if (await closed(gone, 3_000)) return;
    if (attempt >= attempts) throw new Error(`clicking ${target} did not take after ${attempt} attempts`);
    noteRetry(`click on ${target} did not take (attempt ${attempt}): clicking again`);
  }
}

/** Closes the open context menu. */
export async function closeContextMenu(): Promise<void> {
  if (!(await contextMenu().isVisible())) return;
  await page().keyboard.press('Escape');
  await contextMenu().waitFor({ state: 'hidden' });
}

/** The labels of the open context menu's items (without their keybindings). */
export async function contextMenuLabels(): Promise<string[]> {
  const labels = contextMenu().getByRole('menuitem').locator('.action-label');
  await labels.first().waitFor({ state: 'visible' });
  return (await labels.allInnerTexts()).map((text) => text.trim()).filter(Boolean);
}

/**
 * Opens a file's or folder's context menu, waits until a built-in item is drawn (`anchorItem`, e.g. "Copy Path"), and
 * returns its labels. The menu is drawn in one go, so every contribution that applies is in the list.
 */
export async function explorerContextMenuLabels(name: string, anchorItem: string, timeout = 10_000): Promise<string[]> {
  await openExplorerContextMenu(name);
  const deadline = Date.now() + timeout;
  for (;;) {
    const labels = await contextMenuLabels();
    if (labels.includes(anchorItem)) return labels;
    if (Date.now() > deadline) throw new Error(`"${anchorItem}" not in the context menu of ${name}: ${labels.join(' | ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Opens a file from the Explorer (a single click, as a person does) and waits for its tab to be the active one. */
export async function openFromExplorer(name: string): Promise<void> {
  await explorerRow(name).click();
  await activeEditorTab(name).waitFor({ state: 'visible' });
}

/** Waits until the built-in image or video preview of the active editor shows its media (a webview: two iframes). */
export async function waitForMediaPreview(element: 'img' | 'video'): Promise<void> {
  await page().frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator(element).waitFor({ state: 'visible' });
}

/** Moves the pointer to an empty spot of the editor area, so no hover highlight shows in a screenshot. */
export async function movePointerAway(): Promise<void> {
  await page().mouse.move(800, 600);
}

export function activeEditorTab(name: string): Locator {
  return page().locator('.tabs-container .tab.active').filter({ hasText: name });
}

const quickInputWidget = (): Locator => page().locator('.quick-input-widget');

/** The input of the current InputBox or QuickPick. */
export function quickInput(): Locator {
  return page().locator('.quick-input-widget input.input');
}

/**
 * Waits for the InputBox or QuickPick with this title. One prompt replaces another in the same widget, so typing
 * before the title changed would type into the previous prompt.
 */
export async function waitForQuickInput(title: string | RegExp, timeout = 15_000): Promise<void> {
  await quickInputWidget().locator('.quick-input-title').filter({ hasText: title }).waitFor({ state: 'visible', timeout });
  await quickInput().waitFor({ state: 'visible', timeout });
}

/** The prompt and validation text under the input (e.g. "12 / 1024 characters"). */
export function quickInputMessage(): Locator {
  return quickInputWidget().locator('.quick-input-message');
}

export async function typeInQuickInput(text: string): Promise<void> {
  await quickInput().waitFor({ state: 'visible' });
  await quickInput().fill(text);
}

export async function acceptQuickInput(): Promise<void> {
  await quickInput().press('Enter');
}

/** Dismisses the open InputBox or QuickPick as a person does, with Escape, and waits for it to close. */
export async function dismissQuickInput(): Promise<void> {
  await quickInput().press('Escape');
  await quickInputWidget().waitFor({ state: 'hidden' });
}

export function quickPickRows(): Locator {
  return page().locator('.quick-input-list .monaco-list-row');
}

export function quickPickRow(label: string | RegExp): Locator {
  return quickPickRows().filter({ hasText: label }).first();
}

/** Clicks a QuickPick row (which accepts it) and waits for the picker to close or move on. */
export async function pickQuickPickRow(label: string | RegExp): Promise<void> {
  const row = quickPickRow(label);
  await row.waitFor({ state: 'visible' });
  await clickUntilGone(row);
}

/**
 * Runs a command by its Command Palette title, e.g. "WhatsApp Status: Set Credentials", picking the row with exactly
 * that title (recently used commands sort first, so Enter alone could run a longer namesake). The palette lists what
 * it knows when it opens: an extension's commands right after the workbench loaded (before the extension host has
 * scanned it), or one whose `when` clause depends on a context key the extension sets after activating, can be missing
 * from a palette opened a moment earlier. The palette is then closed and opened again, at most `attempts` times.
 */
export async function runPaletteCommand(title: string, attempts = 8): Promise<void> {
  const row = quickPickRows().filter({ has: page().locator('.label-name').getByText(title, { exact: true }) }).first();
  for (let attempt = 1; ; attempt++) {
    await page().keyboard.press('F1');
    await typeInQuickInput(`>${title}`);
    const shown = await row.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false);
    if (shown) break;
    if (attempt >= attempts) throw new Error(`command "${title}" not in the Command Palette after ${attempt} attempt(s)`);
    noteRetry(`command "${title}" not in the Command Palette yet (attempt ${attempt}): reopening it`);
    await dismissQuickInput();
  }
  await clickUntilGone(row);
}

/** The modal dialog (VS Code draws it in the page in the browser), e.g. the extension's confirmation. */
export function dialog(): Locator {
  return page().locator('.monaco-dialog-box');
}

export async function waitForDialog(text: string | RegExp): Promise<Locator> {
  const box = dialog().filter({ hasText: text });
  await box.waitFor({ state: 'visible', timeout: 15_000 });
  return box;
}

export async function clickDialogButton(label: string): Promise<void> {
  await clickUntilGone(dialog().getByRole('button', { name: label, exact: true }), dialog());
}

export function toasts(text?: string | RegExp): Locator {
  const all = page().locator('.notifications-toasts .notification-toast');
  return text === undefined ? all : all.filter({ hasText: text });
}

/** Waits for a notification toast (shown only without the smoke-test driver, as runE2E.ts runs code-server). */
export async function waitForToast(text: RegExp, timeout = 30_000): Promise<Locator> {
  const toast = toasts(text).first();
  await toast.waitFor({ state: 'visible', timeout });
  return toast;
}

/** Waits until no toast matches (e.g. a progress notification that lingers a moment after its task ended). */
export async function waitForToastGone(text: RegExp, timeout = 10_000): Promise<void> {
  await toasts(text).first().waitFor({ state: 'hidden', timeout });
}

/** The message line of a toast (without its source and buttons). */
export async function toastMessage(toast: Locator): Promise<string> {
  return (await toast.locator('.notification-list-item-message').innerText()).trim();
}

/** Shows a long toast message in full: a toast is one line until its "Expand Notification" toggle is clicked. */
export async function expandToast(toast: Locator): Promise<void> {
  await toast.hover();
  const expand = toast.getByRole('button', { name: /^Expand Notification/ });
  if (await expand.isVisible()) await expand.click();
}

export async function clickToastButton(toast: Locator, label: string): Promise<void> {
  await toast.getByRole('button', { name: label, exact: true }).click();
}

/** Opens the Notification Center (every notification of the session, toasts that timed out included). */
export async function openNotificationCenter(): Promise<Locator> {
  const center = page().locator('.notifications-center');
  if (!(await center.isVisible())) await page().locator('[id="status.notifications"]').click();
  await center.waitFor({ state: 'visible' });
  return center;
}

/**
 * Brings the workbench back to a known state between journeys: no menu, prompt or dialog open, no notification
 * left from an earlier journey, no editor open.
 */
export async function resetWorkbench(): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const open = [contextMenu(), quickInputWidget(), dialog()];
    const counts = await Promise.all(open.map((locator) => locator.filter({ visible: true }).count()));
    if (counts.every((count) => count === 0)) break;
    await page().keyboard.press('Escape');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // A progress notification cannot be cleared while its task runs: one left by a failed journey is cancelled.
  const running = toasts().filter({ has: page().getByRole('button', { name: 'Cancel', exact: true }) });
  for (let attempt = 0; attempt < 5 && (await running.count()) > 0; attempt++) {
    await running.first().getByRole('button', { name: 'Cancel', exact: true }).click().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await runPaletteCommand('Notifications: Clear All Notifications');
  await runPaletteCommand('View: Close All Editors');
  await toasts().first().waitFor({ state: 'hidden', timeout: 5_000 });
}

// Runs in the page (a string: the tests compile without the DOM library). Waits two frames, so a class added for a
// fade-in has started its transition, then for every finite animation and transition (menus, toasts and dialogs fade
// in and out; progress bars and cursors animate for ever), at most 2 s.
const SETTLE_SCRIPT = `(async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  await frame();
  await frame();
  const finite = document.getAnimations().filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime));
  await Promise.race([
    Promise.all(finite.map((animation) => animation.finished.catch(() => undefined))),
    new Promise((resolve) => setTimeout(resolve, 2000)),
  ]);
})()`;

/** Waits until menus, notifications and dialogs have finished fading in or out (at most 2 s). */
export async function settle(): Promise<void> {
  await page().evaluate(SETTLE_SCRIPT).catch(() => undefined);
}

/** Saves test-results/e2e/NAME.png, once menus and notifications have finished fading in or out, and returns its path. */
export async function screenshot(name: string): Promise<string> {
  const file = path.join(current?.screenshotDir ?? '.', `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await settle();
  await page().screenshot({ path: file });
  return file;
}
