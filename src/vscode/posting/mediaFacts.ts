import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { MediaFacts } from '../../core/media/preflight';

type MediaFactsModule = typeof import('../../core/media/mediaFacts');
let loaded: MediaFactsModule | undefined;

/**
 * Reads dimensions and duration for the pre-flight checks. The readers (image-size, music-metadata) are bundled
 * separately as dist/mediaFacts.js and loaded on first use, so they cost nothing at activation or in the main bundle.
 * Files outside the local disk are not read: the checks are advice, not worth pulling a remote file twice.
 */
export async function readFacts(uri: vscode.Uri): Promise<MediaFacts> {
  if (uri.scheme !== 'file') return {};
  // A computed path, so esbuild leaves the require alone and the module stays in its own file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an import() would be bundled into extension.js
  loaded ??= require(path.join(__dirname, 'mediaFacts.js')) as MediaFactsModule;
  return loaded.readMediaFacts(uri.fsPath);
}
