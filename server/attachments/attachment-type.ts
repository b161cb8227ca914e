// What an uploaded file really is, from its bytes: the name and the uploader's Content-Type
// are whatever the sender says, and a "slides.pdf" that is HTML would run as a page in the
// reader's browser. Only the few kinds a reading or a case study needs are recognised; everything else is
// refused. A small hand check rather than a library: the maintained one (file-type) needs
// Node 22, and five signatures plus a look into a zip's directory are all that is needed.

export interface AttachmentType {
  mediaType: string;
  /** The extension the stored name gets, whatever the uploaded name said. */
  extension: string;
  /** Shown in the browser (with nosniff) rather than only downloaded. */
  inline: boolean;
}

export const ATTACHMENT_TYPES = {
  pdf: { mediaType: 'application/pdf', extension: 'pdf', inline: true },
  png: { mediaType: 'image/png', extension: 'png', inline: true },
  jpeg: { mediaType: 'image/jpeg', extension: 'jpg', inline: true },
  webp: { mediaType: 'image/webp', extension: 'webp', inline: true },
  pptx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extension: 'pptx',
    inline: false,
  },
  odp: { mediaType: 'application/vnd.oasis.opendocument.presentation', extension: 'odp', inline: false },
} as const satisfies Record<string, AttachmentType>;

const ODP_MIMETYPE = 'application/vnd.oasis.opendocument.presentation';

function startsWith(bytes: Buffer, signature: number[], offset = 0): boolean {
  return bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);
}

/**
 * The names in a zip's central directory (stored uncompressed, at the end of the file), or
 * null when the bytes are not a well-formed zip.
 * @see https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT (4.3.12, 4.3.16)
 */
function zipEntryNames(bytes: Buffer): string[] | null {
  // The end-of-central-directory record sits in the last 22 bytes plus a comment of at most 64 KiB.
  const floor = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= floor; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    if (offset + 46 + nameLength > bytes.length) return null;
    names.push(bytes.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function zipKind(bytes: Buffer): AttachmentType | null {
  // OpenDocument puts an uncompressed "mimetype" entry first, so its value is readable in place.
  const firstName = bytes.toString('latin1', 30, 38);
  const dataStart = 38 + (bytes.length >= 30 ? bytes.readUInt16LE(28) : 0);
  if (
    firstName === 'mimetype' &&
    bytes.toString('latin1', dataStart, dataStart + ODP_MIMETYPE.length) === ODP_MIMETYPE
  ) {
    return zipEntryNames(bytes)?.includes('content.xml') ? ATTACHMENT_TYPES.odp : null;
  }
  const names = zipEntryNames(bytes);
  if (names?.includes('[Content_Types].xml') && names.includes('ppt/presentation.xml')) return ATTACHMENT_TYPES.pptx;
  return null;
}

/** The accepted kind the bytes are, or null for anything else (HTML, scripts, archives, other documents). */
export function sniffAttachmentType(bytes: Buffer): AttachmentType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return ATTACHMENT_TYPES.pdf; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return ATTACHMENT_TYPES.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return ATTACHMENT_TYPES.jpeg;
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return ATTACHMENT_TYPES.webp; // RIFF....WEBP
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipKind(bytes);
  return null;
}
