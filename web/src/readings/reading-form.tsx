// The organizers' form for one reading: its original language, a title and Markdown text per
// language (typed, or loaded from a .md file, with a preview rendered by the server's own
// pipeline), and files to attach. Every control is labelled from the locale files, so a person
// with a screen reader, and a browser test, find each one by its label.
import { useRef, useState } from 'preact/hooks';
import type { Lang } from '../i18n/languages.ts';
import { errorMessage } from '../api/client.ts';
import { LiveMessage } from '../components/notice.tsx';
import { MarkdownPreview } from '../components/markdown-preview.tsx';
import { newIdempotencyKey } from '../compose/text-tools.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { AttachmentLink } from './attachment-list.tsx';
import type { EditorReading } from './reading-types.ts';
import { createReading, removeAttachment, stageUpload, updateReading, type ReadingDraft } from './readings-api.ts';
import { MAX_ATTACHMENTS_PER_READING } from './attachment-limit.ts';

interface Version {
  title: string;
  bodyMd: string;
}

interface Props {
  slug: string;
  week: number;
  languages: Lang[];
  reading: EditorReading | null;
  onSaved(reading: EditorReading, created: boolean): void;
  onCancel(): void;
}

function VersionFields({
  lang,
  version,
  onChange,
  onRemove,
}: {
  lang: Lang;
  version: Version;
  onChange(v: Version): void;
  onRemove?: () => void;
}) {
  const { t } = useI18n();
  const [preview, setPreview] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const language = t(`languageNames.${lang}`);
  const id = `reading-${lang}`;
  const loadFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      onChange({ ...version, bodyMd: (await file.text()).replace(/^\uFEFF/, '') });
      setFileError(null);
    } catch {
      setFileError(t('readings.console.mdFileUnreadable'));
    }
  };
  return (
    <section class="reading-version" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('readings.console.version', { language })}</h3>
      <div class="field">
        <label for={`${id}-title`}>{t('readings.console.titleLabel', { language })}</label>
        <input
          id={`${id}-title`}
          type="text"
          lang={lang}
          maxLength={200}
          required
          value={version.title}
          onInput={(event) => onChange({ ...version, title: event.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for={`${id}-body`}>{t('readings.console.bodyLabel', { language })}</label>
        <textarea
          id={`${id}-body`}
          lang={lang}
          required
          value={version.bodyMd}
          rows={10}
          onInput={(event) => onChange({ ...version, bodyMd: event.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for={`${id}-file`}>{t('readings.console.mdFile', { language })}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".md,.markdown,text/markdown,text/plain"
          aria-describedby={fileError ? `${id}-file-error` : undefined}
          onChange={(event) => void loadFile(event.currentTarget.files?.[0])}
        />
        {fileError ? (
          <span id={`${id}-file-error`} class="field-error">
            {fileError}
          </span>
        ) : null}
      </div>
      <p class="console-actions">
        <button
          type="button"
          class="button-quiet"
          aria-expanded={preview}
          aria-controls={`${id}-preview`}
          onClick={() => setPreview(!preview)}
        >
          {preview ? t('readings.console.hidePreview') : t('readings.console.preview')}
        </button>
        {onRemove ? (
          <button type="button" class="button-quiet" onClick={onRemove}>
            {t('readings.console.removeVersion', { language })}
          </button>
        ) : null}
      </p>
      <div id={`${id}-preview`} hidden={!preview}>
        {preview ? (
          <div class="reading-preview">
            <MarkdownPreview markdown={version.bodyMd} lang={lang} active={preview} />
          </div>
        ) : null}
      </div>
    </section>
  );
}

export function ReadingForm({ slug, week, languages, reading, onSaved, onCancel }: Props) {
  const { t, lang: interfaceLang } = useI18n();
  // A new reading starts in the organizer's own language, when the forum offers it.
  const [originalLang, setOriginalLang] = useState<Lang>(
    reading?.originalLang ?? (languages.includes(interfaceLang) ? interfaceLang : (languages[0] ?? 'en')),
  );
  const [versions, setVersions] = useState<Partial<Record<Lang, Version>>>(() =>
    Object.fromEntries((reading?.texts ?? []).map((text) => [text.lang, { title: text.title, bodyMd: text.bodyMd }])),
  );
  const [attachments, setAttachments] = useState(reading?.attachments ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const files = useRef<HTMLInputElement>(null);
  // One key per form: a second click, or a retry after a dropped answer, makes no second reading.
  const key = useRef(newIdempotencyKey());
  const created = useRef<EditorReading | null>(null);
  const empty: Version = { title: '', bodyMd: '' };
  const shown = languages.filter((lang) => lang === originalLang || versions[lang] !== undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const draft: ReadingDraft = {
      originalLang,
      texts: shown.map((lang) => ({
        lang,
        title: (versions[lang] ?? empty).title,
        bodyMd: (versions[lang] ?? empty).bodyMd,
      })),
    };
    const chosen = Array.from(files.current?.files ?? []);
    if (attachments.length + chosen.length > MAX_ATTACHMENTS_PER_READING) {
      setError(t('readings.console.tooManyFiles', { count: MAX_ATTACHMENTS_PER_READING }));
      setBusy(false);
      return;
    }
    try {
      // Every file first, each checked by the server: one refused and nothing is saved, so no
      // reading is ever published without the files its organizer chose.
      const failures: string[] = [];
      const uploads: string[] = [];
      for (const file of chosen) {
        try {
          uploads.push((await stageUpload(slug, week, file)).id);
        } catch (uploadError) {
          failures.push(
            t('readings.console.attachmentFailed', { name: file.name, message: errorMessage(uploadError) }),
          );
        }
      }
      if (failures.length) {
        setError([...failures, t('readings.console.nothingSaved')].join(' '));
        return;
      }
      // The reading and its files in one save; the form's one key makes a retry the same save.
      const base = reading ?? created.current;
      const saved = base
        ? await updateReading(base.id, draft, base.updatedAt, uploads)
        : await createReading(slug, week, draft, key.current, uploads);
      created.current = saved;
      if (files.current) files.current.value = '';
      setAttachments(saved.attachments);
      onSaved(saved, !reading);
    } catch (saveError) {
      setError(errorMessage(saveError));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (attachmentId: number) => {
    const id = (reading ?? created.current)?.id;
    if (!id) return;
    try {
      await removeAttachment(id, attachmentId);
      setAttachments((list) => list.filter((a) => a.id !== attachmentId));
    } catch (removeError) {
      setError(errorMessage(removeError));
    }
  };

  const heading = reading
    ? t('readings.console.editTitle', {
        title: reading.texts.find((x) => x.lang === reading.originalLang)?.title ?? '',
      })
    : t('readings.console.newTitle');
  return (
    <form
      class="reading-form"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="reading-form-heading"
      noValidate
    >
      <h2 id="reading-form-heading">{heading}</h2>
      <div class="field">
        <label for="reading-original-lang">{t('readings.console.originalLang')}</label>
        <select
          id="reading-original-lang"
          value={originalLang}
          aria-describedby="reading-original-lang-hint"
          onChange={(event) => setOriginalLang(event.currentTarget.value as Lang)}
        >
          {languages.map((lang) => (
            <option key={lang} value={lang}>
              {t(`languageNames.${lang}`)}
            </option>
          ))}
        </select>
        <span id="reading-original-lang-hint" class="hint">
          {t('readings.console.originalHint')}
        </span>
      </div>
      {shown.map((lang) => (
        <VersionFields
          key={lang}
          lang={lang}
          version={versions[lang] ?? empty}
          onChange={(version) => setVersions((all) => ({ ...all, [lang]: version }))}
          onRemove={lang === originalLang ? undefined : () => setVersions((all) => ({ ...all, [lang]: undefined }))}
        />
      ))}
      <p class="console-actions">
        {languages
          .filter((lang) => !shown.includes(lang))
          .map((lang) => (
            <button
              key={lang}
              type="button"
              class="button-quiet"
              onClick={() => setVersions((all) => ({ ...all, [lang]: { ...empty } }))}
            >
              {t('readings.console.addVersion', { language: t(`languageNames.${lang}`) })}
            </button>
          ))}
      </p>
      <fieldset>
        <legend>{t('readings.console.attachmentsLegend')}</legend>
        {attachments.length ? (
          <ul class="attachment-list">
            {attachments.map((attachment) => (
              <li key={attachment.id}>
                <AttachmentLink attachment={attachment} />{' '}
                <button type="button" class="link-button" onClick={() => void remove(attachment.id)}>
                  {t('readings.console.removeAttachment', { name: attachment.fileName })}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div class="field">
          <label for="reading-files">{t('readings.console.attachFiles')}</label>
          <input
            id="reading-files"
            ref={files}
            type="file"
            multiple
            aria-describedby="reading-files-hint"
            accept=".pdf,.pptx,.odp,.png,.jpg,.jpeg,.webp,application/pdf,image/png,image/jpeg,image/webp"
          />
          <span id="reading-files-hint" class="hint">
            {t('readings.console.attachHint')}
          </span>
        </div>
      </fieldset>
      <LiveMessage message={error} />
      <p class="console-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('readings.console.saving') : reading ? t('readings.console.save') : t('readings.console.create')}
        </button>
        <button type="button" class="button-quiet" onClick={onCancel}>
          {t('readings.console.cancel')}
        </button>
      </p>
    </form>
  );
}
