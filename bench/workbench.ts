/**
 * `npm run bench`, in the real workbench: code-server with the packaged .vsix, driven by headless Chromium as the
 * end-to-end journeys are, against the emulator with user settings pointed at it.
 *
 * - Click → caption box, a session's first post: right-click a picture in the Explorer, click "Post as Status", and
 *   time in the page from the click's mouseup to the first frame that draws the caption box. Each round
 *   reloads the window first (a new extension host, so the post also activates the extension), with GREEN-API
 *   answering at once and with every answer 1 s late. As for a person, the first session compiles dist/features.js
 *   and leaves its code cache in the extension's storage as the window closes; the later sessions load from it.
 * - Activation against an empty extension (a package.json and an activate that returns), both installed from a
 *   .vsix into the same code-server and activated the same way (by a probe extension, through the API), in a fresh
 *   window each time. The figure is the time the probe's `activate()` call waits, to the microsecond; it spans what
 *   the extension host's own performance marks span (`code/extHost/{will,did}{LoadExtensionCode,ActivateExtension}/<id>`,
 *   beside the times "Developer: Show Running Extensions" shows), which break it down but are whole milliseconds:
 *   on a total of about 5 ms, a median of whole milliseconds moves the ratio in steps of 20–25 %. Either total counts
 *   the wait for the ExtensionContext (its storage comes from the workbench: a round trip every extension pays, and
 *   the empty extension's total is almost only that) and whatever the host runs before that answer, such as a
 *   garbage collection; the probe records the host's garbage collections (perf_hooks) to tell the two apart. A third
 *   extension that registers as many commands as the extension does at activation, and does nothing else, shows
 *   what any extension with these commands pays: its own API object (`require('vscode')`) and the registrations.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../test/emulator';
import { launchChromium, startCodeServer, type CodeServer } from '../test/harness/codeServer';
import { ensureTools } from '../test/harness/tools';
import { packageVsix } from '../test/harness/vsix';
import { prepareWorkspace, type TempWorkspace } from '../test/harness/workspace';
import * as ui from '../test/e2e/ui';
import { drawnPng } from '../test/fixtures/png';
import { COMMANDS_WITH_STAND_INS } from '../src/vscode/platform/ids';

const ROUNDS = Number(process.env.WHATSAPP_STATUS_BENCH_WORKBENCH_ROUNDS) || 7;
// Each activation is a few milliseconds in a fresh window, a few seconds to prepare: two per round.
const ACTIVATIONS_PER_ROUND = 2;
const MAX_CLICK_TO_CAPTION_MS = 150;
const MAX_DELAYED_TO_IMMEDIATE = 1.2;
const MAX_ACTIVATION_RATIO = 1.3;
const ANSWER_DELAY_MS = 1000;
// After a reload the workbench starts its own extensions and views; measuring waits until that has settled.
const QUIET_MS = 4000;
const MENU_ITEM = 'Post as Status';
// The probe's own menu item, whose command only opens an input box: the part of the click that is the workbench's.
const FLOOR_MENU_ITEM = 'Ask for a Caption (Bench Floor)';

const EXTENSION_ID = 'whatsapp-status-dev.whatsapp-status';
const BENCH_PUBLISHER = 'whatsapp-status-bench';
const EMPTY_ID = `${BENCH_PUBLISHER}.empty-extension`;
const COMMANDS_ONLY_ID = `${BENCH_PUBLISHER}.commands-only`;
const PROBE_ID = `${BENCH_PUBLISHER}.probe`;
const PROBE_DIR_ENV = 'WHATSAPP_STATUS_BENCH_PROBE_DIR';
const PROBE_ACTIVATE = 'Bench Probe: Activate Extensions';
const PROBE_REPORT = 'Bench Probe: Report Marks';

interface Series {
  readonly medianMs: number;
  readonly runsMs: number[];
}

/** The extension host's marks for one extension, in ms (Date.now() resolution, as the host takes them). */
interface HostActivation {
  /** Loading the main module: reading and compiling the bundle, running its top level. */
  readonly codeLoadMs: number;
  /**
   * From the code being loaded to activate() being called: the host still preparing the ExtensionContext (a round trip
   * to the workbench for its storage), and whatever it runs first.
   */
  readonly contextWaitMs: number;
  /** Garbage collection in the host during that wait, in ms (about: the marks are whole ms). */
  readonly contextWaitGcMs: number;
  /** activate() itself, and the promise it returned. */
  readonly activateMs: number;
  /** From starting to load the code to activated. */
  readonly totalMs: number;
}

