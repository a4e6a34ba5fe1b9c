import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VSIX_README } from '../../harness/vsix';
import { GENERATED_SECTIONS, readManifest, readNls, readSection, repoRoot, type SectionName } from './manifest';

const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const lines = readme.split('\n');

describe('README', () => {
  describe('newcomer commands', () => {
    it('opens with the title, then how to run it and how to test it', () => {
      assert.equal(lines[0], '# WhatsApp Status for VS Code');
      assert.match(lines[1], /^Run it \(.+\): `npm ci && npm start` {2}$/, 'line 2 names `npm ci && npm start` and ends with a hard line break (two spaces)');
      assert.match(lines[2], /^Run all tests: `npm ci && npm test`$/);
    });

    it('names scripts that exist: start runs the sandbox, test runs type checks, unit, integration (also on the floor VS Code) and e2e', () => {
      const { scripts } = readManifest();
      assert.ok(scripts.start, 'package.json has no "start" script');
      assert.ok(scripts.test, 'package.json has no "test" script');
      assert.match(scripts.start, /test\/sandbox\/start\.js/);
      const steps = scripts.test.split('&&').map((step) => step.trim());
      for (const step of ['check-types', 'test:unit', 'test:integration', 'test:floor', 'test:e2e']) {
        assert.ok(steps.includes(`npm run ${step}`), `"npm test" does not run ${step}`);
        assert.ok(scripts[step], `package.json has no "${step}" script`);
      }
    });

    it('names only npm scripts that exist', () => {
      const { scripts } = readManifest();
      const named = [...readme.matchAll(/`npm run ([\w:-]+)/g)].map((match) => match[1]);
      assert.ok(named.length > 0);
      for (const script of new Set(named)) assert.ok(scripts[script], `README names "npm run ${script}", which package.json lacks`);
    });

    it('installs the .vsix that `npm run package` writes for this version', () => {
      const { name, version } = readManifest();
      assert.ok(readme.includes(`code --install-extension ${name}-${version}.vsix`));
    });
  });

  describe('generated tables', () => {
    for (const name of Object.keys(GENERATED_SECTIONS) as SectionName[]) {
      it(`the ${name} table matches package.json (fix: npm run docs:tables)`, () => {
        const actual = readSection(readme, name);
        assert.ok(actual !== undefined, `README.md lacks the generated:${name} markers`);
        assert.equal(actual, GENERATED_SECTIONS[name](readManifest(), readNls()));
      });
    }

    it('lists every command and every setting', () => {
      const manifest = readManifest();
      for (const command of manifest.contributes.commands ?? []) assert.ok(readSection(readme, 'commands')?.includes(`\`${command.command}\``));
      const settings = readSection(readme, 'settings') ?? '';
      assert.match(settings, /^\| Setting \| Type \| Default \| Description \|$/m);
      for (const name of Object.keys((manifest.contributes.configuration as { properties: object }).properties))
        assert.ok(settings.includes(`| \`${name}\` |`), name);
    });
  });

  describe('links and pictures', () => {
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);

    it('links only to files that exist, by relative path', () => {
      const local = targets.filter((target) => !/^(https?:|#|mailto:)/.test(target));
      assert.ok(local.length > 0);
      for (const target of local) {
        assert.ok(!path.isAbsolute(target), `${target} is absolute`);
        assert.ok(fs.existsSync(path.join(repoRoot, target)), `README links to ${target}, which does not exist`);
      }
    });

    it('shows screenshots from media/screenshots/, each a PNG under 60 KB, none of them packaged', () => {
      const images = [...readme.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((match) => match[1]);
      assert.ok(images.includes('media/screenshots/context-menu.png'), 'the "What it does" screenshot is missing');
      for (const image of images) {
        assert.match(image, /^media\/screenshots\/[\w-]+\.png$/);
        const bytes = fs.readFileSync(path.join(repoRoot, image));
        assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${image} is not a PNG`);
        assert.ok(bytes.length < 60 * 1024, `${image} is ${bytes.length} bytes`);
      }
    });

    it('anchors point at headings that exist', () => {
      const anchors = new Set(
        lines
          .filter((line) => /^#{1,6} /.test(line))
          .map((line) =>
            line
              .replace(/^#+ /, '')
              .toLowerCase()
              .replace(/[^\p{L}\p{N} -]/gu, '')
              .replace(/ /g, '-'),
          ),
      );
      for (const target of targets.filter((target) => target.startsWith('#'))) assert.ok(anchors.has(target.slice(1)), `no heading for ${target}`);
    });
  });

  describe('required content (docs/reliability.md §7 item 29, docs/greenapi.md §3.1, §5.1)', () => {
    const section = (heading: string): string => {
      const start = lines.findIndex((line) => line === `## ${heading}`);
      assert.ok(start >= 0, `README has no "## ${heading}" section`);
      const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
      return lines.slice(start, end < 0 ? undefined : end).join('\n');
    };

    it('has the sections a newcomer looks for, in order', () => {
      const headings = lines.filter((line) => line.startsWith('## '));
      assert.deepEqual(headings, [
        '## What it does',
        '## Features',
        '## Quick start',
        '## Commands',
        '## Settings',
        '## Privacy',
        '## Security',
        '## Troubleshooting',
        '## Development',
        '## Not built yet / known limits',
      ]);
    });

    it('Quick start says where each console value goes', () => {
      const text = section('Quick start');
      for (const value of ['apiUrl', 'mediaUrl', 'idInstance', 'apiTokenInstance', 'https://console.green-api.com', 'Set Credentials'])
        assert.ok(text.includes(value), value);
    });

    it('Security covers the token in the URL, debug logs, rotation, application scope and the keyring', () => {
      const text = section('Security');
      for (const topic of [
        /URL/,
        /redact/,
        /Debug or Trace/,
        /Extension Host/,
        /Rotate/,
        /apiTokenInstance/,
        /application/,
        /workspace/,
        /keyring/,
        /Forget Credentials/,
      ])
        assert.match(text, topic);
    });

    it('Troubleshooting covers the keyring fallback, 403 beta access, 466 quota and the contacts rules', () => {
      const text = section('Troubleshooting');
      for (const topic of [/argv\.json/, /password-store/, /in memory/, /403/, /beta/, /466/, /quota/, /saved your number/, /1024/, /iPhone/])
        assert.match(text, topic);
    });

    it('Development points to CONTRIBUTING.md, which explains F5, the layout, the emulator, the real-VS-Code harness and the benchmarks', () => {
      assert.match(section('Development'), /\[CONTRIBUTING\.md\]\(CONTRIBUTING\.md\)/);
      const contributing = fs.readFileSync(path.join(repoRoot, 'CONTRIBUTING.md'), 'utf8');
      for (const topic of [
        'F5',
        'src/core/',
        'src/vscode/',
        'npm run emulator',
        'npm run lint',
        'code-server',
        'Node 24',
        'chromium',
        '.cache/whatsapp-status',
        'WHATSAPP_STATUS_VSCODE=desktop',
        'npm run bench',
        'Add a command',
        'Add a setting',
        'Add a GREEN-API method',
      ]) {
        assert.ok(contributing.includes(topic), topic);
      }
    });
  });
});

describe(`the .vsix's README (${VSIX_README}), the extension's page in VS Code and on the Marketplace`, () => {
  const page = fs.readFileSync(path.join(repoRoot, VSIX_README), 'utf8');
  const pageLines = page.split('\n');
  const anchorsOf = (headings: readonly string[]): Set<string> =>
    new Set(
      headings
        .filter((line) => /^#{1,6} /.test(line))
        .map((line) =>
          line
            .replace(/^#+ /, '')
            .toLowerCase()
            .replace(/[^\p{L}\p{N} -]/gu, '')
            .replace(/ /g, '-'),
        ),
    );

  it("is a user's page: the title, what it does, a Requirements line and that it is not WhatsApp's or Meta's, and no npm", () => {
    assert.equal(pageLines[0], '# WhatsApp Status for VS Code');
    const top = pageLines.slice(
      0,
      pageLines.findIndex((line) => line.startsWith('## ')),
    );
    const requirements = top.find((line) => line.startsWith('**Requirements:**'));
    assert.ok(requirements, 'no "**Requirements:**" line before the first section');
    const floor = /^\^?(\d+\.\d+)/.exec((readManifest().engines as { vscode: string }).vscode)?.[1];
    assert.ok(floor && requirements.includes(`VS Code ${floor} or newer`), `the Requirements line must name VS Code ${floor} (engines.vscode)`);
    assert.ok(top.join(' ').includes('GREEN-API'), 'the Requirements must name GREEN-API');
    assert.ok(
      top.some((line) => /not affiliated with.*WhatsApp or Meta/.test(line)),
      'the top must say the extension is not affiliated with WhatsApp or Meta',
    );
    // (The generated tables' markers name `npm run docs:tables` in comments, which no page shows.)
    assert.doesNotMatch(page.replace(/<!--[\s\S]*?-->/g, ''), /\bnpm\b/, "npm commands belong in the repository's README");
  });

  for (const name of Object.keys(GENERATED_SECTIONS) as SectionName[]) {
    it(`the ${name} table matches package.json (fix: npm run docs:tables)`, () => {
      assert.equal(readSection(page, name), GENERATED_SECTIONS[name](readManifest(), readNls()));
    });
  }

  it("shows the README's pictures by root-relative path (vsce points them at the repository), each a PNG under 60 KB", () => {
    const images = [...page.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((match) => match[1]);
    assert.ok(images.includes('/media/screenshots/context-menu.png'));
    for (const image of images) {
      assert.match(image, /^\/media\/screenshots\/[\w-]+\.png$/, `${image}: write pictures as /media/screenshots/<name>.png`);
      const bytes = fs.readFileSync(path.join(repoRoot, image));
      assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${image} is not a PNG`);
      assert.ok(bytes.length < 60 * 1024, `${image} is ${bytes.length} bytes`);
    }
  });

  it('links to https pages, its own headings, or files of the repository by root-relative path', () => {
    const targets = [...page.matchAll(/(?<!!)\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]);
    assert.ok(targets.length > 0);
    for (const target of targets) {
      if (target.startsWith('https://')) continue;
      if (target.startsWith('#')) {
        assert.ok(anchorsOf(pageLines).has(target.slice(1)), `no heading for ${target}`);
        continue;
      }
      // vsce resolves a relative link from the repository's root whatever folder the page is in, as GitHub does a
      // link that starts with "/": so only those.
      assert.match(target, /^\//, `${target}: link files of the repository as /<path from the root>`);
      const [file, anchor] = target.slice(1).split('#');
      assert.ok(fs.existsSync(path.join(repoRoot, file)), `${target}: ${file} does not exist`);
      if (anchor) {
        const heading = anchorsOf(fs.readFileSync(path.join(repoRoot, file), 'utf8').split('\n'));
        assert.ok(heading.has(anchor), `${target}: ${file} has no heading for #${anchor}`);
      }
    }
  });
});
