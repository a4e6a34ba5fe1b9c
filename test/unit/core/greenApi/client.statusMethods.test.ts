import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { summarizeStatistic } from '../../../../src/core/store/history';
import { statusFileName } from '../../../../src/core/media/statusFileTypes';
import { checkTextStatus } from '../../../../src/core/statuses/textStatus';
import { checkVoiceFile } from '../../../../src/core/statuses/voiceStatus';
import { startEmulator, type Emulator } from '../../../emulator';
import { SENTINEL_TOKEN, TEST_INSTANCE, emulatorClient, fileSource } from '../../helpers';
import { expectGreenApiError, fixture } from '../support';

const SAVED = ['79001112233@c.us', '447700900123@c.us']; // saved contacts of the emulator's default phone book

describe('GreenApiClient status and settings methods against the emulator', () => {
  let emulator: Emulator;
  const client = () => emulatorClient(emulator);

  before(async () => {
    emulator = await startEmulator({ idInstance: TEST_INSTANCE, apiTokenInstance: SENTINEL_TOKEN });
  });
  after(() => emulator.close());
  beforeEach(() => emulator.reset());

  async function postedText(message = 'Hello'): Promise<string> {
    return (await client().sendTextStatus({ message, backgroundColor: '#075E54' })).idMessage;
  }

  describe('sendTextStatus', () => {
    it('sends the documented body and returns the idMessage', async () => {
      const { idMessage } = await client().sendTextStatus({ message: 'Привет 👋', backgroundColor: '#075E54', font: 'SERIF', participants: SAVED });
      const [status] = emulator.statuses;
      assert.equal(status.idMessage, idMessage);
      assert.equal(status.kind, 'text');
      assert.deepEqual(status.body, { message: 'Привет 👋', backgroundColor: '#075E54', font: 'SERIF', participants: SAVED });
      assert.deepEqual(status.problems, []);
    });

    it('omits colour, font and participants when not given (all contacts)', async () => {
      await client().sendTextStatus({ message: 'x', participants: [] });
      assert.deepEqual(emulator.statuses[0].body, { message: 'x' });
    });

    it('sends what checkTextStatus built, byte order mark gone, and the emulator sees nothing wrong', async () => {
      const checked = checkTextStatus({ message: '\uFEFFGood morning\r\n', backgroundColor: 'purple', font: 'oswald heavy' });
      assert.ok(checked.ok);
      await client().sendTextStatus(checked.status);
      assert.deepEqual(emulator.statuses[0].body, { message: 'Good morning', backgroundColor: '#6A1B9A', font: 'OSWALD_HEAVY' });
      assert.deepEqual(emulator.statuses[0].problems, []);
    });

    it('is never repeated after the connection reset once the body went out', async () => {
      emulator.fault({ method: 'sendTextStatus', action: 'reset-before-response', times: 3 });
      const error = await expectGreenApiError(client().sendTextStatus({ message: 'x' }));
      assert.equal(error.outcome, 'unknown');
      assert.equal(emulator.apiRequests('sendTextStatus').length, 1);
    });
  });

  describe('sendVoiceStatus', () => {
    it('posts an uploaded MP3 checked by checkVoiceFile, with a background colour', async () => {
      const file = fixture('tone-1s.mp3');
      const checked = checkVoiceFile({ name: 'tone-1s.mp3', size: fs.statSync(file).size, isDirectory: false });
      assert.ok(checked.ok);
      const { urlFile } = await client().uploadFile(fileSource(file, checked.voice.mimeType));
      const { idMessage } = await client().sendVoiceStatus({
        urlFile,
        fileName: statusFileName(checked.voice.mimeType),
        backgroundColor: '#1B5E20',
        participants: SAVED,
      });
      const [status] = emulator.statuses;
      assert.equal(status.idMessage, idMessage);
      assert.equal(status.kind, 'voice');
      assert.deepEqual(status.body, { urlFile, fileName: 'status.mp3', backgroundColor: '#1B5E20', participants: SAVED });
      assert.deepEqual(status.problems, []);
    });

    it('is never repeated after a 502', async () => {
      emulator.fault({ method: 'sendVoiceStatus', status: 502, body: 'Bad Gateway', times: 3 });
      const error = await expectGreenApiError(client().sendVoiceStatus({ urlFile: 'https://x.invalid/a.mp3', fileName: 'a.mp3' }));
      assert.equal(error.httpStatus, 502);
      assert.equal(emulator.apiRequests('sendVoiceStatus').length, 1);
    });
  });

  describe('deleteStatus', () => {
    it('accepts the empty 200 answer, and the status leaves the journal', async () => {
      const idMessage = await postedText();
      assert.equal(await client().deleteStatus(idMessage), undefined);
      assert.equal(emulator.statuses[0].deleted, true);
      assert.deepEqual(await client().getOutgoingStatuses(), []);
    });

    it("reports an unknown idMessage as a rejected bad request with the server's words", async () => {
      const error = await expectGreenApiError(client().deleteStatus('NOSUCHID'));
      assert.equal(error.kind, 'bad-request');
      assert.equal(error.outcome, 'rejected');
      assert.equal(error.serverMessage, 'ID message notfound');
    });

    it('is not repeated on its own after an ambiguous failure', async () => {
      const idMessage = await postedText();
      emulator.fault({ method: 'deleteStatus', action: 'reset-before-response', times: 3 });
      const error = await expectGreenApiError(client().deleteStatus(idMessage));
      assert.equal(error.outcome, 'unknown');
      assert.equal(emulator.apiRequests('deleteStatus').length, 1);
    });
  });

  describe('getStatusStatistic', () => {
    it("asks about the given idMessage and returns each viewer's state", async () => {
      await postedText('other');
      const idMessage = (await client().sendTextStatus({ message: 'x', participants: SAVED })).idMessage;
      const entries = await client().getStatusStatistic(idMessage);
      assert.deepEqual(entries.map((entry) => entry.participant).sort(), [...SAVED].sort());
      assert.ok(entries.every((entry) => Number.isInteger(entry.timestamp)));
      assert.deepEqual(summarizeStatistic(entries), { sent: 0, delivered: 1, read: 1 });
    });

    it('is empty while outgoingWebhook is off', async () => {
      const idMessage = await postedText();
      emulator.set({ outgoingWebhook: 'no' });
      assert.deepEqual(await client().getStatusStatistic(idMessage), []);
    });

    it('is a read, so a 502 is retried', async () => {
      const idMessage = await postedText();
      emulator.fault({ method: 'getStatusStatistic', status: 502, body: 'Bad Gateway' });
      assert.equal((await client().getStatusStatistic(idMessage)).length, 4);
      assert.equal(emulator.apiRequests('getStatusStatistic').length, 2);
    });
  });

  describe('getOutgoingStatuses', () => {
    it('lists the last day by default and only the asked minutes when given', async () => {
      const old = await postedText('old');
      const recent = await postedText('recent');
      emulator.statuses[0].at = Date.now() - 10 * 60_000;
      assert.deepEqual(
        (await client().getOutgoingStatuses()).map((item) => item.idMessage),
        [old, recent],
      );
      const lastFive = await client().getOutgoingStatuses(5);
      assert.deepEqual(
        lastFive.map((item) => item.idMessage),
        [recent],
      );
      assert.equal(lastFive[0].typeMessage, 'extendedTextMessage');
      assert.equal(lastFive[0].textMessage, 'recent');
    });

    it('passes on a refused minutes value as a bad request', async () => {
      const error = await expectGreenApiError(client().getOutgoingStatuses(0));
      assert.equal(error.kind, 'bad-request');
    });
  });

  describe('getSettings and setSettings', () => {
    it('reads the account id and the statistics switch', async () => {
      emulator.set({ outgoingWebhook: 'no' });
      const settings = await client().getSettings();
      assert.equal(settings.wid, `${emulator.config.phone}@c.us`);
      assert.equal(settings.outgoingWebhook, 'no');
      assert.equal(typeof settings.delaySendMessagesMilliseconds, 'number');
    });

    it('changes a setting, which reboots the instance', async () => {
      emulator.set({ outgoingWebhook: 'no' });
      assert.deepEqual(await client().setSettings({ outgoingWebhook: 'yes' }), { saveSettings: true });
      assert.equal(emulator.config.outgoingWebhook, 'yes');
      assert.deepEqual(await client().getStateInstance(), { stateInstance: 'starting' });
    });

    it('never repeats setSettings on its own, since each one reboots the instance', async () => {
      emulator.fault({ method: 'setSettings', status: 502, body: 'Bad Gateway', times: 3 });
      const error = await expectGreenApiError(client().setSettings({ outgoingWebhook: 'yes' }));
      assert.equal(error.httpStatus, 502);
      assert.equal(emulator.apiRequests('setSettings').length, 1);
    });

    it('treats an answer without saveSettings as unexpected', async () => {
      emulator.fault({ method: 'setSettings', status: 200, body: { ok: true } });
      const error = await expectGreenApiError(client().setSettings({ outgoingWebhook: 'yes' }));
      assert.equal(error.kind, 'unexpected-response');
    });
  });
});
