/** UploadFile storage: bytes go straight to a temp dir, so a 100 MB upload is never held in memory. */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { finished, pipeline } from 'node:stream/promises';
import { fileUploadSource } from '../../src/core/media/fileSource';
import { privateUploadSource, strippable } from '../../src/core/privacy';
import { classifyUpload, OCTET_STREAM } from './media-types';
import type { LinkStyle, StoredUpload } from './types';

/** docs/greenapi.md §2: max 100 MB (taken as MiB, the stricter reading). */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export interface UploadRequest {
  contentType: string;
  gaFilename: string | undefined;
  /** The server's MIME list at upload time. */
  mimeTypes: readonly string[];
  linkStyle: LinkStyle;
  /** `<mediaUrl>/files/<idInstance>` */
  filesBaseUrl: string;
}

export type UploadOutcome = { kind: 'stored'; upload: StoredUpload } | { kind: 'empty' } | { kind: 'too-large'; size: number };

/** How much of an upload may wait for the disk while the next chunks are read from the socket. */
const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;

interface StoredFile {
  diskPath: string;
  upload: StoredUpload;
}

export class UploadStore {
  readonly uploads: StoredUpload[] = [];
  /** Keyed by the URL path the file is served at, `/files/<idInstance>/<uuid>.<ext>`. */
  private readonly files = new Map<string, StoredFile>();

  private constructor(private readonly dir: string) {}

  static async create(): Promise<UploadStore> {
    return new UploadStore(await mkdtemp(join(tmpdir(), 'greenapi-emulator-')));
  }

  /**
   * Streams the body to disk while hashing it. Keeps reading past the size limit (without storing)
   * so the client gets the 500 answer instead of a broken pipe. Rethrows if the body breaks off,
   * leaving nothing stored.
   */
  async receive(body: AsyncIterable<Buffer>, request: UploadRequest): Promise<UploadOutcome> {
    const { ext, type } = classifyUpload(request.contentType, request.gaFilename, request.mimeTypes);
    const fileName = `${randomUUID()}.${ext}`;
    const diskPath = join(this.dir, fileName);
    // The socket hands over 64 kB at a time; with a write stream's default 16 kB high-water mark every chunk waited
    // for its disk write before the next was read, so receiving and storing took turns instead of overlapping.
    const out = createWriteStream(diskPath, { highWaterMark: WRITE_BUFFER_BYTES });
    // A write still in flight when a broken-off upload destroys the stream fails later with no one waiting;
    // real write errors still reach us through once('drain') and finished(), which reject on 'error'.
    out.on('error', () => {});
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of body) {
        size += chunk.length;
        if (size > MAX_UPLOAD_BYTES) {
          out.destroy();
          continue;
        }
        hash.update(chunk);
        if (!out.write(chunk)) await once(out, 'drain');
      }
      if (size === 0 || size > MAX_UPLOAD_BYTES) {
        out.destroy();
        await rm(diskPath, { force: true });
        return size === 0 ? { kind: 'empty' } : { kind: 'too-large', size };
      }
      out.end();
      await finished(out);
    } catch (error) {
      out.destroy();
      await rm(diskPath, { force: true });
      throw error;
    }
    const upload: StoredUpload = {
      urlFile: `${request.filesBaseUrl}/${fileName}`,
      sha256: hash.digest('hex'),
      size,
      contentType: type,
      ...(request.gaFilename !== undefined ? { gaFilename: request.gaFilename } : {}),
      linkStyle: request.linkStyle,
      at: Date.now(),
      ...(await storedLocation(diskPath, type, size)),
    };
    this.uploads.push(upload);
    this.files.set(new URL(upload.urlFile).pathname, { diskPath, upload });
    return { kind: 'stored', upload };
  }

  findByPath(urlPath: string): StoredUpload | undefined {
    return this.files.get(urlPath)?.upload;
  }

  /** Answers GET/HEAD of a stored file, with single byte ranges so clients can sniff a link cheaply. */
  async serve(req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<void> {
    const file = this.files.get(urlPath);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not Found');
      return;
    }
    const { upload } = file;
    const headers: Record<string, string> = { 'Accept-Ranges': 'bytes' };
    if (upload.linkStyle === 'download') {
      headers['Content-Type'] = OCTET_STREAM;
      headers['Content-Disposition'] = `attachment; filename="${urlPath.split('/').pop()}"`;
    } else {
      headers['Content-Type'] = upload.contentType;
    }
    let start = 0;
    let end = upload.size - 1;
    let status = 200;
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    if (range && (range[1] !== '' || range[2] !== '')) {
      if (range[1] === '') {
        start = Math.max(0, upload.size - Number(range[2]));
      } else {
        start = Number(range[1]);
        end = range[2] === '' ? end : Math.min(end, Number(range[2]));
      }
      if (start > end) {
        res.writeHead(416, { 'Content-Range': `bytes */${upload.size}` }).end();
        return;
      }
      status = 206;
      headers['Content-Range'] = `bytes ${start}-${end}/${upload.size}`;
    }
    headers['Content-Length'] = String(end - start + 1);
    res.writeHead(status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // A client that hangs up mid-download is normal; nothing to report.
    await pipeline(createReadStream(file.diskPath, { start, end }), res).catch(() => undefined);
  }

  async clear(): Promise<void> {
    const paths = [...this.files.values()].map((file) => file.diskPath);
    this.files.clear();
    this.uploads.length = 0;
    await Promise.all(paths.map((path) => rm(path, { force: true })));
  }

  async dispose(): Promise<void> {
    this.files.clear();
    this.uploads.length = 0;
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Reads the stored file's structure with the extension's own scanner: a status that shows a location is public. */
async function storedLocation(diskPath: string, contentType: string, size: number): Promise<Pick<StoredUpload, 'location'>> {
  if (!strippable(contentType)) return {};
  try {
    const { found } = await privateUploadSource(fileUploadSource(diskPath, contentType, size));
    return { location: { present: found.location, ...(found.orientation !== undefined && { orientation: found.orientation }) } };
  } catch {
    return {};
  }
}
