import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import fc from 'fast-check';
import type { UploadReader } from '../../../../src/core/greenApi/types';
import { readAt, windowedReader } from '../../../../src/core/privacy/source';
import { propertyParameters } from '../../properties';

/** A file's bytes, read at most `most` bytes per call, as a disk may answer. */
function shortReader(bytes: Buffer, most: number): UploadReader {
  return {
    read: async (buffer, position) => {
      const piece = bytes.subarray(position, position + Math.min(buffer.length, most));
      buffer.set(piece);
      return piece.length;
    },
    close: async () => {},
  };
}

describe('core/privacy/source: the scan window', () => {
  it('reads the same bytes as the file holds, wherever and however much is asked, short reads included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 700 }),
        fc.integer({ min: 1, max: 4000 }),
        fc.array(fc.tuple(fc.nat(3200), fc.integer({ min: 1, max: 900 })), { minLength: 1, maxLength: 20 }),
        async (size, windowBytes, most, asks) => {
          const bytes = crypto.randomBytes(size);
          const reader = windowedReader(shortReader(bytes, most), windowBytes);
          for (const [position, length] of asks) {
            assert.deepEqual(await readAt(reader, position, length), bytes.subarray(position, position + length));
          }
        },
      ),
      propertyParameters(),
    );
  });
});
