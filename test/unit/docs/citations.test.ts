// The repository is self-contained: code and tests cite the project's own notes under docs/ ("docs/greenapi.md §5.1",
// "docs/reliability.md §7 item 8"), never documents kept outside it. Every such citation must name a docs file that
// exists and a section (and list item) that exists in it, so renumbering a section cannot silently orphan a comment.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './manifest';

/** Where code and build files may cite docs/, read from disk so files not yet committed count too. */
const SCANNED = ['src', 'test', 'bench', '.ci', 'esbuild.js'];
const SKIPPED_DIRS = new Set(['node_modules', 'out', 'dist', '.vscode-test']);
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const docsDir = path.join(repoRoot, 'docs');

// Names of the notes that used to live outside the repository. Built from parts so this file does not name them itself.
const FORMER_REFERENCES: ReadonlyArray<readonly [string, RegExp]> = [
  ['the outside protocol notes', new RegExp('PROTOCOL' + '\\.md')],
  ['the outside reliability notes', new RegExp('RELIABILITY' + '\\.md')],
  ['the outside real-VS-Code guide', new RegExp('REAL-VSCODE' + '\\.md')],
  ['a shared guide path', new RegExp('shared' + '/(guides|greenapi)\\b')],
  ['a path out of the repository into shared/', new RegExp('\\.\\./' + 'shared/')],
];

interface Citation {
  /** e.g. 'greenapi.md' */
  readonly file: string;
  /** e.g. '5.1'; absent when only the file is named. */
  readonly section?: string;
  /** List items of the section, e.g. [13, 14, 15, 16] for "items 13–16". */
  readonly items: readonly number[];
}

const DOCS_FILE = /\bdocs\/([A-Za-z0-9_-]+\.md)/g;
// One "§N[.M…]" with an optional "item(s) 1, 7 and 27" / "items 13–16"; the first follows the file name, later ones
// follow a comma or "and".
const FIRST_SECTION = /[ \t]+§(\d+(?:\.\d+)*)/y;
const NEXT_SECTION = /(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+)§(\d+(?:\.\d+)*)/y;
const ITEMS = /[ \t]+items?[ \t]+(\d+(?:[ \t]*[–-][ \t]*\d+)?(?:(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+)\d+(?:[ \t]*[–-][ \t]*\d+)?)*)/y;

function expandItems(list: string): number[] {
  return list.split(/\s*,\s*|\s+and\s+/).flatMap((part) => {
    const [from, to] = part.split(/\s*[–-]\s*/).map(Number);
    if (to === undefined) return [from];
    return Array.from({ length: to - from + 1 }, (_, index) => from + index);
  });
}

/** Every `docs/<file>.md` citation in `text`, with the sections and items that follow it. */
function parseCitations(text: string): Citation[] {
  const citations: Citation[] = [];
  for (const match of text.matchAll(DOCS_FILE)) {
    const file = match[1];
    let at = match.index + match[0].length;
    let pattern = FIRST_SECTION;
    const found: Citation[] = [];
    for (;;) {
      pattern.lastIndex = at;
      const section = pattern.exec(text);
      if (!section) break;
      at = pattern.lastIndex;
      ITEMS.lastIndex = at;
      const items = ITEMS.exec(text);
      if (items) at = ITEMS.lastIndex;
      found.push({ file, section: section[1], items: items ? expandItems(items[1]) : [] });
      pattern = NEXT_SECTION;
    }
    citations.push(...(found.length ? found : [{ file, items: [] }]));
  }
  return citations;
}

interface DocOutline {
  /** Every numbered heading, e.g. '3', '3.2'. */
  readonly sections: ReadonlySet<string>;
  /** Numbered list items ("8. …" at the start of a line) under each numbered heading, up to the next heading. */
  readonly items: ReadonlyMap<string, ReadonlySet<number>>;
}

function outlineOf(markdown: string): DocOutline {
  const sections = new Set<string>();
  const items = new Map<string, Set<number>>();
  let current: string | undefined;
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const heading = /^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s/.exec(line);
    if (heading) {
      current = heading[1];
      sections.add(current);
      items.set(current, new Set());
    } else if (/^#{1,6}\s/.test(line)) {
      current = undefined;
    } else {
      const item = /^(\d+)\.\s/.exec(line);
      if (item && current) items.get(current)!.add(Number(item[1]));
    }
  }
  return { sections, items };
}

/** What is wrong with a citation, or undefined when the file, section and items all exist. */
function problemWith(citation: Citation, outlines: ReadonlyMap<string, DocOutline>): string | undefined {
  const outline = outlines.get(citation.file);
  if (!outline) return `docs/${citation.file} does not exist`;
  if (citation.section === undefined) return undefined;
  if (!outline.sections.has(citation.section)) return `docs/${citation.file} has no section ${citation.section}`;
  const listed = outline.items.get(citation.section) ?? new Set<number>();
  const missing = citation.items.filter((item) => !listed.has(item));
  if (missing.length) return `docs/${citation.file} §${citation.section} has no item ${missing.join(', ')}`;
  return undefined;
}

function readOutlines(): Map<string, DocOutline> {
  const outlines = new Map<string, DocOutline>();
  for (const name of fs.readdirSync(docsDir)) {
    if (name.endsWith('.md')) outlines.set(name, outlineOf(fs.readFileSync(path.join(docsDir, name), 'utf8')));
  }
  return outlines;
}