interface ClickRound {
  readonly clickToCaptionMs: number;
  /** The same up to the DOM change that shows the box, before the frame that draws it. */
  readonly clickToDomMs: number;
  /** The extension's activation in that session, from the host's marks (the first post activates it). */
  readonly activation?: HostActivation;
  /** When each step began, in ms after the click (the wall clocks of the page and of the extension host). */
  readonly timeline: Partial<Record<ClickStep, number>>;
  /** Loading dist/features.js, which the first command does: whether its code cache was used, and how long it took. */
  readonly featuresBundle?: BundleLoad;
}

/** What src/vscode/platform/bundles.ts reports of a bundle's load, in its `bundle/<name>` mark. */
interface BundleLoad {
  readonly cache: string;
  readonly ms: number;
}

/**
 * The steps between the click and the caption box: the host starting to load the extension, activated, the command
 * starting, the caption box asked for (the extension's own marks), and the box in the page's DOM.
 */
type ClickStep = 'loadCode' | 'activated' | 'commandStarted' | 'captionAsked' | 'captionInDom';
const CLICK_STEPS: readonly ClickStep[] = ['loadCode', 'activated', 'commandStarted', 'captionAsked', 'captionInDom'];

export interface WorkbenchResults {
  readonly host: string;
  readonly rounds: number;
  readonly answerDelayMs: number;
  /** The 1-minute load average when the group started and when it ended. */
  readonly loadAverage1m: { readonly start: number; readonly end: number };
  readonly clickToCaption: {
    readonly immediate: Series & { readonly runs: ClickRound[] };
    readonly delayed: Series & { readonly runs: ClickRound[] };
    readonly delayedToImmediate: number;
    /** The same click on the probe's menu item, which only opens an input box (a tiny extension activating too). */
    readonly floor: Series & { readonly runs: ClickRound[] };
  };
  readonly activation: {
    readonly source: string;
    readonly rounds: number;
    readonly extension: Activations;
    readonly empty: Activations;
    /** An extension that registers as many commands as the extension's activate() does, and nothing else. */
    readonly commandsOnly: Activations;
    /** The extension's median over the empty extension's, as the probe's activate() call waited. */
    readonly ratio: number;
    /** The same from the host's marks (whole ms). */
    readonly hostMarksRatio: number;
    /** The commands-only extension's median over the empty extension's, as the probe waited. */
    readonly commandsOnlyRatio: number;
    /** The parts of the extension's activate(), from its own performance marks, median ms each. */
    readonly parts: Record<string, number>;
  };
}

/** One extension's activations: as the probe's activate() call waited for them (the figure), and by the host's marks. */
interface Activations extends ActivationMedians {
  readonly called: Series;
  readonly hostMarks: Series & { readonly runs: HostActivation[] };
}

/** The median of each part of an activation, in ms. */
interface ActivationMedians {
  readonly codeLoadMs: number;
  readonly contextWaitMs: number;
  readonly contextWaitGcMs: number;
  readonly activateMs: number;
}

/** A line of run.ts's table. */
export interface WorkbenchRow {
  readonly figure: string;
  readonly value: string;
  readonly target: string;
  readonly met?: boolean | null;
}

