// Every workbench selector and action the journeys use, in one place (verified against VS Code 1.139 in code-server:
// docs/real-vscode.md). Journeys call these instead of touching the DOM. Retries are bounded and only cover
// the workbench's own timing (late menu contributions, a swallowed click), never a wrong result.
import * as fs from 'fs';
import * as path from 'path';
import { Locator, Page } from 'playwright-core';
import { repoRoot } from '../harness/tools';

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

/**
 * Runs `task` with every helper driving `other` (another workbench, e.g. the sandbox's), then switches back to the
 * runner's page, also when `task` fails.
 */
export async function withPage<T>(other: Page, task: () => Promise<T>): Promise<T> {
  if (!current) throw new Error('ui.attach() has not been called: run journeys through runE2E.js');
  const previous = current;
  current = { ...previous, page: other };
  try {
    return await task();
  } finally {
    current = previous;
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitForWorkbench(timeout = 60_000): Promise<void> {
  await page().locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
  await page().locator('.explorer-folders-view').waitFor({ state: 'visible', timeout });
}

/** The activity bar's icon for a view container, by the start of its label ("Explorer", "WhatsApp Status"). */
function activityBarIcon(label: string): Locator {
  return page().locator(`.activitybar [role="tab"] a.action-label[aria-label^="${label}"]`);
}

/**
 * Clicks a view container's activity-bar icon until `shown` is visible. Clicking the icon of the container already
 * showing hides the side bar, so it is clicked only while `shown` is not visible, and at most `attempts` times.
 */
async function showSideBarView(label: string, shown: Locator, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await shown.isVisible()) return;
    await activityBarIcon(label).click();
    if (
      await shown.waitFor({ state: 'visible', timeout: 3_000 }).then(
        () => true,
        () => false,
      )
    )
      return;
    if (attempt >= attempts) throw new Error(`the "${label}" view did not show after ${attempt} click(s) on its activity-bar icon`);
    noteRetry(`the "${label}" view did not show after a click on its icon (attempt ${attempt}): clicking again`);
  }
}

/**
 * Drags the side bar's edge (its sash) until the side bar is `width` px wide, as a person widens it, and returns the
 * width it had. The drag is repeated (at most `attempts` times) while the width is off by more than 3 px.
 */
export async function setSideBarWidth(width: number, attempts = 3): Promise<number> {
  const sidebar = page().locator('[id="workbench.parts.sidebar"]');
  const before = (await sidebar.boundingBox())?.width;
  if (before === undefined) throw new Error('the side bar is not showing');
  for (let attempt = 1; ; attempt++) {
    const box = (await sidebar.boundingBox())!;
    if (Math.abs(box.width - width) <= 3) return before;
    if (attempt > attempts) throw new Error(`the side bar is ${box.width} px wide, not ${width}, after ${attempts} drag(s)`);
    if (attempt > 1) noteRetry(`side bar ${box.width} px after a drag to ${width} (attempt ${attempt - 1}): dragging again`);
    // The vertical sash nearest the side bar's right edge, and level with it.
    const edge = box.x + box.width;
    const sashes = await page()
      .locator('.monaco-sash.vertical')
      .evaluateAll((elements) =>
        elements.map((element) => {
          const rect = element.getBoundingClientRect();
          return { x: rect.x + rect.width / 2, top: rect.y, bottom: rect.y + rect.height };
        }),
      );
    const sash = sashes
      .filter((candidate) => candidate.top <= box.y + box.height / 2 && candidate.bottom >= box.y + box.height / 2)
      .sort((a, b) => Math.abs(a.x - edge) - Math.abs(b.x - edge))[0];
    if (!sash || Math.abs(sash.x - edge) > 10) throw new Error(`no sash at the side bar's edge (x ${edge})`);
    const y = box.y + box.height / 2;
    await page().mouse.move(sash.x, y);
    await page().mouse.down();
    await page().mouse.move(sash.x + (width - box.width), y, { steps: 10 });
    await page().mouse.up();
    await settle();
  }
}

/** Shows the Explorer in the side bar (from the activity bar, as a person does). */
export async function showExplorer(): Promise<void> {
  await showSideBarView('Explorer', page().locator('.explorer-folders-view'));
}

export function explorerRow(name: string): Locator {
  return page().locator('.explorer-folders-view').getByRole('treeitem', { name, exact: true });
}

const contextMenu = (): Locator => page().locator('.monaco-menu');

