// Journey 1: a person enters their GREEN-API credentials through the two input boxes and sees which account they
// will post as. The run seeds the emulator's credentials when the extension activates, so the journey first forgets
// them through the palette: what it then shows comes only from what was typed.
import assert from 'node:assert/strict';
import { emulator } from './context';
import * as ui from './ui';

describe('1. Set Credentials', () => {
  before(async () => {
    await ui.resetWorkbench();
  });

  it('asks for idInstance and a masked token, checks them with GREEN-API and shows the state and phone', async () => {
    // Start signed out. Opening the first prompt activates the extension (which stores the sandbox credentials);
    // "Forget Credentials" is in the palette only while signed in.
    await ui.runPaletteCommand('WhatsApp Status: Set Credentials');
    await ui.waitForQuickInput('GREEN-API credentials (1/2)');
    await ui.dismissQuickInput();
    await ui.runPaletteCommand('WhatsApp Status: Forget Credentials');
    await ui.waitForToast(/GREEN-API credentials were removed from VS Code secret storage\./);
    await ui.resetWorkbench();
    emulator().reset();

    await ui.runPaletteCommand('WhatsApp Status: Set Credentials');
    await ui.waitForQuickInput('GREEN-API credentials (1/2)');
    assert.equal(await ui.quickInput().getAttribute('type'), 'text', 'idInstance is not secret');
    await ui.typeInQuickInput(emulator().idInstance);
    await ui.screenshot('01-id-instance');
    await ui.acceptQuickInput();

    await ui.waitForQuickInput('GREEN-API credentials (2/2)');
    // Back to the id, which is still there, and on again.
    await ui.quickInputBackButton().click();
    await ui.waitForQuickInput('GREEN-API credentials (1/2)');
    assert.equal(await ui.quickInput().inputValue(), emulator().idInstance, 'Back shows the id typed before');
    await ui.acceptQuickInput();
    await ui.waitForQuickInput('GREEN-API credentials (2/2)');
    assert.equal(await ui.quickInput().getAttribute('type'), 'password', 'the token box must mask what is typed');
    await ui.typeInQuickInput(emulator().apiTokenInstance);
    await ui.screenshot('01-token');
    await ui.acceptQuickInput();

    const toast = await ui.waitForToast(/Credentials saved\./);
    await ui.waitForToastGone(/Checking GREEN-API credentials/);
    const phone = emulator().config.phone;
    const masked = `••••${emulator().idInstance.slice(-4)}`;
    assert.equal(await ui.toastMessage(toast), `Credentials saved. Instance ${masked} is authorized, posting as +${phone}.`);
    await ui.expandToast(toast);
    await ui.screenshot('01-notification');

    // The status bar's instance indicator follows the new credentials: the state and, on hover, which instance.
    const indicator = ui.statusBarItem('WhatsApp: authorized');
    await indicator.waitFor({ state: 'visible' });
    const tooltip = await ui.hoverForTooltip(indicator, `GREEN-API instance ${masked} is authorized`);
    await ui.screenshot('01-status-bar');
    await ui.readmeScreenshot('status-bar', [indicator, tooltip]);
    await ui.movePointerAway();

    // What GREEN-API saw: the state check with the typed credentials (a wrong id or token would be 403/401), then the
    // account's phone. The status bar's instance indicator also checks the state when credentials change.
    const checks = emulator().apiRequests('getStateInstance');
    assert.ok(checks.length >= 1, 'getStateInstance was called');
    assert.deepEqual(
      checks.map((request) => request.status),
      checks.map(() => 200),
    );
    const phones = emulator().apiRequests('getWaSettings');
    assert.ok(phones.length >= 1 && phones.every((request) => request.status === 200), 'getWaSettings answered');
    assert.ok(checks[0].at <= phones[0].at, 'the state is checked before the phone is asked for');
    assert.equal(emulator().apiRequests('uploadFile').length + emulator().apiRequests('sendMediaStatus').length, 0);
  });
});
