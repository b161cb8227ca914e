// Sending a stored attachment, for every kind of owner, once the caller's right to
// it is checked: the sniffed type only, nosniff, inline only for the kinds a browser shows
// safely, and revalidation on every request since rights can change.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ATTACHMENT_TYPES } from './attachment-type.ts';
import { openAttachment } from './attachment-store.ts';

const inlineTypes = new Set<string>(
  Object.values(ATTACHMENT_TYPES)
    .filter((type) => type.inline)
    .map((type) => type.mediaType),
);

/**
 * RFC 6266: an ASCII fallback name for old clients, and the real one percent-encoded as UTF-8.
 * @see https://www.rfc-editor.org/rfc/rfc6266#section-4.3
 */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7E]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export interface StoredAttachment {
  sha256: string;
  media_type: string;
  size_bytes: number;
  file_name: string;
}

export function sendAttachment(
  request: FastifyRequest,
  reply: FastifyReply,
  dir: string,
  attachment: StoredAttachment,
) {
  // Rights are checked on every request, so a copy kept by the browser is revalidated each time.
  reply.header('cache-control', 'private, no-cache');
  reply.header('etag', `"${attachment.sha256}"`);
  reply.header('x-content-type-options', 'nosniff');
  if (request.headers['if-none-match'] === `"${attachment.sha256}"`) return reply.code(304).send(null);
  reply.header('content-type', attachment.media_type);
  reply.header('content-length', attachment.size_bytes);
  reply.header(
    'content-disposition',
    contentDisposition(inlineTypes.has(attachment.media_type) ? 'inline' : 'attachment', attachment.file_name),
  );
  return reply.send(openAttachment(dir, attachment.sha256));
}