/** The scanned text files, as paths relative to the repository. */
function scannedFiles(): string[] {
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(repoRoot, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(child);
      } else if (entry.isFile() && fs.statSync(path.join(repoRoot, child)).size <= MAX_FILE_BYTES) {
        files.push(child);
      }
    }
  };
  for (const entry of SCANNED) {
    const full = path.join(repoRoot, entry);
    if (!fs.existsSync(full)) continue;
    if (fs.statSync(full).isDirectory()) walk(entry);
    else files.push(entry);
  }
  return files;
}

/** The file's text, or undefined for binary files (media fixtures). */
function readText(relative: string): string | undefined {
  const bytes = fs.readFileSync(path.join(repoRoot, relative));
  return bytes.includes(0) ? undefined : bytes.toString('utf8');
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

describe('citations of the project notes in docs/', () => {
  const files = scannedFiles()
    .map((file) => ({ file, text: readText(file) }))
    .filter((entry): entry is { file: string; text: string } => entry.text !== undefined);
  const outlines = readOutlines();

  it('scans the source, test and bench files', () => {
    assert.ok(files.some((entry) => entry.file === 'src/core/greenApi/client.ts'));
    assert.ok(files.some((entry) => entry.file.startsWith('test/emulator/')));
    assert.ok(files.some((entry) => entry.file.startsWith('bench/')));
  });

  it('no file cites notes kept outside the repository', () => {
    const found: string[] = [];
    for (const { file, text } of files) {
      for (const [what, pattern] of FORMER_REFERENCES) {
        const match = pattern.exec(text);
        if (match) found.push(`${file}:${lineOf(text, match.index)}: ${what} ("${match[0]}"); cite docs/ instead`);
      }
    }
    assert.deepEqual(found, []);
  });

  it('every docs/<file>.md §N citation names a docs file, section and item that exist', () => {
    const problems: string[] = [];
    let count = 0;
    for (const { file, text } of files) {
      text.split('\n').forEach((line, index) => {
        for (const citation of parseCitations(line)) {
          count++;
          const problem = problemWith(citation, outlines);
          if (problem) problems.push(`${file}:${index + 1}: ${problem}`);
        }
      });
    }
    assert.deepEqual(problems, []);
    assert.ok(count >= 50, `only ${count} citations found: is the parser still reading them?`);
  });

  it('cross-references between the docs files name sections that exist', () => {
    const problems: string[] = [];
    for (const [name] of outlines) {
      const text = fs.readFileSync(path.join(docsDir, name), 'utf8');
      for (const match of text.matchAll(/\[([A-Za-z0-9_-]+\.md)((?: §\d+(?:\.\d+)*)?)\]\(([A-Za-z0-9_-]+\.md)\)/g)) {
        const [, shown, section, target] = match;
        if (shown !== target) problems.push(`docs/${name}:${lineOf(text, match.index)}: [${shown}] links to ${target}`);
        const problem = problemWith({ file: target, section: section ? section.trim().slice(1) : undefined, items: [] }, outlines);
        if (problem) problems.push(`docs/${name}:${lineOf(text, match.index)}: ${problem}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  describe('parsing', () => {
    it('reads one section, several sections, and list items with ranges and "and"', () => {
      assert.deepEqual(parseCitations('limit (docs/greenapi.md §3.2), counted'), [{ file: 'greenapi.md', section: '3.2', items: [] }]);
      assert.deepEqual(parseCitations('types (docs/greenapi.md §2, §3.2, §3.4).'), [
        { file: 'greenapi.md', section: '2', items: [] },
        { file: 'greenapi.md', section: '3.2', items: [] },
        { file: 'greenapi.md', section: '3.4', items: [] },
      ]);
      assert.deepEqual(parseCitations('checks (docs/reliability.md §6, §7 items 1, 7 and 27), reading'), [
        { file: 'reliability.md', section: '6', items: [] },
        { file: 'reliability.md', section: '7', items: [1, 7, 27] },
      ]);
      assert.deepEqual(parseCitations('matrix (docs/reliability.md §7 items 10, 11, 13–16, 24) in'), [
        { file: 'reliability.md', section: '7', items: [10, 11, 13, 14, 15, 16, 24] },
      ]);
      assert.deepEqual(parseCitations('host (docs/reliability.md §3.4, §7 items 12 and 23). Cancelling'), [
        { file: 'reliability.md', section: '3.4', items: [] },
        { file: 'reliability.md', section: '7', items: [12, 23] },
      ]);
      assert.deepEqual(parseCitations('flag: docs/real-vscode.md.'), [{ file: 'real-vscode.md', items: [] }]);
    });

    it('reads numbered headings and the list items under each', () => {
      const outline = outlineOf(['# Title', '## 1. One', '### 1.2 Two', '1. first', '2. second', '## Other', '3. loose', '## 7. Seven', '8. eight'].join('\n'));
      assert.deepEqual([...outline.sections], ['1', '1.2', '7']);
      assert.deepEqual([...outline.items.get('1.2')!], [1, 2]);
      assert.deepEqual([...outline.items.get('7')!], [8]);
    });

    it('names what is missing', () => {
      const outlines = new Map([['a.md', outlineOf('## 7. Seven\n8. eight\n')]]);
      // Matched, not compared: a literal "docs" path here would itself be scanned as a citation.
      assert.match(problemWith({ file: 'b.md', items: [] }, outlines) ?? '', /\/b\.md does not exist$/);
      assert.match(problemWith({ file: 'a.md', section: '6', items: [] }, outlines) ?? '', /\/a\.md has no section 6$/);
      assert.match(problemWith({ file: 'a.md', section: '7', items: [8, 9] }, outlines) ?? '', /\/a\.md §7 has no item 9$/);
      assert.equal(problemWith({ file: 'a.md', section: '7', items: [8] }, outlines), undefined);
    });
  });
});
