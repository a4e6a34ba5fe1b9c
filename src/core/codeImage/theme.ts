/**
 * Reads a VS Code colour theme the way VS Code does (JSONC, `include` chains, `colors` merged and `tokenColors`
 * concatenated) and turns it into a theme for the highlighter and the picture's palette.
 */
import * as path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { isRecord } from '../common/json';
import type { CodePalette } from './model';

/** A theme as an extension contributes it (`contributes.themes`), with its path made absolute. */
export interface ThemeContribution {
  readonly label: string;
  /** 'vs' | 'vs-dark' | 'hc-black' | 'hc-light' */
  readonly uiTheme: string;
  readonly path: string;
}

/** One TextMate rule of a theme. */
export interface TokenColorRule {
  readonly name?: string;
  readonly scope?: string | string[];
  readonly settings: { readonly foreground?: string; readonly background?: string; readonly fontStyle?: string };
}

/** What the highlighter is given: a VS Code theme, already resolved, under a name unique to its file. */
export interface ThemeRegistration {
  readonly name: string;
  readonly type: 'light' | 'dark';
  readonly colors: Record<string, string>;
  readonly tokenColors: TokenColorRule[];
  readonly fg: string;
  readonly bg: string;
}

export interface LoadedTheme {
  readonly registration: ThemeRegistration;
  readonly palette: CodePalette;
  /** Files that could not be read or used; the theme is still made of what could. */
  readonly problems: readonly string[];
}

export type ReadFile = (path: string) => Promise<string>;

/** VS Code follows includes without a limit; a real chain is three deep (Dark Modern, Dark+, Dark VS). */
const MAX_INCLUDE_DEPTH = 16;

const DEFAULTS = {
  dark: { background: '#1e1e1e', foreground: '#d4d4d4' },
  light: { background: '#ffffff', foreground: '#000000' },
  highContrastDark: { background: '#000000', foreground: '#ffffff' },
  highContrastLight: { background: '#ffffff', foreground: '#000000' },
} as const;

/** Colours that stand for the theme's accent, most telling first; mixed into the frame around the panel. */
const ACCENT_KEYS = ['focusBorder', 'button.background', 'activityBarBadge.background', 'progressBar.background', 'textLink.foreground'];

/** Reads the theme at `theme.path` and what it includes. Never throws: what cannot be read is left out and named in `problems`. */
export async function loadTheme(theme: ThemeContribution, readFile: ReadFile): Promise<LoadedTheme> {
  const collected: Collected = { colors: {}, rules: [], problems: [] };
  await collect(path.resolve(theme.path), readFile, collected, []);
  const palette = makePalette(theme.uiTheme, collected.colors);
  const colors: Record<string, string> = {};
  for (const [key, value] of Object.entries(collected.colors)) {
    const color = normalizeColor(value);
    if (color) colors[key] = color;
  }
  // As VS Code does: the default rule is the editor's colours, and rules without a scope are dropped.
  const tokenColors: TokenColorRule[] = [
    { settings: { foreground: palette.foreground, background: palette.background } },
    ...collected.rules.filter((rule) => rule.scope !== undefined && rule.scope !== ''),
  ];
  return {
    registration: {
      name: `vscode-theme:${theme.uiTheme}:${theme.path}`,
      type: palette.kind,
      colors,
      tokenColors,
      fg: palette.foreground,
      bg: palette.background,
    },
    palette,
    problems: collected.problems,
  };
}

interface Collected {
  colors: Record<string, string>;
  rules: TokenColorRule[];
  problems: string[];
}

