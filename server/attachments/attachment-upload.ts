// Taking in an uploaded attachment, for every kind of owner: one file per request
// (multipart), its size checked, its kind decided from its bytes, its name cleaned, its bytes
// stored under their hash. The callers check rights before any of this reads the body.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { DomainError } from '../errors/domain-error.ts';
import { assertSize } from './attachment-limits.ts';
import { sniffAttachmentType } from './attachment-type.ts';
import { storeAttachment } from './attachment-store.ts';

export interface Upload {
  bytes: Buffer;
  fileName: string;
  /** The sender went past the size limit: the bytes are cut short. */
  truncated: boolean;
}

/** Registered in the plugins that take files only (attachments.routes.ts, the readings' uploads), so no other route accepts multipart bodies. */
export async function registerAttachmentMultipart(app: FastifyInstance, maxBytes: number): Promise<void> {
  await app.register(multipart, {
    // One more byte than allowed tells "too large" from "exactly the limit".
    limits: { fileSize: maxBytes + 1, files: 1, fields: 0, parts: 1, headerPairs: 50 },
    throwFileSizeLimit: false,
  });
}

/** Refuses a body that is not multipart: called before the rights check, as it reads nothing. */
export function assertMultipart(request: FastifyRequest): void {
  if (!request.isMultipart()) throw new DomainError('unsupported_media_type');
}

/** The request's one file. Call only after the caller's rights are checked. */
export async function readUpload(request: FastifyRequest): Promise<Upload> {
  // The whole body is read, not just its first file: a second part then hits the parts limit
  // and the request is refused, rather than answered 201 with the rest silently dropped.
  let upload: Upload | undefined;
  for await (const part of request.parts()) {
    if (part.type !== 'file') throw new DomainError('validation', { field: 'file' });
    upload = { bytes: await part.toBuffer(), fileName: part.filename, truncated: part.file.truncated };
  }
  if (!upload) throw new DomainError('validation', { field: 'file' });
  return upload;
}

const MAX_NAME = 120;

/** The name a download offers: the uploader's, without folders or controls, with the extension of what the bytes are. */
export function storedFileName(uploaded: string, extension: string): string {
  const cleaned = (uploaded.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- stripping control characters from the name is the point
    .replace(/[\u0000-\u001F\u007F\u2028\u2029\u202A-\u202E\u2066-\u2069"]/g, '')
    .trim()
    .replace(/\.[A-Za-z0-9]{1,5}$/, '');
  // Cut by code points, not UTF-16 units: half an emoji is a lone surrogate, which
  // encodeURIComponent refuses, and the download's Content-Disposition would fail.
  const base = Array.from(cleaned)
    .slice(0, MAX_NAME - extension.length - 1)
    .join('')
    .trim();
  return `${base || 'attachment'}.${extension}`;
}

export interface AcceptedFile {
  sha256: string;
  mediaType: string;
  sizeBytes: number;
  fileName: string;
}

/** Checks the upload's size and kind and stores its bytes; the row naming them is the caller's. */
export async function acceptUpload(dir: string, maxBytes: number, upload: Upload): Promise<AcceptedFile> {
  assertSize(upload.bytes.length, upload.truncated, maxBytes);
  if (upload.bytes.length === 0) throw new DomainError('validation', { field: 'file' });
  const type = sniffAttachmentType(upload.bytes);
  if (!type) throw new DomainError('attachment_type_refused');
  // Written before the row: a row never names bytes that are not there, and bytes whose row
  // never came are only an unreferenced file.
  const sha256 = await storeAttachment(dir, upload.bytes);
  return {
    sha256,
    mediaType: type.mediaType,
    sizeBytes: upload.bytes.length,
    fileName: storedFileName(upload.fileName, type.extension),
  };
}
