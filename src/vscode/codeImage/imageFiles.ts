import * as vscode from 'vscode';

const CODE_IMAGE_SCHEME = 'whatsapp-status-image';
// The pictures of a session stay readable for Retry Failed; older ones are let go (each is a few hundred kB).
const KEPT_IMAGES = 8;

/**
 * Pictures made by the extension, held in memory and read through VS Code's file system API: they go through the
 * same post flow as a file on disk (checks, upload, Retry Failed) without anything being written to disk.
 */
class CodeImageFiles implements vscode.FileSystemProvider {
  private readonly images = new Map<string, { bytes: Uint8Array; ctime: number }>();
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  private nextId = 1;

  add(name: string, bytes: Uint8Array): vscode.Uri {
    // The name is what the person sees in the confirmation and the history; the query keeps two pictures apart.
    const uri = vscode.Uri.from({ scheme: CODE_IMAGE_SCHEME, path: name, query: String(this.nextId++) });
    this.images.set(uri.toString(), { bytes, ctime: Date.now() });
    for (const key of [...this.images.keys()].slice(0, Math.max(0, this.images.size - KEPT_IMAGES))) this.images.delete(key);
    return uri;
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const image = this.find(uri);
    return { type: vscode.FileType.File, ctime: image.ctime, mtime: image.ctime, size: image.bytes.byteLength, permissions: vscode.FilePermission.Readonly };
  }

  readFile(uri: vscode.Uri): Uint8Array {
    return this.find(uri).bytes;
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => {});
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.images.clear();
    this.changes.dispose();
  }

  private find(uri: vscode.Uri): { bytes: Uint8Array; ctime: number } {
    const image = this.images.get(uri.toString());
    if (!image) throw vscode.FileSystemError.FileNotFound(uri);
    return image;
  }
}

let files: CodeImageFiles | undefined;

/** Holds `bytes` as a read-only file named `name`; the provider is registered on first use, not at activation. */
export function holdCodeImage(context: vscode.ExtensionContext, name: string, bytes: Uint8Array): vscode.Uri {
  if (!files) {
    const provider = new CodeImageFiles();
    context.subscriptions.push(vscode.workspace.registerFileSystemProvider(CODE_IMAGE_SCHEME, provider, { isReadonly: true }), provider, {
      dispose: () => (files = undefined),
    });
    files = provider;
  }
  return files.add(name, bytes);
}
