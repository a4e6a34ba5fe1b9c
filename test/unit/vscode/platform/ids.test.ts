import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND, COMMANDS_OF_OWN_VIEWS, CONTEXT_KEY, VIEW } from '../../../../src/vscode/platform/ids';
import { repoRoot } from '../../docs/manifest';

interface Manifest {
  contributes: {
    commands: Array<{ command: string; enablement?: string }>;
    views: Record<string, Array<{ id: string }>>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
    keybindings?: Array<{ command: string }>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
const whenClauses = [
  ...Object.values(manifest.contributes.menus)
    .flat()
    .flatMap((item) => (item.when ? [item.when] : [])),
  ...manifest.contributes.commands.flatMap((command) => (command.enablement ? [command.enablement] : [])),
];

describe('the ids the code shares with package.json', () => {
  it('names exactly the contributed commands', () => {
    assert.deepEqual(Object.values(COMMAND).sort(), manifest.contributes.commands.map((command) => command.command).sort());
  });

  it('names the contributed Statuses view', () => {
    const views = Object.values(manifest.contributes.views)
      .flat()
      .map((view) => view.id);
    assert.ok(views.includes(VIEW.history), `${VIEW.history} is not a contributed view: ${views.join(', ')}`);
  });

  it('names the context keys and the preview panel type that the menus and enablement clauses read', () => {
    for (const key of [...Object.values(CONTEXT_KEY), VIEW.codeImage]) {
      assert.ok(
        whenClauses.some((when) => when.includes(key)),
        `no when or enablement clause reads ${key}`,
      );
    }
  });

  it('offers the commands activation has no stand-in for only in the views that load them: never in the palette', () => {
    const ownViewClause = /^(view == whatsappStatus\.history && |activeWebviewPanelId == 'whatsappStatus\.codeImage'$)/;
    for (const command of COMMANDS_OF_OWN_VIEWS) {
      const entries = Object.entries(manifest.contributes.menus).flatMap(([menu, items]) =>
        items.filter((item) => item.command === command).map((item) => ({ menu, when: item.when ?? '' })),
      );
      const palette = entries.filter((entry) => entry.menu === 'commandPalette');
      assert.equal(palette.length, 1, `${command} needs a commandPalette entry, or the palette offers it`);
      assert.match(palette[0].when, /^(false|activeWebviewPanelId == 'whatsappStatus\.codeImage')$/, `${command} is in the palette`);
      for (const entry of entries.filter((item) => item.menu !== 'commandPalette')) {
        assert.match(entry.when, ownViewClause, `${command} is offered in ${entry.menu} outside the extension's views`);
      }
      assert.ok(!(manifest.contributes.keybindings ?? []).some((binding) => binding.command === command), `${command} has a key binding`);
    }
  });
});