/** Runs both measurements in one code-server; null (after saying why) when the workbench could not be driven. */
export async function benchWorkbench(): Promise<WorkbenchResults | null> {
  const startLoad = loadAverage();
  console.log(
    `Workbench: click → caption box in code-server, ${ROUNDS} rounds; activation, ${ACTIVATIONS_PER_ROUND * ROUNDS} rounds (load average ${startLoad})`,
  );
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'whatsapp-status-bench-wb-'));
  const probeDir = path.join(temp, 'probe');
  fs.mkdirSync(probeDir);
  let emulator: Emulator | undefined;
  let workspace: TempWorkspace | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    const { tools } = ensureTools();
    // WHATSAPP_STATUS_BENCH_VSIX measures a .vsix built elsewhere (an earlier commit, to compare) instead of this tree.
    const extensionVsix = process.env.WHATSAPP_STATUS_BENCH_VSIX || packageVsix(temp);
    const vsix = [
      extensionVsix,
      benchExtension(temp, 'empty-extension', EMPTY_EXTENSION),
      benchExtension(temp, 'commands-only', COMMANDS_ONLY_EXTENSION),
      benchExtension(temp, 'probe', PROBE_EXTENSION),
    ];
    emulator = await startEmulator();
    workspace = prepareWorkspace();
    const pictures = Array.from({ length: 3 * ROUNDS + 1 }, (_, index) => `bench-${index + 1}.png`);
    // 9:16 portrait and different each, so no warning is due and no upload is reused from an earlier round.
    for (const [index, name] of pictures.entries())
      fs.writeFileSync(
        path.join(workspace.dir, name),
        drawnPng(90, 160, (x, y) => [index, x, y]),
      );
    server = await startCodeServer(tools, {
      vsix,
      env: { [PROBE_DIR_ENV]: probeDir },
      userSettings: { 'whatsappStatus.apiUrl': emulator.apiUrl, 'whatsappStatus.mediaUrl': emulator.mediaUrl },
    });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    ui.attach(page, path.join(temp, 'screenshots'));
    await page.goto(`${server.url}/?${new URLSearchParams({ folder: workspace.dir })}`);
    await ui.waitForWorkbench();
    await setCredentials(emulator);

    const probe = new Probe(probeDir);
    const immediate: ClickRound[] = [];
    const delayed: ClickRound[] = [];
    const floor: ClickRound[] = [];
    const activations: Array<Record<ActivatedId, Activation>> = [];
    const parts: Array<Record<string, number>> = [];
    let picture = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Rotating which goes first spreads any drift over the run evenly.
      const kinds = ['at once', 'late', 'floor'] as const;
      for (const kind of kinds.map((_, index) => kinds[(index + round) % kinds.length])) {
        if (kind === 'floor') {
          const name = pictures[picture++];
          const measured = withTimeline(await clickToInputBox(page, name, FLOOR_MENU_ITEM), await probe.report(`floor-${name}`), FLOOR_CLICK);
          floor.push(measured);
          console.log(`  click → input box, the probe's command: ${ms(measured.clickToCaptionMs)}`);
          continue;
        }
        const measured = await clickToCaption(page, emulator, probe, pictures[picture++], kind === 'late');
        (kind === 'late' ? delayed : immediate).push(measured);
        console.log(`  click → caption, ${kind === 'late' ? `answers ${ANSWER_DELAY_MS} ms late` : 'answers at once'}: ${ms(measured.clickToCaptionMs)}`);
      }
      for (let again = 0; again < ACTIVATIONS_PER_ROUND; again++) {
        const activation = await activateAll(page, probe, activations.length);
        activations.push(activation.byId);
        parts.push(activation.parts);
        const text = (id: ActivatedId) => `${activation.byId[id].calledMs.toFixed(1)} ms`;
        console.log(`  activation: extension ${text(EXTENSION_ID)}, empty ${text(EMPTY_ID)}, commands only ${text(COMMANDS_ONLY_ID)}`);
      }
    }
    const series = <T>(runs: T[], value: (run: T) => number) => ({ medianMs: median(runs.map(value)), runsMs: runs.map(value), runs });
    const immediateSeries = series(immediate, (run) => run.clickToCaptionMs);
    const delayedSeries = series(delayed, (run) => run.clickToCaptionMs);
    const activationsOf = (id: ActivatedId): Activations => {
      const runs = activations.map((round) => round[id]);
      const host = runs.map((run) => run.host);
      return {
        called: { medianMs: median(runs.map((run) => run.calledMs)), runsMs: runs.map((run) => run.calledMs) },
        hostMarks: series(host, (run) => run.totalMs),
        ...activationMedians(host),
      };
    };
    const [extension, empty, commandsOnly] = ACTIVATED.map(activationsOf);
    return {
      host: `code-server ${codeServerVersion(tools.codeServerEntry)}`,
      rounds: ROUNDS,
      answerDelayMs: ANSWER_DELAY_MS,
      loadAverage1m: { start: startLoad, end: loadAverage() },
      clickToCaption: {
        immediate: immediateSeries,
        delayed: delayedSeries,
        delayedToImmediate: delayedSeries.medianMs / immediateSeries.medianMs,
        floor: series(floor, (run) => run.clickToCaptionMs),
      },
      activation: {
        source:
          "the probe's performance.now() around each extension's activate(); the extension host's performance marks code/extHost/{will,did}{LoadExtensionCode,ActivateExtension}/<id>",
        rounds: activations.length,
        extension,
        empty,
        commandsOnly,
        ratio: extension.called.medianMs / empty.called.medianMs,
        hostMarksRatio: extension.hostMarks.medianMs / empty.hostMarks.medianMs,
        commandsOnlyRatio: commandsOnly.called.medianMs / empty.called.medianMs,
        parts: medianParts(parts),
      },
    };
  } catch (error) {
    console.error(`workbench bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (server) fs.writeFileSync(path.join(temp, 'code-server.log'), server.output());
    return null;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await emulator?.close();
    workspace?.dispose();
    if (!process.env.WHATSAPP_STATUS_BENCH_KEEP) fs.rmSync(temp, { recursive: true, force: true });
    else console.log(`  kept ${temp}`);
  }
}

/** The rows for run.ts's table, targets included. */
export function workbenchRows(results: WorkbenchResults | null): WorkbenchRow[] {
  if (!results) {
    const missing = { value: 'NOT MEASURED: the workbench run failed', met: null };
    return [
      { figure: "Click → caption box, a session's first post", target: `≤ ${ms(MAX_CLICK_TO_CAPTION_MS)}`, ...missing },
      { figure: `Click → caption box, every answer ${ANSWER_DELAY_MS} ms late`, target: `≤ ${MAX_DELAYED_TO_IMMEDIATE} × at once`, ...missing },
      { figure: 'Activation, extension / empty extension', target: `≤ ${MAX_ACTIVATION_RATIO}`, ...missing },
    ];
  }
  const { clickToCaption: click, activation, rounds } = results;
  const called = (of: Activations) => ms(of.called.medianMs);
  const load = `load average ${results.loadAverage1m.start} → ${results.loadAverage1m.end}`;
  const limitMs = MAX_DELAYED_TO_IMMEDIATE * click.immediate.medianMs;
  const partsText = Object.entries(activation.parts)
    .map(([name, value]) => `${name} ${ms(value)}`)
    .join(', ');
  return [
    {
      figure: `Click → caption box, a session's first post, answers at once, median of ${rounds} (${load})`,
      value: `${ms(click.immediate.medianMs)} (${range(click.immediate.runsMs)})`,
      target: `≤ ${ms(MAX_CLICK_TO_CAPTION_MS)}`,
      met: click.immediate.medianMs <= MAX_CLICK_TO_CAPTION_MS,
    },
    {
      figure: `Click → caption box, a session's first post, every answer ${results.answerDelayMs} ms late, median of ${rounds}`,
      value: `${ms(click.delayed.medianMs)} (${click.delayedToImmediate.toFixed(2)} × at once; ${range(click.delayed.runsMs)})`,
      target: `≤ ${MAX_DELAYED_TO_IMMEDIATE} × at once = ${ms(limitMs)}`,
      met: click.delayedToImmediate <= MAX_DELAYED_TO_IMMEDIATE,
    },
    {
      figure: `Click → input box of a bench extension's bare command (the workbench's part), median of ${rounds}`,
      value: `${ms(click.floor.medianMs)} (${range(click.floor.runsMs)})`,
      target: 'for comparison',
    },
    {
      figure: '  at once: loading the extension, activated, command, box asked, box in DOM',
      value: steps(click.immediate.runs),
      target: '',
    },
    {
      figure: "  the same for the bench extension's command",
      value: steps(click.floor.runs),
      target: '',
    },
    {
      figure: `  loading dist/features.js (the first command does), median of ${2 * rounds}`,
      value: bundleLoads([...click.immediate.runs, ...click.delayed.runs]),
      target: '',
    },
    {
      figure: `  the extension's activation in these sessions, median of ${2 * rounds}`,
      value: ms(median([...click.immediate.runs, ...click.delayed.runs].flatMap((run) => (run.activation ? [run.activation.totalMs] : [])))),
      target: '',
    },
    {
      figure: `Activation / an empty extension's, as the probe's activate() call waited, median of ${activation.rounds} (${load})`,
      value: `${activation.ratio.toFixed(2)} (${called(activation.extension)} / ${called(activation.empty)})`,
      target: `≤ ${MAX_ACTIVATION_RATIO}`,
      met: activation.ratio <= MAX_ACTIVATION_RATIO,
    },
    {
      figure: `  an extension that only registers the same ${STAND_INS} commands / the empty extension`,
      value: `${activation.commandsOnlyRatio.toFixed(2)} (${called(activation.commandsOnly)} / ${called(activation.empty)})`,
      target: 'for comparison',
    },
    {
      figure: "  the extension / the empty extension by the host's marks (whole ms)",
      value: `${activation.hostMarksRatio.toFixed(2)} (${ms(activation.extension.hostMarks.medianMs)} / ${ms(activation.empty.hostMarks.medianMs)})`,
      target: 'for comparison',
    },
    {
      figure: "  loading its code, waiting for its context (of which garbage collection), activate(), host's marks",
      value: activationSteps(activation.extension),
      target: '',
    },
    {
      figure: '  the same for the empty extension',
      value: activationSteps(activation.empty),
      target: '',
    },
    {
      figure: '  the same for the commands-only extension',
      value: activationSteps(activation.commandsOnly),
      target: '',
    },
    ...(partsText ? [{ figure: '  activate() by part (its own marks)', value: partsText, target: '' }] : []),
  ];
}