/** The open context menu (for its box in a picture). */
export function contextMenuElement(): Locator {
  return contextMenu();
}

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
    const shown = await item.waitFor({ state: 'visible', timeout: 1_500 }).then(
      () => true,
      () => false,
    );
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
  return locator.waitFor({ state: 'hidden', timeout }).then(
    () => true,
    () => false,
  );
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

/**
 * Selects several Explorer rows as a person does: a click on the first, Ctrl+click on each other one. Repeats the
 * whole selection (at most `attempts` times) while the Explorer does not show exactly these rows selected.
 */
export async function selectExplorerRows(names: readonly string[], attempts = 3): Promise<void> {
  const selected = page().locator('.explorer-folders-view [role="treeitem"][aria-selected="true"]');
  for (let attempt = 1; ; attempt++) {
    await explorerRow(names[0]).click();
    for (const name of names.slice(1)) await explorerRow(name).click({ modifiers: ['Control'] });
    const deadline = Date.now() + 2_000;
    let labels: string[];
    do {
      labels = (await selected.evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''))).sort();
      if (labels.join('\n') === [...names].sort().join('\n')) return;
      await delay(100);
    } while (Date.now() < deadline);
    if (attempt >= attempts) throw new Error(`Explorer selection is [${labels.join(', ')}], not [${names.join(', ')}]`);
    noteRetry(`Explorer selection [${labels.join(', ')}] instead of [${names.join(', ')}] (attempt ${attempt}): selecting again`);
  }
}

/** Selects whole lines `from`–`to` (1-based) of the active text editor with the keyboard, as a person does. */
export async function selectEditorLines(from: number, to: number): Promise<void> {
  await page().locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page().keyboard.press('Control+Home');
  for (let line = 1; line < from; line++) await page().keyboard.press('ArrowDown');
  for (let line = from; line <= to; line++) await page().keyboard.press('Shift+ArrowDown');
}

/** Right-clicks the active editor's selection and waits for its context menu. */
export async function openEditorContextMenu(): Promise<void> {
  const selected = page().locator('.editor-instance .monaco-editor .selected-text').first();
  await selected.waitFor({ state: 'visible' });
  const box = (await selected.boundingBox())!;
  await page().mouse.click(box.x + Math.min(40, box.width / 2), box.y + box.height / 2, { button: 'right' });
  await contextMenu().waitFor({ state: 'visible' });
}

