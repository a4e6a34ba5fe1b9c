// Reads the extension manifest and its English strings, and renders the README's generated tables from them.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The clone's root; this file runs from out/test/unit/docs/. */
export const repoRoot = path.resolve(__dirname, '../../../..');

export interface CommandContribution {
  readonly command: string;
  readonly title: string;
  readonly category?: string;
}
export interface MenuItem {
  readonly command?: string;
  readonly when?: string;
}
export interface SettingContribution {
  readonly type?: string | string[];
  readonly default?: unknown;
  readonly enum?: unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly scope?: string;
}
export interface WalkthroughStep {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly media: { readonly image?: unknown; readonly svg?: string; readonly markdown?: string; readonly altText?: string };
  readonly completionEvents?: string[];
}
export interface Walkthrough {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly steps: WalkthroughStep[];
}
export interface Manifest {
  readonly name: string;
  readonly publisher: string;
  readonly version: string;
  readonly scripts: Record<string, string>;
  readonly [key: string]: unknown;
  readonly contributes: {
    readonly commands?: CommandContribution[];
    readonly menus?: Record<string, MenuItem[]>;
    readonly views?: Record<string, Array<{ id: string; name: string }>>;
    readonly configuration?:
      { title?: string; properties: Record<string, SettingContribution> } | Array<{ title?: string; properties: Record<string, SettingContribution> }>;
    readonly walkthroughs?: Walkthrough[];
    readonly [key: string]: unknown;
  };
}

export function readManifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
}

export function readNls(): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
}

/** `%key%` → its English text; other strings unchanged. */
export function localize(value: string | undefined, nls: Record<string, string>): string {
  if (value === undefined) return '';
  const match = /^%(.+)%$/.exec(value);
  return match && match[1] in nls ? nls[match[1]] : value;
}

export function settingsOf(manifest: Manifest): Record<string, SettingContribution> {
  const configuration = manifest.contributes.configuration;
  const sections = Array.isArray(configuration) ? configuration : configuration ? [configuration] : [];
  return Object.assign({}, ...sections.map((section) => section.properties)) as Record<string, SettingContribution>;
}

/** All contributed view ids, in any container. */
export function viewIds(manifest: Manifest): string[] {
  return Object.values(manifest.contributes.views ?? {}).flatMap((views) => views.map((view) => view.id));
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, '<br>').replace(/\|/g, '\\|').trim();
}

/** Settings' `#whatsappStatus.apiUrl#` links read as code outside VS Code. */
function plainMarkdown(text: string): string {
  return text.replace(/`#([A-Za-z][\w.-]*\.[\w.-]+)#`/g, '`$1`').replace(/#([A-Za-z][\w.-]*\.[\w.-]+)#/g, '`$1`');
}

const MENU_NAMES: Readonly<Record<string, string>> = {
  'explorer/context': 'Explorer context menu',
  'editor/title/context': 'editor tab context menu',
  'editor/context': 'editor context menu',
  'editor/title': 'editor title bar',
  'view/title': 'view title bar',
  'view/item/context': 'view item menu',
  'scm/title': 'Source Control title bar',
};

/** Where a command is offered: the Command Palette (unless hidden there) and the menus that list it. */
function placesOf(command: string, menus: Record<string, MenuItem[]>): string {
  const palette = (menus.commandPalette ?? []).find((item) => item.command === command);
  const places: string[] = [];
  if (!palette || !palette.when) places.push('Command Palette');
  else if (palette.when !== 'false') places.push(`Command Palette (when \`${palette.when}\`)`);
  for (const [menu, items] of Object.entries(menus)) {
    if (menu === 'commandPalette' || !items.some((item) => item.command === command)) continue;
    const name = MENU_NAMES[menu] ?? `\`${menu}\` menu`;
    if (!places.includes(name)) places.push(name);
  }
  return places.join(', ') || '—';
}

/** The README's Commands table: every contributed command, in manifest order. */
export function commandsTable(manifest: Manifest, nls: Record<string, string>): string {
  const rows = (manifest.contributes.commands ?? []).map((command) => {
    const category = localize(command.category, nls);
    const title = localize(command.title, nls);
    const name = category ? `${category}: ${title}` : title;
    return `| ${cell(name)} | \`${command.command}\` | ${cell(placesOf(command.command, manifest.contributes.menus ?? {}))} |`;
  });
  return ['| Command | ID | Where |', '| --- | --- | --- |', ...rows].join('\n');
}

function typeOf(setting: SettingContribution): string {
  if (setting.enum) return setting.enum.map((value) => `\`${JSON.stringify(value)}\``).join(', ');
  const type = Array.isArray(setting.type) ? setting.type.join(' or ') : (setting.type ?? 'any');
  const hasMin = setting.minimum !== undefined;
  const hasMax = setting.maximum !== undefined;
  if (hasMin && hasMax) return `${type} (${setting.minimum}–${setting.maximum})`;
  if (hasMin) return `${type} (≥ ${setting.minimum})`;
  if (hasMax) return `${type} (≤ ${setting.maximum})`;
  return type;
}

/** The README's Settings table: name, type, default and description of every setting, in manifest order. */
export function settingsTable(manifest: Manifest, nls: Record<string, string>): string {
  const rows = Object.entries(settingsOf(manifest)).map(([name, setting]) => {
    const fallback = setting.default === undefined ? '' : `\`${JSON.stringify(setting.default)}\``;
    const description = plainMarkdown(localize(setting.markdownDescription ?? setting.description, nls));
    return `| \`${name}\` | ${cell(typeOf(setting))} | ${cell(fallback)} | ${cell(description)} |`;
  });
  return ['| Setting | Type | Default | Description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export const GENERATED_SECTIONS = {
  commands: commandsTable,
  settings: settingsTable,
} as const;
export type SectionName = keyof typeof GENERATED_SECTIONS;

function markers(name: SectionName): { start: string; end: string } {
  return { start: `<!-- generated:${name} (npm run docs:tables) -->`, end: `<!-- /generated:${name} -->` };
}

/** The text between a section's markers, or undefined when the README lacks them. */
export function readSection(readme: string, name: SectionName): string | undefined {
  const { start, end } = markers(name);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) return undefined;
  return readme.slice(from + start.length, to).trim();
}

export function replaceSection(readme: string, name: SectionName, table: string): string {
  const { start, end } = markers(name);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${start} … ${end}`);
  return `${readme.slice(0, from + start.length)}\n${table}\n${readme.slice(to)}`;
}