/** The median load time with the code cache and without it, with how many sessions each. */
function bundleLoads(runs: readonly ClickRound[]): string {
  const loads = runs.flatMap((run) => (run.featuresBundle ? [run.featuresBundle] : []));
  const used = loads.filter((load) => load.cache === 'used').map((load) => load.ms);
  const compiled = loads.filter((load) => load.cache !== 'used').map((load) => load.ms);
  const text = (times: number[], what: string) => (times.length ? `${ms(median(times))} ${what} (${times.length})` : undefined);
  return [text(used, 'from its code cache'), text(compiled, 'compiled')].filter(Boolean).join(', ') || 'not marked';
}

function activationSteps(parts: ActivationMedians): string {
  return `${ms(parts.codeLoadMs)}, ${ms(parts.contextWaitMs)} (${ms(parts.contextWaitGcMs)}), ${ms(parts.activateMs)}`;
}

/** The median of each step after the click, in ms. */
function steps(runs: readonly ClickRound[]): string {
  return `${CLICK_STEPS.map((step) => `+${median(runs.flatMap((run) => run.timeline[step] ?? [])).toFixed(0)}`).join(', ')} ms`;
}

// ── The workbench ────────────────────────────────────────────────────────────────────────────────────────────────

/** Sets the emulator's credentials as a person does: the palette, then the two input boxes. */
async function setCredentials(emulator: Emulator): Promise<void> {
  await ui.runPaletteCommand('WhatsApp Status: Set Credentials');
  await ui.waitForQuickInput('GREEN-API credentials (1/2)');
  await ui.typeInQuickInput(emulator.idInstance);
  await ui.acceptQuickInput();
  await ui.waitForQuickInput('GREEN-API credentials (2/2)');
  await ui.typeInQuickInput(emulator.apiTokenInstance);
  await ui.acceptQuickInput();
  await ui.waitForToast(/Credentials saved\./);
}

