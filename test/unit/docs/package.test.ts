import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { localize, readManifest, readNls, repoRoot, viewIds } from './manifest';

/** The Marketplace's categories (vsce's list for engines ^1.96). */
const MARKETPLACE_CATEGORIES = new Set([
  'AI',
  'Azure',
  'Chat',
  'Data Science',
  'Debuggers',
  'Education',
  'Extension Packs',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Other',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
]);

// What the .vsix holds is checked in one place: test/unit/manifest/packaging.test.ts.
describe('the Marketplace listing', () => {
  const manifest = readManifest();

  describe('manifest', () => {
    it('has Marketplace metadata: categories, keywords, banner, license and icon', () => {
      const categories = manifest.categories as string[];
      assert.ok(categories.length > 0 && categories.every((category) => MARKETPLACE_CATEGORIES.has(category)), `categories: ${categories.join(', ')}`);
      const keywords = manifest.keywords as string[];
      assert.ok(keywords.length >= 3 && keywords.length <= 30, 'between 3 and 30 keywords');
      assert.equal(new Set(keywords).size, keywords.length, 'duplicate keywords');
      const banner = manifest.galleryBanner as { color: string; theme: string };
      assert.match(banner.color, /^#[0-9A-Fa-f]{6}$/);
      assert.ok(['dark', 'light'].includes(banner.theme));
      assert.equal(manifest.license, 'MIT');
      const icon = fs.readFileSync(path.join(repoRoot, manifest.icon as string));
      assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG', 'the icon must be a PNG (the Marketplace refuses SVG icons)');
      assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, 'the icon must be at least 128×128');
    });

    it('points repository, homepage and bugs at one GitHub repository', () => {
      const repository = (manifest.repository as { type: string; url: string }).url;
      const match = /^(https:\/\/github\.com\/[\w.-]+\/[\w.-]+?)\.git$/.exec(repository);
      assert.ok(match, `repository.url: ${repository}`);
      const base = match[1];
      assert.equal(manifest.homepage, `${base}#readme`);
      assert.equal((manifest.bugs as { url: string }).url, `${base}/issues`);
    });

    it('has a LICENSE with the MIT text and the holder, and a CHANGELOG entry for this version', () => {
      const license = fs.readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8');
      assert.match(license, /^MIT License\n\nCopyright \(c\) \d{4} WhatsApp Status for VS Code contributors\n/);
      assert.match(license, /THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND/);
      const changelog = fs.readFileSync(path.join(repoRoot, 'CHANGELOG.md'), 'utf8');
      assert.match(changelog, new RegExp(`^## \\[${manifest.version.replace(/\./g, '\\.')}\\]`, 'm'));
    });
  });

  describe('walkthrough', () => {
    const [walkthrough] = manifest.contributes.walkthroughs ?? [];
    const commands = new Set((manifest.contributes.commands ?? []).map((command) => command.command));

    it('is whatsappStatus.gettingStarted with the four steps in order', () => {
      assert.equal(walkthrough?.id, 'whatsappStatus.gettingStarted');
      assert.deepEqual(
        walkthrough.steps.map((step) => step.id),
        ['getInstance', 'setCredentials', 'postFirstStatus', 'history'],
      );
    });

    it('completes each step on the event the brief names', () => {
      const events = Object.fromEntries(walkthrough.steps.map((step) => [step.id, step.completionEvents ?? []]));
      assert.ok(events.getInstance.includes('onLink:https://console.green-api.com'));
      assert.deepEqual(events.setCredentials, ['onCommand:whatsappStatus.setCredentials']);
      assert.deepEqual(events.postFirstStatus, ['onCommand:whatsappStatus.postFile']);
      assert.deepEqual(events.history, ['onView:whatsappStatus.history']);
    });

    it('completes only on contributed commands and views', () => {
      const views = new Set(viewIds(manifest));
      for (const step of walkthrough.steps) {
        for (const event of step.completionEvents ?? []) {
          const [kind, target] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
          if (kind === 'onCommand') assert.ok(commands.has(target), `${step.id}: ${target} is not a contributed command`);
          else if (kind === 'onView') assert.ok(views.has(target), `${step.id}: the view ${target} is not contributed`);
          else if (kind === 'onLink') assert.match(target, /^https:\/\//);
          else assert.ok(['onSettingChanged', 'onContext', 'onStepSelected', 'extensionInstalled'].includes(kind), `${step.id}: unknown event ${event}`);
        }
      }
    });

    it('has a small local SVG for every step, and its links run contributed, view or workbench commands', () => {
      const nls = readNls();
      const views = new Set(viewIds(manifest));
      for (const step of walkthrough.steps) {
        const media = step.media.svg;
        assert.ok(media, `${step.id} has no svg media`);
        assert.match(media, /^media\/walkthrough\/[\w-]+\.svg$/);
        const svg = fs.readFileSync(path.join(repoRoot, media), 'utf8');
        assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
        assert.doesNotMatch(svg, /<script|href="http/i, `${media} must not script or load anything`);
        assert.ok(svg.length < 8 * 1024, `${media} is ${svg.length} bytes`);
        const description = localize(step.description, nls);
        for (const [, command] of description.matchAll(/\(command:([\w.]+)[^)]*\)/g)) {
          const view = /^(.+)\.focus$/.exec(command)?.[1];
          // VS Code makes a `<view id>.focus` command for every view.
          const known = commands.has(command) || command.startsWith('workbench.action.') || (view !== undefined && views.has(view));
          assert.ok(known, `${step.id} links to unknown command ${command}`);
        }
      }
      assert.match(localize(walkthrough.steps[0].description, nls), /\(https:\/\/console\.green-api\.com\)/);
      assert.match(localize(walkthrough.steps[1].description, nls), /\[[^\]]+\]\(command:whatsappStatus\.setCredentials\)/);
    });
  });
});
