import * as ui from './ui';

describe('workbench', () => {
  it('opens the workspace and lists the fixture file in the Explorer', async () => {
    await ui.explorerRow('notes.txt').waitFor({ state: 'visible' });
    await ui.screenshot('workbench');
  });
});