/** A new window: the page reloaded, so a new extension host in which nothing of ours has run yet. */
async function freshWindow(page: Page): Promise<void> {
  await page.reload();
  await ui.waitForWorkbench();
  await delay(QUIET_MS);
}

// Runs in the page (a string: the bench compiles without the DOM library). Notes the mouseup of the click, then the
// DOM change that shows the caption box and the frame after it, in the page's own clock. The check reads no computed
// style or layout, so watching forces no work the page would not do anyway.
const WATCH_CAPTION = `(() => {
  const state = (window.__waBench = {});
  state.timeOrigin = performance.timeOrigin;
  window.addEventListener('mouseup', (event) => { state.click ??= event.timeStamp; }, { capture: true });
  const shown = () => {
    const widget = document.querySelector('.quick-input-widget');
    const title = widget && widget.querySelector('.quick-input-title');
    return !!title && widget.style.display !== 'none' && !!widget.querySelector('input.input') && (title.textContent || '').startsWith('Caption for');
  };
  const observer = new MutationObserver(() => {
    if (state.click === undefined || !shown()) return;
    observer.disconnect();
    state.dom = performance.now();
    requestAnimationFrame(() => { state.frame = performance.now(); });
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
})()`;

interface PageMarks {
  readonly timeOrigin: number;
  readonly click: number;
  readonly dom: number;
  readonly frame: number;
}

/** In a fresh window, right-clicks `picture`, clicks `menuItem` and waits for the input box titled "Caption for …". */
async function clickToInputBox(
  page: Page,
  picture: string,
  menuItem: string,
  before: () => void = () => {},
  attempts = 3,
): Promise<ClickRound & { marks: PageMarks }> {
  for (let attempt = 1; ; attempt++) {
    await freshWindow(page);
    before();
    const reopen = () => ui.openExplorerContextMenu(picture);
    await reopen();
    const item = await ui.waitForMenuItem(menuItem, reopen);
    await ui.settle();
    await item.hover();
    await page.evaluate(WATCH_CAPTION);
    await item.click();
    const marks = await page
      .waitForFunction('window.__waBench.frame === undefined ? undefined : window.__waBench', undefined, { timeout: 15_000, polling: 100 })
      .then((handle) => handle.jsonValue() as Promise<PageMarks>)
      .catch(() => undefined);
    if (!marks) {
      // A click the menu swallowed (docs/real-vscode.md §5): this round measured nothing, so it is run again.
      if (attempt >= attempts) throw new Error(`no input box after ${attempt} click(s) on "${menuItem}"`);
      console.log(`  (no input box after the click, attempt ${attempt}: again)`);
      continue;
    }
    await ui.dismissQuickInput();
    return { clickToCaptionMs: marks.frame - marks.click, clickToDomMs: marks.dom - marks.click, timeline: {}, marks };
  }
}

/** Where each click's steps are marked: the extension that runs the command, and its own marks for them. */
interface Clicked {
  readonly extensionId: string;
  readonly commandStarted: string;
  readonly captionAsked: string;
}

const POST_CLICK: Clicked = { extensionId: EXTENSION_ID, commandStarted: 'whatsappStatus/post/start', captionAsked: 'whatsappStatus/post/firstPrompt' };
const FLOOR_CLICK: Clicked = { extensionId: PROBE_ID, commandStarted: 'whatsappStatusBench/start', captionAsked: 'whatsappStatusBench/asked' };

