// A case study's attachments: on its page, links to download them; in the author's editor (and
// for organizers), a list with a remove button each and a file input that attaches at once.
// The links, kinds and sizes are the readings' (readings/attachment-list.tsx).
import { useRef, useState } from 'preact/hooks';
import type { Static } from 'typebox';
import type { CaseStudyReadResponse } from '../../../server/case-studies/case-studies.schemas.ts';
import { errorMessage } from '../api/client.ts';
import { PageNotLoaded } from '../components/load-error.tsx';
import { LiveMessage } from '../components/notice.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { AttachmentLink, AttachmentList } from '../readings/attachment-list.tsx';
import type { Attachment } from '../readings/reading-types.ts';
import { caseStudyPaths, removeCaseStudyAttachment, uploadCaseStudyAttachment } from './case-studies-api.ts';

const ACCEPT = '.pdf,.pptx,.odp,.png,.jpg,.jpeg,.webp,application/pdf,image/png,image/jpeg,image/webp';

/** On the case study's page: nothing when it has none. */
export function CaseStudyAttachments({ attachments }: { attachments: Attachment[] }) {
  const { t } = useI18n();
  if (attachments.length === 0) return null;
  return (
    <section class="case-study-attachments" aria-labelledby="case-study-attachments-heading">
      <h2 id="case-study-attachments-heading">{t('caseStudies.attachments.title')}</h2>
      <AttachmentList attachments={attachments} />
    </section>
  );
}

interface EditorProps {
  caseStudyId: number;
  attachments: Attachment[];
  onChange(attachments: Attachment[]): void;
}

/** For whoever may edit the case study: each chosen file is sent at once, one request per file. */
export function CaseStudyAttachmentsEditor({ caseStudyId, attachments, onChange }: EditorProps) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const attach = async () => {
    const file = input.current?.files?.[0];
    if (!file || busy) return;
    setBusy(true);
    setMessage(null);
    try {
      const attachment = await uploadCaseStudyAttachment(caseStudyId, file);
      onChange([...attachments.filter((one) => one.id !== attachment.id), attachment]);
      setMessage({ kind: 'ok', text: t('caseStudies.attachments.uploaded', { name: attachment.fileName }) });
    } catch (error) {
      setMessage({
        kind: 'error',
        text: t('caseStudies.attachments.failed', { name: file.name, message: errorMessage(error) }),
      });
    } finally {
      if (input.current) input.current.value = '';
      setBusy(false);
    }
  };

  const remove = async (attachment: Attachment) => {
    setMessage(null);
    try {
      await removeCaseStudyAttachment(caseStudyId, attachment.id);
      onChange(attachments.filter((one) => one.id !== attachment.id));
      setMessage({ kind: 'ok', text: t('caseStudies.attachments.removed', { name: attachment.fileName }) });
    } catch (error) {
      setMessage({ kind: 'error', text: errorMessage(error) });
    }
  };

  return (
    <fieldset class="case-study-attachments">
      <legend>{t('caseStudies.attachments.title')}</legend>
      {attachments.length ? (
        <ul class="attachment-list">
          {attachments.map((attachment) => (
            <li key={attachment.id}>
              <AttachmentLink attachment={attachment} />{' '}
              <button type="button" class="link-button" onClick={() => void remove(attachment)}>
                {t('caseStudies.attachments.remove', { name: attachment.fileName })}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('caseStudies.attachments.none')}</p>
      )}
      <div class="field">
        <label for="case-study-file">{t('caseStudies.attachments.choose')}</label>
        <input
          id="case-study-file"
          ref={input}
          type="file"
          accept={ACCEPT}
          disabled={busy}
          aria-describedby="case-study-file-hint"
          onChange={() => void attach()}
        />
        <span id="case-study-file-hint" class="hint">
          {busy ? t('caseStudies.attachments.uploading') : t('caseStudies.attachments.hint')}
        </span>
      </div>
      <LiveMessage kind={message?.kind ?? 'ok'} message={message?.text ?? null} />
    </fieldset>
  );
}

/** The editor's attachments, loaded with the case study as its page reads it. */
export function CaseStudyAttachmentsPanel({ caseStudyId }: { caseStudyId: number }) {
  const [{ data, error }, update, retry] = useApi<Static<typeof CaseStudyReadResponse>>(
    caseStudyPaths.one(caseStudyId),
  );
  if (!data) return error ? <PageNotLoaded error={error} retry={retry} /> : null;
  return (
    <CaseStudyAttachmentsEditor
      caseStudyId={caseStudyId}
      attachments={data.attachments}
      onChange={(attachments) => update((current) => ({ ...current, attachments }))}
    />
  );
}
