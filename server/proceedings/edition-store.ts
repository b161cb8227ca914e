// An edition's files on disk, under the proceedings folder by edition id and format. Each is
// written to a temporary name while its SHA-256 and size are counted, then renamed into place, so
// a crash or a failed attempt never leaves a half-written file under a real name, and a reader
// of the old file (a retry regenerates) keeps reading it until the rename.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { EditionFormat } from '../db/schema.ts';

export function editionFilePath(dir: string, editionId: number, format: EditionFormat): string {
  return path.join(dir, String(editionId), `edition.${format}`);
}

export function openEditionFile(dir: string, editionId: number, format: EditionFormat): ReadStream {
  return createReadStream(editionFilePath(dir, editionId, format));
}

export interface StoredFile {
  format: EditionFormat;
  sha256: string;
  sizeBytes: number;
}

/** A text or byte sink that respects backpressure: `write` resolves once the chunk may be followed. */
export interface FileSink {
  write(chunk: string | Buffer): Promise<void>;
  /** The underlying stream, for producers (a PDF renderer) that pipe into it. */
  stream: WriteStream;
}

/** Writes one file through `produce`, then renames it into place; returns its hash and size. */
export async function writeEditionFile(
  dir: string,
  editionId: number,
  format: EditionFormat,
  produce: (sink: FileSink) => Promise<void>,
): Promise<StoredFile> {
  const target = editionFilePath(dir, editionId, format);
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomUUID()}.tmp`;
  const hash = createHash('sha256');
  let size = 0;
  const stream = createWriteStream(temporary, { flags: 'wx' });
  const closed = new Promise<void>((resolve, reject) => {
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  // Every byte that reaches the file passes here, whether written by us or piped in.
  const originalWrite = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    hash.update(bytes);
    size += bytes.length;
    return originalWrite(bytes, ...rest);
  }) as WriteStream['write'];
  const sink: FileSink = {
    stream,
    write: (chunk) =>
      stream.write(chunk)
        ? Promise.resolve()
        : // A failed stream never drains: its error ends the wait instead.
          Promise.race([new Promise<void>((resolve) => stream.once('drain', resolve)), closed]),
  };
  try {
    await produce(sink);
    if (!stream.writableEnded) stream.end();
    await closed;
    await rename(temporary, target);
  } catch (error) {
    stream.destroy();
    await closed.catch(() => undefined);
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
  return { format, sha256: hash.digest('hex'), sizeBytes: size };
}