async function clickToCaption(page: Page, emulator: Emulator, probe: Probe, picture: string, late: boolean): Promise<ClickRound> {
  const measured = await clickToInputBox(page, picture, MENU_ITEM, () => {
    emulator.reset();
    if (late) emulator.fault({ method: '*', delayMs: ANSWER_DELAY_MS, times: 1_000_000 });
  });
  return withTimeline(measured, await probe.report(`click-${picture}`), POST_CLICK);
}

/** The click's steps from the host's marks and the clicked extension's own, on the wall clock, in ms after the click. */
function withTimeline(measured: ClickRound & { marks: PageMarks }, report: ProbeReport, clicked: Clicked): ClickRound {
  const { marks, clickToCaptionMs, clickToDomMs } = measured;
  const hostMark = (what: string) => report.marks.find((mark) => mark.name === `code/extHost/${what}/${clicked.extensionId}`)?.startTime;
  const ownMark = (name: string) => {
    const mark = report.own.find((candidate) => candidate.name === name);
    return mark && report.timeOrigin + mark.startTime;
  };
  const wallClock: Record<ClickStep, number | undefined> = {
    loadCode: hostMark('willLoadExtensionCode'),
    activated: hostMark('didActivateExtension'),
    commandStarted: ownMark(clicked.commandStarted),
    captionAsked: ownMark(clicked.captionAsked),
    captionInDom: marks.timeOrigin + marks.dom,
  };
  const timeline: Partial<Record<ClickStep, number>> = {};
  for (const step of CLICK_STEPS) if (wallClock[step] !== undefined) timeline[step] = wallClock[step] - (marks.timeOrigin + marks.click);
  const featuresBundle = report.own.find((mark) => mark.name === 'whatsappStatus/bundle/features')?.detail as BundleLoad | undefined;
  return { clickToCaptionMs, clickToDomMs, activation: hostActivation(report, clicked.extensionId), timeline, ...(featuresBundle && { featuresBundle }) };
}

/** The extensions each activation round activates, in a fresh window, each first in turn. */
const ACTIVATED = [EXTENSION_ID, EMPTY_ID, COMMANDS_ONLY_ID] as const;
type ActivatedId = (typeof ACTIVATED)[number];

interface Activation {
  /** How long the probe's activate() call waited, in ms (performance.now()). */
  readonly calledMs: number;
  readonly host: HostActivation;
}

async function activateAll(page: Page, probe: Probe, round: number) {
  await freshWindow(page);
  const order = ACTIVATED.map((_, index) => ACTIVATED[(index + round) % ACTIVATED.length]);
  const report = await probe.activate(`activation-${round}`, order);
  if (report.wereActive.length) throw new Error(`already active before the probe activated them: ${report.wereActive.join(', ')}`);
  const of = (id: ActivatedId): Activation => {
    const host = hostActivation(report, id);
    const calledMs = report.called?.[id];
    if (!host || calledMs === undefined) throw new Error(`no activation times for ${id}`);
    return { calledMs, host };
  };
  const byId = Object.fromEntries(ACTIVATED.map((id) => [id, of(id)])) as Record<ActivatedId, Activation>;
  return { byId, parts: activationParts(report, byId[EXTENSION_ID].host) };
}

// The extension's own marks (src/vscode/platform/activationMarks.ts): `<part>/start` and `<part>/end` around parts of
// activate(), and moments after it, such as `credentialsRead`; parts it leaves until activate() has returned have
// their own prefix.
const OWN_MARK_PREFIX = 'whatsappStatus/activate/';
const AFTER_MARK_PREFIX = 'whatsappStatus/afterActivate/';

/**
 * activate() by part, in ms: each part the extension marks, the rest of activate() as "services and commands",
 * parts left until it returned as "… after activate() returned", and moments after activate() began (its first secret
 * read settling) as "… after activate() began".
 */
function activationParts(report: ProbeReport, host: HostActivation): Record<string, number> {
  const parts: Record<string, number> = {};
  let marked = 0;
  for (const [part, ms] of markedParts(report, OWN_MARK_PREFIX)) {
    parts[part] = ms;
    marked += ms;
  }
  parts['the rest of activate()'] = Math.max(0, host.activateMs - marked);
  for (const [part, ms] of markedParts(report, AFTER_MARK_PREFIX)) parts[`${part} after activate() returned`] = ms;
  const willActivate = report.marks.find((mark) => mark.name === `code/extHost/willActivateExtension/${EXTENSION_ID}`)?.startTime;
  for (const mark of report.own) {
    const name = mark.name.startsWith(OWN_MARK_PREFIX) ? mark.name.slice(OWN_MARK_PREFIX.length) : '/';
    if (!name.includes('/') && willActivate !== undefined) parts[`${name} after activate() began`] = report.timeOrigin + mark.startTime - willActivate;
  }
  return parts;
}

