// A reading's attachments as links: PDFs and images open in the browser, slides download.
// Each shows its kind and size, so a reader on a slow link knows what a tap will cost.
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Attachment } from './reading-types.ts';
import { formatFileSize } from './file-size.ts';

const KIND: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/webp': 'WebP',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPTX',
  'application/vnd.oasis.opendocument.presentation': 'ODP',
};

const SLIDES = new Set([
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.presentation',
]);

export function attachmentKind(mediaType: string): string {
  return KIND[mediaType] ?? mediaType;
}

/** One attachment: its name as a link, then its kind, its language when it is one language's file, and its size. */
export function AttachmentLink({ attachment }: { attachment: Attachment }) {
  const { t, lang } = useI18n();
  const fileLang = attachment.lang ?? undefined;
  return (
    <>
      <a
        href={attachment.url}
        hrefLang={fileLang}
        download={SLIDES.has(attachment.mediaType) ? attachment.fileName : undefined}
      >
        {attachment.fileName}
      </a>{' '}
      <span class="muted">
        ({attachmentKind(attachment.mediaType)}
        {fileLang ? `, ${t(`languageNames.${fileLang}`)}` : ''}, {formatFileSize(attachment.sizeBytes, lang)})
      </span>
    </>
  );
}

export function AttachmentList({ attachments }: { attachments: Attachment[] }) {
  return (
    <ul class="attachment-list">
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          <AttachmentLink attachment={attachment} />
        </li>
      ))}
    </ul>
  );
}