async function collect(file: string, readFile: ReadFile, into: Collected, chain: readonly string[]): Promise<void> {
  if (chain.includes(file)) {
    into.problems.push(`Theme include loop: ${[...chain, file].map((item) => path.basename(item)).join(' → ')}`);
    return;
  }
  if (chain.length >= MAX_INCLUDE_DEPTH) {
    into.problems.push(`Theme includes nested deeper than ${MAX_INCLUDE_DEPTH}: ${file}`);
    return;
  }
  if (path.extname(file).toLowerCase() !== '.json') {
    // A .tmTheme (plist) theme: its token colours need a plist reader this module does not carry.
    into.problems.push(`Theme file is not JSON: ${file}`);
    return;
  }
  let content: unknown;
  try {
    content = parseJsonc(await readFile(file));
  } catch (error) {
    into.problems.push(`Theme file could not be read: ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (!isRecord(content)) {
    into.problems.push(`Theme file is not a JSON object: ${file}`);
    return;
  }
  // The included theme is the base: this file's colours override its colours and its rules come after its rules.
  if (typeof content.include === 'string') await collect(path.resolve(path.dirname(file), content.include), readFile, into, [...chain, file]);
  if (Array.isArray(content.settings)) {
    // The old TextMate layout: the rule without a scope holds the editor's colours.
    for (const rule of content.settings.filter(isRule)) {
      into.rules.push(rule);
      if (rule.scope === undefined) {
        if (rule.settings.foreground) into.colors['editor.foreground'] = rule.settings.foreground;
        if (rule.settings.background) into.colors['editor.background'] = rule.settings.background;
      }
    }
    return;
  }
  if (isRecord(content.colors)) {
    for (const [key, value] of Object.entries(content.colors)) {
      if (value === 'default') delete into.colors[key];
      else if (typeof value === 'string') into.colors[key] = value;
    }
  }
  if (Array.isArray(content.tokenColors)) into.rules.push(...content.tokenColors.filter(isRule));
  else if (typeof content.tokenColors === 'string') into.problems.push(`Token colours in a .tmTheme file are not read: ${content.tokenColors}`);
}

function parseJsonc(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 && !isRecord(value)) throw new Error(`not JSON (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset})`);
  return value;
}

function isRule(value: unknown): value is TokenColorRule {
  if (!isRecord(value) || !isRecord(value.settings)) return false;
  const { scope } = value;
  return scope === undefined || typeof scope === 'string' || (Array.isArray(scope) && scope.every((item) => typeof item === 'string'));
}

/** The picture's colours from a theme's merged `colors`, with VS Code's defaults for what the theme leaves out. */
export function makePalette(uiTheme: string, colors: Readonly<Record<string, string>>): CodePalette {
  const kind = uiTheme === 'vs' || uiTheme === 'hc-light' ? 'light' : 'dark';
  const defaults =
    uiTheme === 'hc-black'
      ? DEFAULTS.highContrastDark
      : uiTheme === 'hc-light'
        ? DEFAULTS.highContrastLight
        : kind === 'light'
          ? DEFAULTS.light
          : DEFAULTS.dark;
  // An editor background with alpha is drawn over the workbench; over the default is the closest this can come.
  const background = composite(normalizeColor(colors['editor.background']) ?? defaults.background, defaults.background);
  const foreground = composite(normalizeColor(colors['editor.foreground']) ?? defaults.foreground, background);
  const lineNumber = normalizeColor(colors['editorLineNumber.foreground']) ?? mix(foreground, background, 0.5);
  const header = mix(foreground, background, 0.6);
  const accent = ACCENT_KEYS.map((key) => normalizeColor(colors[key])).find((color) => color !== undefined);
  const frame = frameColor(kind, background, accent === undefined ? foreground : composite(accent, background), accent === undefined ? 0.15 : 0.4);
  return { kind, background, foreground, lineNumber, header, frame };
}

/** The accent mixed into the background, pushed lighter (dark themes) or darker (light) until the panel stands out. */
function frameColor(kind: 'light' | 'dark', background: string, accent: string, share: number): string {
  let frame = mix(accent, background, share);
  const away = kind === 'dark' ? '#ffffff' : '#000000';
  for (let step = 0; step < 20 && contrast(frame, background) < 1.3; step++) frame = mix(away, frame, 0.06);
  return frame;
}

/** `#rrggbb` or `#rrggbbaa` in lower case (an opaque alpha dropped), from any of the four hex forms; else undefined. */
export function normalizeColor(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(value.trim());
  if (!match) return undefined;
  let hex = match[1].toLowerCase();
  if (hex.length <= 4) hex = [...hex].map((digit) => digit + digit).join('');
  if (hex.endsWith('ff') && hex.length === 8) hex = hex.slice(0, 6);
  return `#${hex}`;
}

function channels(color: string): [number, number, number, number] {
  const hex = color.slice(1);
  const value = (at: number): number => parseInt(hex.slice(at, at + 2), 16);
  return [value(0), value(2), value(4), hex.length === 8 ? value(6) / 255 : 1];
}

function toHex(red: number, green: number, blue: number): string {
  return `#${[red, green, blue]
    .map((channel) =>
      Math.round(Math.min(255, Math.max(0, channel)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** `color` drawn over the opaque `under`: opaque. */
export function composite(color: string, under: string): string {
  const [red, green, blue, alpha] = channels(color);
  if (alpha === 1) return color.slice(0, 7);
  const [r, g, b] = channels(under);
  return toHex(red * alpha + r * (1 - alpha), green * alpha + g * (1 - alpha), blue * alpha + b * (1 - alpha));
}

/** `share` of `color` and the rest of `other`, both taken as opaque. */
export function mix(color: string, other: string, share: number): string {
  const [red, green, blue] = channels(color);
  const [r, g, b] = channels(other);
  return toHex(red * share + r * (1 - share), green * share + g * (1 - share), blue * share + b * (1 - share));
}

/** The WCAG contrast ratio of two opaque colours, 1 to 21. */
export function contrast(one: string, two: string): number {
  const [lighter, darker] = [luminance(one), luminance(two)].sort((a, b) => b - a);
  return (lighter + 0.05) / (darker + 0.05);
}

function luminance(color: string): number {
  const [red, green, blue] = channels(color).map((channel) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}