/** The durations of the parts marked `<prefix><part>/start` and `<prefix><part>/end`, in ms. */
function markedParts(report: ProbeReport, prefix: string): Map<string, number> {
  const marks = new Map(report.own.filter((mark) => mark.name.startsWith(prefix)).map((mark) => [mark.name.slice(prefix.length), mark.startTime]));
  const parts = new Map<string, number>();
  for (const [name, start] of marks) {
    const end = name.endsWith('/start') ? marks.get(name.replace(/\/start$/, '/end')) : undefined;
    if (end !== undefined) parts.set(name.replace(/\/start$/, ''), end - start);
  }
  return parts;
}

function hostActivation(report: ProbeReport, id: string): HostActivation | undefined {
  const at = (what: string) => report.marks.find((mark) => mark.name === `code/extHost/${what}/${id}`)?.startTime;
  const [willLoad, didLoad, willActivate, didActivate] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(
    at,
  );
  if (willLoad === undefined || didLoad === undefined || willActivate === undefined || didActivate === undefined) return undefined;
  // The collections that overlap the wait, each counted for the part inside it.
  const contextWaitGcMs = (report.gc ?? []).reduce(
    (sum, { start, duration }) => sum + Math.max(0, Math.min(start + duration, willActivate) - Math.max(start, didLoad)),
    0,
  );
  return {
    codeLoadMs: didLoad - willLoad,
    contextWaitMs: willActivate - didLoad,
    contextWaitGcMs,
    activateMs: didActivate - willActivate,
    totalMs: didActivate - willLoad,
  };
}

function activationMedians(runs: readonly HostActivation[]): ActivationMedians {
  const of = (part: keyof ActivationMedians) => median(runs.map((run) => run[part]));
  return { codeLoadMs: of('codeLoadMs'), contextWaitMs: of('contextWaitMs'), contextWaitGcMs: of('contextWaitGcMs'), activateMs: of('activateMs') };
}

interface Mark {
  readonly name: string;
  readonly startTime: number;
  readonly detail?: unknown;
}

interface ProbeReport {
  readonly marks: Mark[];
  /** performance.getEntriesByType('mark') of the host's Node, where extensions' own marks go (ms after timeOrigin). */
  readonly own: Mark[];
  readonly timeOrigin: number;
  readonly wereActive: string[];
  /** How long each extension's activate() call took for the probe, by id (performance.now(), fractions of a ms). */
  readonly called?: Record<string, number>;
  /** The host's garbage collections since the probe activated: start (wall clock, ms) and duration (ms). */
  readonly gc?: Array<{ readonly start: number; readonly duration: number }>;
}

/** The probe extension in the same extension host: activates extensions on request and hands over the host's marks. */
class Probe {
  constructor(private readonly dir: string) {}

  activate(name: string, order: readonly string[]): Promise<ProbeReport> {
    return this.#run(PROBE_ACTIVATE, { name, order, settleMs: 500 });
  }

  report(name: string): Promise<ProbeReport> {
    return this.#run(PROBE_REPORT, { name });
  }

  async #run(command: string, request: { name: string; order?: readonly string[]; settleMs?: number }): Promise<ProbeReport> {
    const file = path.join(this.dir, `${request.name}.json`);
    fs.writeFileSync(path.join(this.dir, 'request.json'), JSON.stringify(request));
    await ui.runPaletteCommand(command);
    const deadline = Date.now() + 20_000;
    while (!fs.existsSync(file)) {
      if (Date.now() > deadline) throw new Error(`the probe wrote no ${path.basename(file)}`);
      await delay(50);
    }
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ProbeReport;
  }
}

// ── The two other extensions, packaged as the extension is ──────────────────────────────────────────────────────

interface BenchExtension {
  readonly manifest: Record<string, unknown>;
  readonly main: string;
}

const ENGINES = { vscode: '^1.100.0' };

const EMPTY_EXTENSION: BenchExtension = {
  manifest: { name: 'empty-extension', displayName: 'Empty Extension', activationEvents: ['onCommand:whatsappStatusBench.empty'] },
  main: 'exports.activate = () => {};\n',
};

/** How many commands the extension's activate() registers (src/extension.ts): a stand-in for each. */
const STAND_INS = COMMANDS_WITH_STAND_INS.length;

const COMMANDS_ONLY_EXTENSION: BenchExtension = {
  manifest: { name: 'commands-only', displayName: 'Commands Only', activationEvents: ['onCommand:whatsappStatusBench.commandsOnly'] },
  main: `const vscode = require('vscode');
exports.activate = (context) => {
  const commands = [];
  for (let index = 0; index < ${STAND_INS}; index++) commands.push(vscode.commands.registerCommand('whatsappStatusBench.commandsOnly' + index, () => {}));
  context.subscriptions.push(vscode.Disposable.from(...commands));
};
`,
};

