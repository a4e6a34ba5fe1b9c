import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { bytesUploadReader, openFileForUpload } from '../../core/media/fileSource';
import type { UploadReader } from '../../core/greenApi/types';
import type { FileFacts } from '../../core/media/media';
import type { PostTarget, StatusFile } from '../../core/statuses/postWorkflow';
import { MalformedMediaError, privateUploadSource, strippable, type PrivateSource } from '../../core/privacy';
import { displayFileName } from '../../core/statuses/visibleText';
import type { ResourceProblem } from '../platform/messages';

export type ResolvedResource<F extends StatusFile> =
  { ok: true; target: PostTarget<F>; uri: vscode.Uri } | { ok: false; label: string; problem: ResourceProblem };

/** A kind of status's file rules (media: images and videos; voice: mp3 and wav). */
export type FileRules<F extends StatusFile> = (facts: FileFacts) => { ok: true; file: F } | { ok: false; problem: ResourceProblem };

/**
 * Turns a picked resource into something to post, or says why it cannot be: all checks happen here, before
 * any request. With `stripMetadata` the file's structure is scanned here too, so a damaged file is refused and the
 * upload's size is known before anything is sent. `file:` resources are streamed from disk; other schemes (virtual
 * workspaces) are read whole through workspace.fs, which is safe because the size limit was checked first.
 */
export async function resolveResource<F extends StatusFile>(
  uri: vscode.Uri,
  rules: FileRules<F>,
  options: { stripMetadata?: boolean } = {},
): Promise<ResolvedResource<F>> {
  // The only form of the name that leaves this function: shown, logged and kept in the history.
  const label = displayFileName(vscode.workspace.asRelativePath(uri, false));
  if (uri.scheme === 'untitled') return { ok: false, label, problem: { code: 'unsaved' } };
  let stat: ResourceStat;
  try {
    stat = await statResource(uri);
  } catch (error) {
    return { ok: false, label, problem: { code: isNotFound(error) ? 'missing' : 'unreadable' } };
  }
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const checked = rules({ name, size: stat.size, isDirectory: stat.isDirectory });
  if (!checked.ok) return { ok: false, label, problem: checked.problem };
  if (uri.scheme === 'file') {
    try {
      await fs.promises.access(uri.fsPath, fs.constants.R_OK);
    } catch (error) {
      return { ok: false, label, problem: { code: isNotFound(error) ? 'missing' : 'unreadable' } };
    }
  }
  const file = checked.file;
  const stripping = options.stripMetadata === true && strippable(file.mimeType);
  // A file on disk is known again by where it is, its size and time and how it is sent: the upload cache then need
  // not read it twice. Bytes from a virtual file system carry no such promise.
  const identity = uri.scheme === 'file' ? `${uri.toString()} ${stat.size} ${stat.mtime} ${stripping ? 'without metadata' : 'as is'}` : undefined;
  let sent: Partial<PrivateSource> & Pick<PrivateSource, 'source'> = {
    source: { size: file.size, contentType: file.mimeType, open: () => openForUpload(uri) },
  };
  if (stripping) {
    try {
      sent = await privateUploadSource(sent.source);
    } catch (error) {
      if (error instanceof MalformedMediaError) return { ok: false, label, problem: { code: 'malformed', format: error.format, truncated: error.truncated } };
      return { ok: false, label, problem: { code: isNotFound(error) ? 'missing' : 'unreadable' } };
    }
  }
  return {
    ok: true,
    uri,
    target: {
      label,
      file,
      source: identity === undefined ? sent.source : { ...sent.source, identity },
      metadata: sent.found,
      unchanged: async () => {
        try {
          const now = await statResource(uri);
          return now.size === stat.size && now.mtime === stat.mtime;
        } catch {
          return false;
        }
      },
    },
  };
}

interface ResourceStat {
  readonly size: number;
  /** Milliseconds, as workspace.fs gives it. */
  readonly mtime: number;
  readonly isDirectory: boolean;
}

/**
 * A file on the extension host's disk is asked of the disk directly: workspace.fs took 6–14 ms for the same answer,
 * on the way to a post's first prompt. Other schemes (virtual workspaces) only workspace.fs can answer.
 */
async function statResource(uri: vscode.Uri): Promise<ResourceStat> {
  if (uri.scheme === 'file') {
    const stats = await fs.promises.stat(uri.fsPath);
    return { size: stats.size, mtime: stats.mtime.getTime(), isDirectory: stats.isDirectory() };
  }
  const stat = await vscode.workspace.fs.stat(uri);
  return { size: stat.size, mtime: stat.mtime, isDirectory: (stat.type & vscode.FileType.Directory) !== 0 };
}

async function openForUpload(uri: vscode.Uri): Promise<UploadReader> {
  return uri.scheme === 'file' ? openFileForUpload(uri.fsPath) : bytesUploadReader(await vscode.workspace.fs.readFile(uri));
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'FileNotFound' || code === 'ENOENT' || code === 'EntryNotFound';
}