/** Waits until a button (in the workbench or a webview) can be clicked. */
export async function eventuallyEnabled(button: Locator, timeout = 15_000): Promise<void> {
  await button.waitFor({ state: 'visible', timeout });
  const deadline = Date.now() + timeout;
  while (!(await button.isEnabled())) {
    if (Date.now() > deadline) throw new Error(`${button} stayed disabled`);
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

/** Moves the pointer to an empty spot of the editor area (or to x, y), so no hover highlight shows in a screenshot. */
export async function movePointerAway(x = 800, y = 600): Promise<void> {
  await page().mouse.move(x, y);
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

/** The Back button of a step after the first in a multi-step question. */
export function quickInputBackButton(): Locator {
  return quickInputWidget().locator('.quick-input-left-action-bar .action-label').first();
}

/** The title bar of the open InputBox or QuickPick, with its "k/n" step count. */
export function quickInputTitle(): Locator {
  return quickInputWidget().locator('.quick-input-titlebar');
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

/** The label (without description or detail) of each QuickPick row that is ticked, in the list's order. */
export async function checkedQuickPickLabels(): Promise<string[]> {
  const rows = quickPickRows().and(page().locator('[aria-checked="true"]'));
  // A row's first .label-name is its label; a detail line has one too.
  return (await rows.evaluateAll((elements) => elements.map((row) => (row.querySelector('.label-name') as { innerText: string } | null)?.innerText ?? ''))).map(
    (text) => text.trim(),
  );
}

/**
 * Ticks one row of a multi-select QuickPick with the keyboard, as its placeholder says ("Space selects"): types
 * `filter`, waits until `label` is the only row left, moves into the list (Down) and presses Space. A Space that did not
 * reach the list (it then types into the filter, which is typed afresh) is repeated, at most `attempts` times; a row
 * already ticked is never pressed again.
 */
export async function tickQuickPickRow(filter: string, label: string, attempts = 3): Promise<void> {
  const row = quickPickRows().filter({ has: page().locator('.label-name').getByText(label, { exact: true }) });
  for (let attempt = 1; ; attempt++) {
    await typeInQuickInput(filter);
    await row.waitFor({ state: 'visible' });
    const deadline = Date.now() + 5_000;
    while ((await quickPickRows().count()) !== 1) {
      if (Date.now() > deadline) throw new Error(`"${filter}" leaves ${await quickPickRows().count()} rows, not just "${label}"`);
      await delay(100);
    }
    await page().keyboard.press('ArrowDown');
    await page().keyboard.press('Space');
    const ticked = await row
      .and(page().locator('[aria-checked="true"]'))
      .waitFor({ state: 'visible', timeout: 2_000 })
      .then(
        () => true,
        () => false,
      );
    if (ticked) return;
    if (attempt >= attempts) throw new Error(`Space did not tick "${label}" after ${attempt} attempt(s)`);
    noteRetry(`Space did not tick "${label}" (attempt ${attempt}): typing the filter again`);
  }
}

/** Who may see a status: the first row of the audience picker, or contacts ticked by name in "Choose contacts…". */
export type Audience = 'All my contacts' | ReadonlyArray<{ readonly filter: string; readonly name: string }>;

/**
 * Answers a post's questions as a person does, once its caption box is up: the caption, the audience, then Post in the
 * confirmation (after `beforePost`, which may read it). Resolves with the "Status queued" notification.
 */
export async function answerPostPrompts(
  fileName: string,
  caption: string,
  audience: Audience,
  beforePost?: (confirmation: Locator) => Promise<void>,
): Promise<Locator> {
  await waitForQuickInput(`Caption for ${fileName}`);
  await typeInQuickInput(caption);
  await acceptQuickInput();
  await waitForQuickInput('Who may see this status?');
  if (typeof audience === 'string') {
    await pickQuickPickRow(audience);
  } else {
    await pickQuickPickRow('Choose contacts…');
    await waitForQuickInput('Choose contacts');
    for (const contact of audience) await tickQuickPickRow(contact.filter, contact.name);
    await acceptQuickInput();
  }
  const confirmation = await waitForDialog(`Post ${fileName}`);
  await beforePost?.(confirmation);
  await clickDialogButton('Post');
  return waitForToast(/Status queued — id /);
}

/**
 * Runs a command by its Command Palette title, e.g. "WhatsApp Status: Set Credentials", picking the row with exactly
 * that title (recently used commands sort first, so Enter alone could run a longer namesake). The palette lists what
 * it knows when it opens: an extension's commands right after the workbench loaded (before the extension host has
 * scanned it), or one whose `when` clause depends on a context key the extension sets after activating, can be missing
 * from a palette opened a moment earlier. The palette is then closed and opened again, at most `attempts` times.
 */
export async function runPaletteCommand(title: string, attempts = 8): Promise<void> {
  const row = quickPickRows()
    .filter({ has: page().locator('.label-name').getByText(title, { exact: true }) })
    .first();
  for (let attempt = 1; ; attempt++) {
    await page().keyboard.press('F1');
    await typeInQuickInput(`>${title}`);
    const shown = await row.waitFor({ state: 'visible', timeout: 2_000 }).then(
      () => true,
      () => false,
    );
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

/**
 * Waits for a notification, failing at once if a prompt (InputBox, QuickPick) or a dialog shows meanwhile: for what
 * must happen without asking the person anything again. Looked for as a toast, then in the Notification Center: a
 * notification raised in the same moment as others (the follower's "Status published") can go there without a toast.
 */
export async function waitForNotificationWithoutPrompts(text: RegExp, timeout = 30_000): Promise<Locator> {
  const toast = toasts(text).first();
  const inCenter = page().locator('.notifications-center .notification-list-item').filter({ hasText: text }).first();
  const deadline = Date.now() + timeout;
  for (let polls = 1; ; polls++) {
    if (await quickInputWidget().isVisible()) throw new Error(`a prompt showed while waiting for ${text}: ${await quickInputWidget().innerText()}`);
    if (await dialog().isVisible()) throw new Error(`a dialog showed while waiting for ${text}: ${await dialog().innerText()}`);
    if (await toast.isVisible()) return toast;
    // Every five seconds without the toast, the Notification Center is opened to look there.
    if (polls % 50 === 0) {
      await openNotificationCenter();
      if (await inCenter.isVisible()) return inCenter;
      await page().keyboard.press('Escape');
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for a notification ${text}`);
    await delay(100);
  }
}

/** Opens the Notification Center (every notification of the session, toasts that timed out included). */
export async function openNotificationCenter(): Promise<Locator> {
  const center = page().locator('.notifications-center');
  if (!(await center.isVisible())) await page().locator('[id="status.notifications"]').click();
  await center.waitFor({ state: 'visible' });
  return center;
}

// The "WhatsApp Statuses" view, in the extension's own activity-bar container "WhatsApp Status".

const historyContainer = (): Locator => page().locator('[id="workbench.view.extension.whatsappStatus"]');

/** Shows the extension's view container from its activity-bar icon. */
export async function showHistoryView(): Promise<void> {
  await showSideBarView('WhatsApp Status', historyContainer());
}

/** The status list (a tree named after the view). */
export function historyTree(): Locator {
  return page().getByRole('tree', { name: 'WhatsApp Statuses', exact: true });
}

/** An item of the status list by its label (caption, file name or id); its accessible name adds ", <description>". */
export function historyItem(label: string): Locator {
  return historyTree().getByRole('treeitem', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, `) });
}

/**
 * Clicks one of an item's inline buttons ("Show Statistics", "Delete Status…"), which show while the pointer is on
 * the item, until `expected` shows (e.g. the confirmation dialog). A hover or click the list swallowed (it redraws
 * after each load) is repeated, at most `attempts` times, only while nothing the click causes has shown.
 */
export async function clickHistoryItemButton(label: string, button: string, expected: Locator, attempts = 3): Promise<void> {
  const item = historyItem(label);
  for (let attempt = 1; ; attempt++) {
    await item.hover();
    await item.getByRole('button', { name: button, exact: true }).click({ timeout: 5_000 });
    if (
      await expected.waitFor({ state: 'visible', timeout: 3_000 }).then(
        () => true,
        () => false,
      )
    )
      return;
    if (attempt >= attempts) throw new Error(`"${button}" on "${label}" did not show ${expected} after ${attempt} click(s)`);
    noteRetry(`"${button}" on "${label}" showed nothing (attempt ${attempt}): hovering and clicking again`);
  }
}

/** The rectangle of the history view for a picture: activity bar and side bar, from the top down to its last item. */
export async function historyViewArea(): Promise<Clip> {
  const sidebar = await page().locator('[id="workbench.parts.sidebar"]').boundingBox();
  const last = await historyTree().getByRole('treeitem').last().boundingBox();
  if (!sidebar || !last) throw new Error('the history view is not showing any item');
  const top = 30;
  return { x: 0, y: top, width: Math.ceil(sidebar.x + sidebar.width) + 4, height: Math.ceil(last.y + last.height) + 12 - top };
}

/** A status bar item by its text (codicons are not part of the text). */
export function statusBarItem(text: string | RegExp): Locator {
  return page().locator('.statusbar-item').filter({ hasText: text });
}

/**
 * Hovers a status bar item until its tooltip shows `text`, and returns the tooltip. The pointer is moved away and
 * back (at most `attempts` times) while it does not: a hover that started while the bar redrew shows nothing.
 */
export async function hoverForTooltip(item: Locator, text: string | RegExp, attempts = 3): Promise<Locator> {
  const tooltip = page().locator('.workbench-hover').filter({ hasText: text });
  for (let attempt = 1; ; attempt++) {
    await item.hover();
    if (
      await tooltip.waitFor({ state: 'visible', timeout: 3_000 }).then(
        () => true,
        () => false,
      )
    )
      return tooltip;
    if (attempt >= attempts) throw new Error(`no tooltip ${text} after ${attempt} hover(s) on ${item}`);
    noteRetry(`no tooltip ${text} on ${item} (attempt ${attempt}): hovering again`);
    await movePointerAway();
  }
}

/** Opens a walkthrough as a person does: "Welcome: Open Walkthrough..." in the palette, then its row. */
export async function openWalkthrough(title: string): Promise<Locator> {
  await runPaletteCommand('Welcome: Open Walkthrough...');
  await pickQuickPickRow(title);
  const details = page().locator('.gettingStartedContainer .gettingStartedDetailsContent');
  await details.locator('h2.category-title').filter({ hasText: title }).waitFor({ state: 'visible' });
  return details;
}

/** A walkthrough's steps, in order (each identified by `<extension id>#<walkthrough id>#<step id>`); `.step-title` is the title. */
export function walkthroughSteps(walkthroughId: string): Locator {
  return page().locator(`.gettingStartedContainer .getting-started-step[data-step-id^="${walkthroughId}#"]`);
}

/** True when the element's whole box lies inside the page's viewport (Playwright counts off-screen boxes as visible). */
export async function inViewport(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const viewport = page().viewportSize();
  if (!box || !viewport) return false;
  return box.width > 0 && box.height > 0 && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
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
  // A progress notification cannot be cleared while its task runs: one left by a failed journey is cancelled. One
  // whose task has just ended fades out by itself, possibly between the count and the click: the click then gives up
  // after a second rather than waiting Playwright's default 30 s for a button that is gone.
  const running = toasts().filter({ has: page().getByRole('button', { name: 'Cancel', exact: true }) });
  for (let attempt = 0; attempt < 5 && (await running.count()) > 0; attempt++) {
    await running
      .first()
      .getByRole('button', { name: 'Cancel', exact: true })
      .click({ timeout: 1_000 })
      .catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await runPaletteCommand('View: Close All Editors');
  // A notification can arrive just after the clearing (a status the extension follows was published): clear again.
  for (let attempt = 1; ; attempt++) {
    await runPaletteCommand('Notifications: Clear All Notifications');
    const hidden = toasts().first().waitFor({ state: 'hidden', timeout: 5_000 });
    if (attempt >= 3) {
      await hidden;
      break;
    }
    if (
      await hidden.then(
        () => true,
        () => false,
      )
    )
      break;
  }
  // A journey may have left another side bar view (the history) showing.
  await showExplorer();
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
  await page()
    .evaluate(SETTLE_SCRIPT)
    .catch(() => undefined);
}

/** Saves test-results/e2e/NAME.png, once menus and notifications have finished fading in or out, and returns its path. */
export async function screenshot(name: string): Promise<string> {
  const file = path.join(current?.screenshotDir ?? '.', `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await settle();
  await page().screenshot({ path: file });
  return file;
}

// README pictures: `npm run screenshots` runs the journeys with this variable set, and they write cropped copies of
// chosen moments into media/screenshots/ under stable names. Without it nothing there is touched.
export const README_SCREENSHOTS_ENV = 'WHATSAPP_STATUS_README_SCREENSHOTS';
export const README_SCREENSHOT_DIR = path.join(repoRoot, 'media', 'screenshots');
/** README pictures must stay small (test/unit/docs/readme.test.ts). */
export const README_SCREENSHOT_MAX_BYTES = 60 * 1024;
const readmeWritten: string[] = [];

export function readmeScreenshotsWanted(): boolean {
  return process.env[README_SCREENSHOTS_ENV] === '1';
}

/** The README pictures written so far in this run (file names). */
export function readmeScreenshotsWritten(): readonly string[] {
  return readmeWritten;
}

export interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * With WHATSAPP_STATUS_README_SCREENSHOTS=1, saves media/screenshots/NAME.png: the page cut to `area` (a fixed
 * rectangle, or the box around one or more elements plus `padding`, kept inside the viewport), once animations have
 * settled. A picture of README_SCREENSHOT_MAX_BYTES or more fails the journey and leaves the committed file as it was.
 */
export async function readmeScreenshot(name: string, area: Clip | Locator | Locator[], padding = 10): Promise<void> {
  if (!readmeScreenshotsWanted()) return;
  await settle();
  let clip: Clip;
  if ('x' in area) {
    clip = area;
  } else {
    // Every element each locator matches (e.g. all steps of a walkthrough).
    const elements = (await Promise.all((Array.isArray(area) ? area : [area]).map((locator) => locator.all()))).flat();
    const boxes = await Promise.all(elements.map((element) => element.boundingBox()));
    if (!boxes.length || boxes.some((box) => !box)) throw new Error(`README screenshot ${name}: an element has no box`);
    const viewport = page().viewportSize() ?? { width: Infinity, height: Infinity };
    const x = Math.max(0, Math.floor(Math.min(...boxes.map((box) => box!.x)) - padding));
    const y = Math.max(0, Math.floor(Math.min(...boxes.map((box) => box!.y)) - padding));
    const right = Math.min(viewport.width, Math.ceil(Math.max(...boxes.map((box) => box!.x + box!.width)) + padding));
    const bottom = Math.min(viewport.height, Math.ceil(Math.max(...boxes.map((box) => box!.y + box!.height)) + padding));
    clip = { x, y, width: right - x, height: bottom - y };
  }
  fs.mkdirSync(README_SCREENSHOT_DIR, { recursive: true });
  const file = path.join(README_SCREENSHOT_DIR, `${name}.png`);
  const buffer = await page().screenshot({ clip, type: 'png' });
  if (buffer.length >= README_SCREENSHOT_MAX_BYTES)
    throw new Error(`README screenshot ${name}.png is ${buffer.length} bytes, over ${README_SCREENSHOT_MAX_BYTES}: crop it smaller`);
  fs.writeFileSync(file, buffer);
  readmeWritten.push(`${name}.png`);
}
