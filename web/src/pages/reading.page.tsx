// One reading on its own page: its text by the reading rule (original, translation with who
// made it and a way back, or the original marked pending), its attachments, and the week's
// other readings, so the week page can stay a short table of contents above its discussion.
import { LoadError, useFallbackTitle } from '../components/load-error.tsx';
import { Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TranslatedBody } from '../components/translated.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { AttachmentList } from '../readings/attachment-list.tsx';
import type { ReadingPageAnswer } from '../readings/reading-types.ts';
import '../readings/readings.css';
import { NotFoundPage } from './not-found.page.tsx';

interface Props {
  slug: string;
  number: string;
  readingSlug: string;
}

function ReadingContent({ slug, number, readingSlug }: Props) {
  const { t } = useI18n();
  const weekHref = `/forums/${encodeURIComponent(slug)}/weeks/${number}`;
  const [{ data, error }, , retry] = useApi<ReadingPageAnswer>(
    `/api${weekHref}/readings/${encodeURIComponent(readingSlug)}`,
  );
  const fallbackTitle = useFallbackTitle(error);
  const backLink = (
    <p>
      <a href={weekHref}>{t('readings.backToWeek', { number })}</a>
    </p>
  );
  const reading = data?.reading;
  if (!reading) {
    return (
      <>
        <PageHeading text={fallbackTitle} />
        {error?.status === 403 ? (
          <Notice kind="warn">
            <p>{error.message}</p>
          </Notice>
        ) : error ? (
          <LoadError error={error} retry={retry} />
        ) : null}
        {error ? backLink : null}
      </>
    );
  }
  const others = reading.siblings.filter((sibling) => sibling.slug !== reading.slug);
  return (
    <>
      <PageHeading text={reading.title.value} lang={reading.title.lang} />
      <p class="meta">
        <a href={weekHref}>
          {t('readings.weekNumber', { number: reading.week.number })}
          {reading.week.title.value ? (
            <>
              : <span lang={reading.week.title.lang}>{reading.week.title.value}</span>
            </>
          ) : null}
        </a>
        <span>{t('readings.originalLanguage', { language: t(`languageNames.${reading.originalLang}`) })}</span>
      </p>
      {reading.published ? null : (
        <Notice kind="warn">
          <p>{t('readings.unpublishedNote')}</p>
        </Notice>
      )}
      <article class="reading-text" aria-label={reading.title.value}>
        <TranslatedBody
          itemKey={`reading:${reading.id}`}
          original={reading.body}
          translation={reading.translation}
          pending={reading.translationPending}
        />
      </article>
      {reading.attachments.length ? (
        <section aria-labelledby="attachments-heading">
          <h2 id="attachments-heading">{t('readings.attachments')}</h2>
          <AttachmentList attachments={reading.attachments} />
        </section>
      ) : null}
      {others.length ? (
        <nav aria-labelledby="other-readings-heading">
          <h2 id="other-readings-heading">{t('readings.otherReadings')}</h2>
          <ul>
            {others.map((other) => (
              <li key={other.slug}>
                <a href={`${weekHref}/readings/${other.slug}`} lang={other.title.lang}>
                  {other.title.value}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {backLink}
    </>
  );
}

export default function ReadingPage(props: Props) {
  return /^[1-9]\d{0,1}$/.test(props.number) && /^[a-z0-9][a-z0-9-]{0,79}$/.test(props.readingSlug) ? (
    <ReadingContent {...props} />
  ) : (
    <NotFoundPage />
  );
}
