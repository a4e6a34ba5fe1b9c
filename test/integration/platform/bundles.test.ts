import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getHarness } from '../support';

describe('the extension’s bundles in the extension host', () => {
  it('load dist/features.js through the loader, whose code cache lands in the extension’s global storage', async () => {
    const h = await getHarness();
    const [mark] = performance.getEntriesByName('whatsappStatus/bundle/features') as Array<{ detail?: { cache: string } }>;
    assert.ok(mark?.detail, 'activation marks the load of dist/features.js');
    const { cache } = mark.detail;
    assert.notEqual(cache, 'off', 'the cache is kept in the global storage');
    const storage = h.services.context.globalStorageUri;
    assert.equal(storage.scheme, 'file');
    // Written ten seconds after the load, or when the extension host closes: this suite has run for a while by now,
    // or waits for it.
    const file = path.join(storage.fsPath, 'features.v8cache');
    const deadline = Date.now() + 15_000;
    while (!fs.existsSync(file) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(fs.statSync(file).size > 1000, `${file} holds a code cache`);
  });
});
