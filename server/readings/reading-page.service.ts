// One reading as a member reads it, on its own page: the reading rule (original, translation
// with who made it, or pending), its attachments, and the week's other readings for moving on.
// Whoever may read the week's material may read it (a key respondent their prepared week);
// an unpublished reading exists for organizers only.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { assertMayReadWeekMaterial, forumAccessBySlug, preparedWeekId } from '../forums/forum-access.ts';
import { findWeek, findWeekTexts } from '../forums/forums.queries.ts';
import { chooseFileVersions, chooseForInterface, chooseVersion } from '../translation-policy/text-choice.ts';
import type { Viewer } from '../forums/forums.service.ts';
import { readerOf, withReadingTranslations } from '../translation-policy/reader-view.ts';
import { currentTime } from '../time/clock.ts';
import { attachmentViewOf } from '../attachments/attachment-view.ts';
import { findAttachments } from '../attachments/attachments.queries.ts';
import { findTexts, listWeekReadings } from './readings.queries.ts';

export async function readerReading(
  db: Kysely<DB>,
  slug: string,
  number: number,
  readingSlug: string,
  viewer: Viewer,
  now = currentTime(),
) {
  const access = await forumAccessBySlug(db, slug, viewer.user);
  const week = await findWeek(db, access.forum.id, number);
  if (!week) throw new DomainError('not_found');
  assertMayReadWeekMaterial(access, week, now, await preparedWeekId(db, access));
  const readings = (await listWeekReadings(db, week.id)).filter(
    (row) => row.unpublished_at === null || (row.slug === readingSlug && access.isOrganizer),
  );
  const row = readings.find((candidate) => candidate.slug === readingSlug);
  if (!row) throw new DomainError('not_found');
  const reader = readerOf(viewer.user, viewer.lang);
  const [texts, attachments, weekTexts] = await Promise.all([
    findTexts(
      db,
      readings.map((r) => r.id),
    ),
    findAttachments(db, 'reading', [row.id]),
    findWeekTexts(db, week.id),
  ]);
  const titleOf = (readingId: number, originalLang: typeof row.original_lang) => {
    const chosen = chooseVersion(
      texts.filter((text) => text.reading_id === readingId),
      originalLang,
      reader,
    )!;
    return { lang: chosen.lang, value: chosen.title };
  };
  const chosen = chooseVersion(
    texts.filter((text) => text.reading_id === row.id),
    row.original_lang,
    reader,
  );
  if (!chosen) throw new DomainError('not_found');
  const [shown] = await withReadingTranslations(
    db,
    [
      {
        id: row.id,
        revision: row.revision,
        originalLang: row.original_lang,
        body: { lang: chosen.lang, html: chosen.body_html },
        translation: null,
        translationPending: false,
      },
    ],
    reader,
  );
  const weekTitle = chooseForInterface(weekTexts, reader);
  return {
    id: row.id,
    slug: row.slug,
    originalLang: row.original_lang,
    title: { lang: chosen.lang, value: chosen.title },
    body: shown!.body,
    translation: shown!.translation,
    translationPending: shown!.translationPending,
    published: row.unpublished_at === null,
    // Like its text, a file given in several languages comes in the reader's first one.
    attachments: chooseFileVersions(attachments, row.original_lang, reader).map(attachmentViewOf('reading')),
    week: { number: week.number, title: { lang: weekTitle?.lang ?? viewer.lang, value: weekTitle?.title ?? '' } },
    siblings: readings
      .filter((r) => r.unpublished_at === null)
      .map((r) => ({ slug: r.slug, title: titleOf(r.id, r.original_lang) })),
  };
}
