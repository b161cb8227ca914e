// A gzipped POSIX tar (ustar, with a pax header for a path too long for it) of text files,
// for the console's export download. Node has gzip but no tar writer, and a programme is a
// few dozen small files, so building the archive in memory is simpler than a dependency.
// @see https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06
import { gzipSync } from 'node:zlib';

export interface ArchiveFile { path: string; content: string | Buffer }

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: Date, type: '0' | '5' | 'x', prefix = ''): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(type === '5' ? 0o755 : 0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  block.fill(' ', 148, 156);
  block.write(type, 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + ' ', 148, 'ascii');
  return block;
}

function padded(data: Buffer): Buffer[] {
  const rest = data.length % BLOCK;
  return rest ? [data, Buffer.alloc(BLOCK - rest)] : [data];
}

/** Splits a path into ustar's prefix and name, or undefined when it does not fit. */
function ustarName(path: string): { name: string; prefix: string } | undefined {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
  }
  return undefined;
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
  return `${length}${body}`;
}

export function tarGz(files: readonly ArchiveFile[], mtime = new Date()): Buffer {
  const parts: Buffer[] = [];
  const directories = new Set<string>();
  for (const file of files) {
    // Folders first, so every extractor makes them with sensible modes.
    const segments = file.path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const dir = `${segments.slice(0, i).join('/')}/`;
      if (directories.has(dir)) continue;
      directories.add(dir);
      const split = ustarName(dir);
      if (split) parts.push(header(split.name, 0, mtime, '5', split.prefix));
      else {
        const pax = Buffer.from(paxRecord('path', dir));
        parts.push(header('PaxHeader', pax.length, mtime, 'x'), ...padded(pax), header(dir.slice(0, 99), 0, mtime, '5'));
      }
    }
    const data = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
    const split = ustarName(file.path);
    if (split) parts.push(header(split.name, data.length, mtime, '0', split.prefix));
    else {
      const pax = Buffer.from(paxRecord('path', file.path));
      parts.push(header('PaxHeader', pax.length, mtime, 'x'), ...padded(pax), header(file.path.slice(-100), data.length, mtime, '0'));
    }
    parts.push(...padded(data));
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(parts));
}
