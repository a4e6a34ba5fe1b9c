import assert from 'node:assert/strict';
import { getHarness } from './support';

describe('activation in the extension host', () => {
  it('leaves the rest of the setup (dist/startup.js) until activate() has returned', async () => {
    await getHarness();
    const at = (moment: string) => performance.getEntriesByName(`whatsappStatus/${moment}`)[0]?.startTime;
    const returned = at('activate/returned');
    const startup = at('afterActivate/startup/start');
    assert.ok(returned !== undefined && startup !== undefined, 'activation marks both moments');
    assert.ok(startup >= returned, `the setup began ${(returned - startup).toFixed(2)} ms before activate() returned`);
  });
});
