import type { UploadReader } from '../greenApi/types';

/**
 * How the sent bytes are made from the file: ranges copied as they are, small byte strings put in their place, and
 * runs of zeros (a neutralised MP4 atom's payload). Only structure is planned; media data is always a copied range.
 */
export type Piece = { readonly copy: { readonly offset: number; readonly length: number } } | { readonly bytes: Buffer } | { readonly zeros: number };

export interface StripPlan {
  readonly pieces: readonly Piece[];
  /** Bytes the plan produces: the Content-Length of the upload. */
  readonly size: number;
  /** The file's size when it was scanned; a file that reads past it has changed. */
  readonly sourceSize: number;
}

function pieceLength(piece: Piece): number {
  return 'copy' in piece ? piece.copy.length : 'bytes' in piece ? piece.bytes.length : piece.zeros;
}

/** Collects pieces, merging adjacent copies so a plan stays as short as the changes it makes. */
export class PlanBuilder {
  readonly #pieces: Piece[] = [];
  #copiedTo = 0;

  constructor(readonly sourceSize: number) {}

  /** Copies the file from where the last copy or skip ended up to `end`. */
  copyTo(end: number): void {
    if (end <= this.#copiedTo) return;
    const last = this.#pieces.at(-1);
    if (last && 'copy' in last && last.copy.offset + last.copy.length === this.#copiedTo) {
      this.#pieces[this.#pieces.length - 1] = { copy: { offset: last.copy.offset, length: end - last.copy.offset } };
    } else this.#pieces.push({ copy: { offset: this.#copiedTo, length: end - this.#copiedTo } });
    this.#copiedTo = end;
  }

  /** Leaves out the file's bytes up to `end` (after copying what comes before `start`). */
  skip(start: number, end: number): void {
    this.copyTo(start);
    this.#copiedTo = end;
  }

  insert(piece: Piece): void {
    if (pieceLength(piece)) this.#pieces.push(piece);
  }

  finish(): StripPlan {
    this.copyTo(this.sourceSize);
    const size = this.#pieces.reduce((sum, piece) => sum + pieceLength(piece), 0);
    return { pieces: this.#pieces, size, sourceSize: this.sourceSize };
  }
}

/**
 * Reads the plan's output at any position into the caller's buffer, so the upload's two reused buffers stay the only
 * large ones. Reading at `size` checks one byte past the scanned end of the file: a file that grew reads as longer,
 * which the upload reports as changed.
 */
export function planReader(reader: UploadReader, plan: StripPlan): UploadReader {
  const starts: number[] = [];
  let at = 0;
  for (const piece of plan.pieces) {
    starts.push(at);
    at += pieceLength(piece);
  }
  return {
    async read(buffer, position) {
      if (position >= plan.size) return position === plan.size ? reader.read(buffer.subarray(0, 1), plan.sourceSize) : 0;
      let index = pieceAt(starts, position);
      let filled = 0;
      while (filled < buffer.length && index < plan.pieces.length) {
        const piece = plan.pieces[index];
        const into = position + filled - starts[index];
        const wanted = Math.min(buffer.length - filled, pieceLength(piece) - into);
        const target = buffer.subarray(filled, filled + wanted);
        if ('bytes' in piece) piece.bytes.copy(target, 0, into, into + wanted);
        else if ('zeros' in piece) target.fill(0);
        else {
          const bytes = await reader.read(target, piece.copy.offset + into);
          // A file that shrank: hand back what was read; the next read returns 0 and the upload stops as changed.
          if (bytes < wanted) return filled + bytes;
        }
        filled += wanted;
        index++;
      }
      return filled;
    },
    close: () => reader.close(),
  };
}

/** The index of the piece holding output position `position` (binary search over the pieces' starts). */
function pieceAt(starts: readonly number[], position: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= position) low = middle;
    else high = middle - 1;
  }
  return low;
}
