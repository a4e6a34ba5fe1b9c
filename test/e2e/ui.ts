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
 * Clicks a context-menu item. A contribution shows only once the extension host has scanned the extension, which can
 * be after the Explorer is drawn: with `reopen`, the menu is closed and reopened until the item is there. About 1 in 60
 * clicks is swallowed (the menu stays open): then the item is hovered and Enter pressed.
 */
export async function clickMenuItem(label: string, reopen?: () => Promise<void>, attempts = 10): Promise<void> {
  const item = page().getByRole('menuitem', { name: label, exact: true });
  for (let attempt = 1; ; attempt++) {
    const shown = await item.waitFor({ state: 'visible', timeout: 1_500 }).then(() => true, () => false);
    if (shown) break;
    if (!reopen || attempt >= attempts) throw new Error(`menu item "${label}" not shown after ${attempt} attempt(s)`);
    await page().keyboard.press('Escape');
    await reopen();
  }
  await item.click();
  if (await closed(contextMenu(), 3_000)) return;
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

/** The input of the current InputBox or QuickPick. */
export function quickInput(): Locator {
  return page().locator('.quick-input-widget input.input');
}

export async function typeInQuickInput(text: string): Promise<void> {
  await quickInput().waitFor({ state: 'visible' });
  await quickInput().fill(text);
}

export async function acceptQuickInput(): Promise<void> {
  await quickInput().press('Enter');
}

export function quickPickRows(): Locator {
  return page().locator('.quick-input-list .monaco-list-row');
}

export async function pickQuickPickRow(label: string | RegExp): Promise<void> {
  await quickPickRows().filter({ hasText: label }).first().click();
}

/** Runs a command by its Command Palette title, e.g. "WhatsApp Status: Set Credentials". */
export async function runPaletteCommand(title: string): Promise<void> {
  await page().keyboard.press('F1');
  await typeInQuickInput(`>${title}`);
  await quickPickRows().filter({ hasText: title }).first().waitFor({ state: 'visible' });
  await acceptQuickInput();
}

/** Waits for a notification toast (shown only without the smoke-test driver, as runE2E.ts runs code-server). */
export async function waitForToast(text: RegExp, timeout = 30_000): Promise<Locator> {
  const toast = page().locator('.notifications-toasts .notification-toast').filter({ hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout });
  return toast;
}

/** Opens the Notification Center (every notification of the session, toasts that timed out included). */
export async function openNotificationCenter(): Promise<Locator> {
  const center = page().locator('.notifications-center');
  if (!(await center.isVisible())) await page().locator('[id="status.notifications"]').click();
  await center.waitFor({ state: 'visible' });
  return center;
}

/** Saves test-results/e2e/NAME.png and returns its path. */
export async function screenshot(name: string): Promise<string> {
  const file = path.join(current?.screenshotDir ?? '.', `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page().screenshot({ path: file });
  return file;
}
