// Attachment bytes on disk, named by their SHA-256: the same file uploaded twice is stored
// once, and a file is written to a temporary name and renamed into place, so a crash mid-write
// leaves no half-written attachment under a real name. Files are never deleted when a row goes:
// another reading or case study may hold the same bytes, and a concurrent upload may be about to.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Where a hash's bytes live: two levels of folders keep any one folder small. */
export function attachmentPath(dir: string, sha256: string): string {
  return path.join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Stores the bytes under their hash unless they are there already; returns the hash. */
export async function storeAttachment(dir: string, bytes: Buffer): Promise<string> {
  const sha256 = sha256Hex(bytes);
  const target = attachmentPath(dir, sha256);
  if (await exists(target)) return sha256;
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = path.join(path.dirname(target), `.${sha256}.${randomUUID()}.tmp`);
  try {
    await writeFile(temporary, bytes, { flag: 'wx', flush: true });
    // Two uploads of the same bytes racing both rename onto the same name: same content either way.
    await rename(temporary, target);
  } finally {
    await rm(temporary, { force: true });
  }
  return sha256;
}

export function openAttachment(dir: string, sha256: string): ReadStream {
  return createReadStream(attachmentPath(dir, sha256));
}
