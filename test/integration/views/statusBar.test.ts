import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { InstanceStatusBar } from '../../../src/vscode/views/statusBar';
import type { Emulator, InstanceState } from '../../emulator';
import { SENTINEL_TOKEN, TEST_INSTANCE, getHarness, signIn, startConfiguredEmulator, type Harness } from '../support';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * Each test drives its own bar with its own interval. (The extension's own bar does not poll in the test host, so
 * the emulator sees only these requests.)
 */
describe('instance state in the status bar', () => {
  let h: Harness;
  let emulator: Emulator;
  const bars: InstanceStatusBar[] = [];
  const makeBar = (pollMs?: number) => {
    const bar = new InstanceStatusBar(h.services, pollMs);
    bars.push(bar);
    return bar;
  };
  const stateRequests = () => emulator.apiRequests('getStateInstance');
  const background = (bar: InstanceStatusBar) => (bar.item.backgroundColor as vscode.ThemeColor | undefined)?.id;

  before(async () => {
    h = await getHarness();
    emulator = await startConfiguredEmulator();
  });
  after(() => emulator.close());
  beforeEach(async () => {
    h.reset();
    await signIn(h);
    // Lets the secret-storage change event of signing in arrive before a bar starts listening.
    await sleep(150);
    emulator.reset();
  });
  afterEach(() => {
    for (const bar of bars.splice(0)) bar.dispose();
  });

  it('shows "authorized" with a check mark, and a tooltip naming the masked instance', async () => {
    const bar = makeBar();
    bar.start();
    await waitFor(() => /authorized/.test(bar.item.text), 'the state');
    assert.equal(bar.item.text, '$(check) WhatsApp: authorized');
    assert.equal(background(bar), undefined);
    const tooltip = String(bar.item.tooltip);
    assert.match(tooltip, /GREEN-API instance \S+ is authorized/);
    assert.ok(!tooltip.includes(TEST_INSTANCE) && !tooltip.includes(SENTINEL_TOKEN));
    assert.equal(stateRequests().length, 1);
  });

  it('shows "not authorized" on a warning background, with what to do', async () => {
    emulator.set({ stateInstance: 'notAuthorized' });
    const bar = makeBar();
    bar.start();
    await waitFor(() => /authorized/.test(bar.item.text), 'the state');
    assert.equal(bar.item.text, '$(warning) WhatsApp: not authorized');
    assert.equal(background(bar), 'statusBarItem.warningBackground');
    assert.match(String(bar.item.tooltip), /Scan the QR code in the GREEN-API console/);
    assert.match(String(bar.item.tooltip), /Click to open the GREEN-API console/);
  });

  it('names the other states: starting, sleep mode, suspended (also the old yellowCard) and blocked', async () => {
    const bar = makeBar();
    const expected: Array<[InstanceState, string, string | undefined]> = [
      ['starting', '$(sync~spin) WhatsApp: starting', undefined],
      ['sleepMode', '$(debug-pause) WhatsApp: sleep mode', 'statusBarItem.warningBackground'],
      ['suspended', '$(warning) WhatsApp: suspended', 'statusBarItem.warningBackground'],
      ['yellowCard', '$(warning) WhatsApp: suspended', 'statusBarItem.warningBackground'],
      ['blocked', '$(error) WhatsApp: blocked', 'statusBarItem.errorBackground'],
    ];
    for (const [state, text, color] of expected) {
      emulator.set({ stateInstance: state });
      await bar.refresh();
      assert.equal(bar.item.text, text, String(state));
      assert.equal(background(bar), color, String(state));
    }
  });

  it('asks again shortly after a 429, keeping what it showed', async () => {
    emulator.fault({ method: 'getStateInstance', status: 429, body: 'Too Many Requests' });
    const bar = makeBar(300);
    bar.start();
    await waitFor(() => stateRequests().length >= 1, 'the first check');
    await sleep(100);
    assert.equal(bar.item.text, '$(sync~spin) WhatsApp');
    await waitFor(() => /authorized/.test(bar.item.text), 'the state after the retry');
    assert.equal(stateRequests().length, 2);
  });

  it('makes no request at all while signed out', async () => {
    await h.services.credentials.forget();
    await sleep(150);
    emulator.reset();
    const bar = makeBar(50);
    bar.start();
    await waitFor(() => /signed out/.test(bar.item.text), 'the signed-out text');
    await sleep(400);
    assert.equal(bar.item.text, '$(account) WhatsApp: signed out');
    assert.equal(emulator.apiRequests().length, 0);
  });

  it('polls no more than once per interval', async () => {
    const interval = 250;
    const windowMs = 1300;
    const bar = makeBar(interval);
    bar.start();
    await sleep(windowMs);
    const times = stateRequests().map((request) => request.at);
    assert.ok(times.length >= 3, `it keeps polling (${times.length} requests)`);
    assert.ok(times.length <= 1 + Math.ceil(windowMs / interval), `${times.length} requests in ${windowMs} ms`);
    for (let i = 1; i < times.length; i++)
      assert.ok(times[i] - times[i - 1] >= interval - 20, `requests ${i - 1} and ${i} came ${times[i] - times[i - 1]} ms apart`);
  });

  it('stops polling after Forget Credentials', async () => {
    const bar = makeBar(150);
    bar.start();
    await waitFor(() => stateRequests().length >= 1, 'the first check');
    await vscode.commands.executeCommand('whatsappStatus.forgetCredentials');
    await waitFor(() => /signed out/.test(bar.item.text), 'the signed-out text');
    const after = stateRequests().length;
    await sleep(600);
    assert.equal(stateRequests().length, after);
  });

  it('checks at once when credentials are stored', async () => {
    await h.services.credentials.forget();
    const bar = makeBar();
    bar.start();
    await waitFor(() => /signed out/.test(bar.item.text), 'the signed-out text');
    await signIn(h);
    await waitFor(() => /authorized/.test(bar.item.text), 'the state after signing in');
    assert.equal(stateRequests().length, 1);
  });

  it('opens Set Credentials when clicked while signed out', async () => {
    await h.services.credentials.forget();
    const bar = makeBar();
    await bar.refresh();
    await bar.click();
    assert.ok(h.asked.includes('idInstance'), JSON.stringify(h.asked));
    assert.equal(emulator.apiRequests().length, 0);
  });
});
