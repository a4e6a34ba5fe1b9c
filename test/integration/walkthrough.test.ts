import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, getHarness } from './support';

const WALKTHROUGH = 'whatsappStatus.gettingStarted';

interface Step {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly media: { readonly svg?: string; readonly image?: string; readonly markdown?: string; readonly altText?: string };
  readonly completionEvents?: string[];
}
interface Contributes {
  readonly commands?: Array<{ command: string }>;
  readonly views?: Record<string, Array<{ id: string }>>;
  readonly walkthroughs?: Array<{ id: string; title: string; description: string; steps: Step[] }>;
}

function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not installed`);
  return found;
}

function contributes(): Contributes {
  return (extension().packageJSON as { contributes: Contributes }).contributes;
}

describe('Getting Started walkthrough', () => {
  it('is contributed, with a title, a description and steps that each have media', async () => {
    const walkthrough = contributes().walkthroughs?.find((item) => item.id === WALKTHROUGH);
    assert.ok(walkthrough, `${WALKTHROUGH} is not contributed`);
    assert.ok(walkthrough.title && walkthrough.description);
    assert.ok(walkthrough.steps.length >= 4, `only ${walkthrough.steps.length} steps`);
    for (const step of walkthrough.steps) {
      assert.ok(step.title && step.description, `${step.id} lacks a title or description`);
      const media = step.media.svg ?? step.media.image ?? step.media.markdown;
      assert.ok(typeof media === 'string', `${step.id} has no media`);
      // The media ships with the extension and VS Code can read it.
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension().extensionUri, media));
    }
  });

  it('completes every step on a command or view the extension really contributes', async () => {
    await getHarness(); // Activated: contributed commands are registered from here on.
    const registered = new Set(await vscode.commands.getCommands(true));
    const commands = new Set((contributes().commands ?? []).map((command) => command.command));
    const views = new Set(Object.values(contributes().views ?? {}).flatMap((list) => list.map((view) => view.id)));
    const walkthrough = contributes().walkthroughs!.find((item) => item.id === WALKTHROUGH)!;
    for (const step of walkthrough.steps) {
      const events = step.completionEvents ?? [];
      const real = events.filter((event) => {
        const [kind, target] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
        if (kind === 'onCommand') {
          assert.ok(commands.has(target), `${step.id}: ${target} is not a contributed command`);
          assert.ok(registered.has(target), `${step.id}: ${target} is not registered by the running extension`);
          return true;
        }
        if (kind === 'onView') {
          assert.ok(views.has(target), `${step.id}: the view ${target} is not contributed`);
          return true;
        }
        return false;
      });
      assert.ok(real.length > 0, `${step.id} completes on none of the extension's commands or views: ${events.join(', ')}`);
    }
  });

  it('opens with workbench.action.openWalkthrough', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${WALKTHROUGH}`, false);
    // The Welcome editor shows it. (It opens for an unknown id too, so the manifest checks above are what prove the
    // contribution.) The API types no input for that editor: `input` is undefined.
    const welcomeActive = () => {
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      return tab !== undefined && tab.input === undefined;
    };
    for (let waited = 0; !welcomeActive() && waited < 5_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(welcomeActive(), `the Welcome editor did not open (active tab: ${vscode.window.tabGroups.activeTabGroup.activeTab?.label})`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
