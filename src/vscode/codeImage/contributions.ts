import * as vscode from 'vscode';
import type { GrammarContribution, ThemeContribution } from '../../core/codeImage/highlight';
import type { PreviewTheme } from '../../core/codeImage/protocol';

/**
 * The grammars and colour themes VS Code's extensions contribute, read from their manifests: the picture is coloured
 * by the same TextMate grammars and theme files that colour the editor, built-in or installed.
 */
export function grammarContributions(): GrammarContribution[] {
  const grammars: GrammarContribution[] = [];
  for (const extension of vscode.extensions.all) {
    for (const grammar of contributed(extension, 'grammars')) {
      if (typeof grammar.scopeName !== 'string' || typeof grammar.path !== 'string') continue;
      grammars.push({
        scopeName: grammar.scopeName,
        path: vscode.Uri.joinPath(extension.extensionUri, grammar.path).fsPath,
        ...(typeof grammar.language === 'string' && { language: grammar.language }),
        ...(isStringRecord(grammar.embeddedLanguages) && { embeddedLanguages: grammar.embeddedLanguages }),
        ...(Array.isArray(grammar.injectTo) && { injectTo: grammar.injectTo.filter((scope): scope is string => typeof scope === 'string') }),
      });
    }
  }
  return grammars;
}

// VS Code's own modern themes, for the preview's "light" and "dark" choices. Their settings ids lost the "Default "
// prefix in later versions, which still accept the old one in `workbench.colorTheme`.
const DEFAULT_THEMES: Readonly<Record<'light' | 'dark', readonly string[]>> = {
  light: ['Light Modern', 'Light+'],
  dark: ['Dark Modern', 'Dark+'],
};

/** The theme the person chose (`workbench.colorTheme`), or VS Code's default light or dark one. */
export function themeContribution(choice: PreviewTheme): ThemeContribution | undefined {
  const themes = themeContributions();
  const find = (settingsId: string) => themes.get(settingsId) ?? themes.get(settingsId.replace(/^Default /, '')) ?? themes.get(`Default ${settingsId}`);
  if (choice === 'current') {
    const configured = vscode.workspace.getConfiguration('workbench').get<string>('colorTheme');
    const current = configured === undefined ? undefined : find(configured);
    if (current) return current;
  }
  for (const settingsId of DEFAULT_THEMES[choice === 'current' ? currentKind() : choice]) {
    const found = find(settingsId);
    if (found) return found;
  }
  return undefined;
}

function currentKind(): 'light' | 'dark' {
  const kind = vscode.window.activeColorTheme.kind;
  return kind === vscode.ColorThemeKind.Light || kind === vscode.ColorThemeKind.HighContrastLight ? 'light' : 'dark';
}

/** Themes by the id the `workbench.colorTheme` setting names them with (their `id`, else their `label`). */
function themeContributions(): Map<string, ThemeContribution> {
  const themes = new Map<string, ThemeContribution>();
  for (const extension of vscode.extensions.all) {
    for (const theme of contributed(extension, 'themes')) {
      if (typeof theme.label !== 'string' || typeof theme.path !== 'string') continue;
      const settingsId = typeof theme.id === 'string' ? theme.id : theme.label;
      themes.set(settingsId, {
        label: settingsId,
        uiTheme: typeof theme.uiTheme === 'string' ? theme.uiTheme : 'vs-dark',
        path: vscode.Uri.joinPath(extension.extensionUri, theme.path).fsPath,
      });
    }
  }
  return themes;
}

function contributed(extension: vscode.Extension<unknown>, point: 'grammars' | 'themes'): Array<Record<string, unknown>> {
  const manifest = extension.packageJSON as { contributes?: Record<string, unknown> } | undefined;
  const entries = manifest?.contributes?.[point];
  return Array.isArray(entries) ? entries.filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null) : [];
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((item) => typeof item === 'string');
}