const PROBE_EXTENSION: BenchExtension = {
  manifest: {
    name: 'probe',
    displayName: 'Bench Probe',
    contributes: {
      commands: [
        { command: 'whatsappStatusBench.activate', title: 'Activate Extensions', category: 'Bench Probe' },
        { command: 'whatsappStatusBench.report', title: 'Report Marks', category: 'Bench Probe' },
        { command: 'whatsappStatusBench.ask', title: FLOOR_MENU_ITEM },
      ],
      menus: { 'explorer/context': [{ command: 'whatsappStatusBench.ask', when: 'resourceExtname == .png', group: '7_whatsappStatus@9' }] },
    },
  },
  main: `const vscode = require('vscode');
const fs = require('fs');
const path = require('path');
const dir = process.env.${PROBE_DIR_ENV};
const request = () => JSON.parse(fs.readFileSync(path.join(dir, 'request.json'), 'utf8'));
const gc = [];
new (require('perf_hooks').PerformanceObserver)((list) => {
  for (const entry of list.getEntries()) gc.push({ start: performance.timeOrigin + entry.startTime, duration: entry.duration });
}).observe({ entryTypes: ['gc'] });
function write(name, wereActive, called) {
  const marks = globalThis.MonacoPerformanceMarks ? globalThis.MonacoPerformanceMarks.getMarks() : [];
  const own = performance.getEntriesByType('mark').map((mark) => ({ name: mark.name, startTime: mark.startTime, detail: mark.detail }));
  const report = { marks, own, timeOrigin: performance.timeOrigin, wereActive, called, gc: gc.splice(0) };
  fs.writeFileSync(path.join(dir, name + '.json.tmp'), JSON.stringify(report));
  fs.renameSync(path.join(dir, name + '.json.tmp'), path.join(dir, name + '.json'));
}
exports.activate = (context) => {
  context.subscriptions.push(
    vscode.commands.registerCommand('whatsappStatusBench.activate', async () => {
      const { name, order, settleMs } = request();
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      const wereActive = order.filter((id) => vscode.extensions.getExtension(id).isActive);
      const called = {};
      for (const id of order) {
        const started = performance.now();
        await vscode.extensions.getExtension(id).activate();
        called[id] = performance.now() - started;
      }
      write(name, wereActive, called);
    }),
    vscode.commands.registerCommand('whatsappStatusBench.report', () => write(request().name, [])),
    vscode.commands.registerCommand('whatsappStatusBench.ask', (uri) => {
      performance.mark('whatsappStatusBench/start');
      const asked = vscode.window.showInputBox({ title: 'Caption for ' + (uri ? path.basename(uri.fsPath) : 'nothing'), ignoreFocusOut: true });
      performance.mark('whatsappStatusBench/asked');
      return asked;
    }),
  );
};
`,
};

/** Writes a bench extension into `dir` and packages it with vsce, as the extension itself is; returns the .vsix. */
function benchExtension(dir: string, name: string, extension: BenchExtension): string {
  const folder = path.join(dir, name);
  fs.mkdirSync(folder, { recursive: true });
  const manifest = { publisher: BENCH_PUBLISHER, version: '0.0.1', engines: ENGINES, main: './extension.js', ...extension.manifest };
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(folder, 'extension.js'), extension.main);
  const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  const vsix = path.join(dir, `${name}.vsix`);
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', vsix], {
    cwd: folder,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vsce package ${name} failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  return vsix;
}

function codeServerVersion(entry: string): string {
  const manifest = path.join(path.dirname(entry), '..', '..', 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

// ── Figures ─────────────────────────────────────────────────────────────────────────────────────────────────────

function medianParts(rounds: ReadonlyArray<Record<string, number>>): Record<string, number> {
  const names = [...new Set(rounds.flatMap((parts) => Object.keys(parts)))];
  return Object.fromEntries(names.map((name) => [name, median(rounds.flatMap((parts) => (name in parts ? [parts[name]] : [])))]));
}

function loadAverage(): number {
  return Number(os.loadavg()[0].toFixed(2));
}

function median(values: number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function range(values: readonly number[]): string {
  return `${ms(Math.min(...values))}–${ms(Math.max(...values))}`;
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// `node out/bench/workbench.js`: this group alone, while working on it.
if (require.main === module) {
  void benchWorkbench().then((results) => {
    for (const row of workbenchRows(results))
      console.log(`${row.figure}: ${row.value}  ${row.target}${row.met === undefined ? '' : row.met ? ' met' : ' MISSED'}`);
    console.log(JSON.stringify(results, null, 2));
  });
}
