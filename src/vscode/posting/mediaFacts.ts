import type * as vscode from 'vscode';
import type { MediaFacts } from '../../core/media/preflight';
import type { Bundles } from '../platform/bundles';

type MediaFactsModule = typeof import('../../core/media/mediaFacts');

/**
 * Reads dimensions and duration for the pre-flight checks. The readers (image-size, music-metadata) are bundled
 * separately as dist/mediaFacts.js and loaded on first use, so they cost nothing at activation or in the main bundle.
 * Files outside the local disk are not read: the checks are advice, not worth pulling a remote file twice.
 */
export async function readFacts(bundles: Bundles, uri: vscode.Uri): Promise<MediaFacts> {
  if (uri.scheme !== 'file') return {};
  return bundles.load<MediaFactsModule>('mediaFacts').readMediaFacts(uri.fsPath);
}
