// Organizers read and change a forum's settings. One transaction locks the forum, checks the
// whole resulting state (zone, dates in order, languages, translation pairs) and rewrites every
// derived instant — forum start and end, deadline, each week's opening and closing — so a change
// of dates or zone never leaves one of them behind.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Forum, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { renderMarkdown } from '../markdown/markdown.ts';
import { cleanName } from '../http/text-rules.ts';
import { announceAccessChange } from '../events/access-changes.ts';
import { assertOrganizer, forumAccessBySlug } from './forum-access.ts';
import { localDate } from './forum-calendar.ts';
import { findForumTexts, findTranslationRules } from './forums.queries.ts';
import type { Enrolment, ForumSettings, SettingsChanges } from './forum-settings.schemas.ts';
import {
  findWeekDates,
  lockForum,
  replaceTranslationRules,
  upsertForumText,
  writeForumAudit,
  writeInstants,
} from './forum-settings.queries.ts';
import { assertCalendar, deriveInstants } from './schedule.rules.ts';
import { assertLimitsHoldSeats } from './seat-limits.ts';

/** The last day to apply: the deadline is stored as the first instant after it. */
export function deadlineDay(forum: Pick<Forum, 'application_deadline' | 'time_zone'>): string {
  return localDate(new Date(forum.application_deadline.getTime() - 1), forum.time_zone);
}

export function enrolmentOf(forum: Pick<Forum, 'open_enrolment' | 'invitation_only'>): Enrolment {
  return forum.open_enrolment ? 'open' : forum.invitation_only ? 'invitation' : 'application';
}

export async function organizerAccess(db: Kysely<DB>, slug: string, user: SessionUser) {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  return access;
}

async function settingsOf(db: Kysely<DB>, forum: Forum): Promise<ForumSettings> {
  const [texts, rules] = await Promise.all([findForumTexts(db, forum.id), findTranslationRules(db, forum.id)]);
  return {
    slug: forum.slug,
    published: forum.published,
    languages: forum.languages,
    timeZone: forum.time_zone,
    startsOn: forum.starts_on,
    endsOn: forum.ends_on,
    applicationDeadlineOn: deadlineDay(forum),
    enrolment: enrolmentOf(forum),
    publicArchive: forum.public_archive,
    weeksCloseAtEnd: forum.weeks_close_at_end,
    keyRespondentLimit: forum.key_respondent_limit,
    keyRespondentsPerWeek: forum.key_respondents_per_week,
    descriptionWordLimit: forum.description_word_limit,
    policyElementWordLimit: forum.policy_element_word_limit,
    caseStudyMinWords: forum.case_study_min_words,
    caseStudyMaxWords: forum.case_study_max_words,
    questionTargetHours: forum.question_target_hours,
    translation: {
      pairs: rules.map((rule) => ({ from: rule.source_lang, to: rule.target_lang })),
      targetHours: forum.translation_target_hours,
      claimMinutes: forum.translation_claim_minutes,
      reviewRequired: forum.translation_review_required,
    },
    texts: texts
      .sort((a, b) => a.lang.localeCompare(b.lang))
      .map((text) => ({ lang: text.lang, title: text.title, summary: text.summary, callMd: text.call_md })),
  };
}

export async function getForumSettings(db: Kysely<DB>, slug: string, user: SessionUser): Promise<ForumSettings> {
  const { forum } = await organizerAccess(db, slug, user);
  return settingsOf(db, forum);
}

/** Pairs must join two different languages the forum offers. */
export function assertPairs(pairs: { from: Lang; to: Lang }[], languages: Lang[]): void {
  const seen = new Set<string>();
  for (const pair of pairs) {
    const key = `${pair.from}>${pair.to}`;
    if (pair.from === pair.to || !languages.includes(pair.from) || !languages.includes(pair.to) || seen.has(key)) {
      throw new DomainError('translation_pair_outside_languages', { from: pair.from, to: pair.to });
    }
    seen.add(key);
  }
}

export async function updateForumSettings(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  changes: SettingsChanges,
): Promise<ForumSettings> {
  const { forum: found } = await organizerAccess(db, slug, actor);
  // Rendering runs in the worker pool, outside the transaction that holds the forum's lock.
  const texts = await Promise.all(
    (changes.texts ?? []).map(async (text) => ({
      lang: text.lang,
      title: cleanName(text.title, `texts.${text.lang}.title`),
      summary: text.summary.trim(),
      callMd: text.callMd,
      callHtml: await renderMarkdown(text.callMd, { field: `texts.${text.lang}.callMd`, authorId: actor.id }),
    })),
  );
  if (new Set(texts.map((text) => text.lang)).size !== texts.length)
    throw new DomainError('validation', { field: 'texts' });
  const updated = await db.transaction().execute(async (trx) => {
    const forum = await lockForum(trx, found.id);
    const weeks = await findWeekDates(trx, forum.id);
    const previousDeadline = deadlineDay(forum);
    const calendar = {
      timeZone: changes.timeZone ?? forum.time_zone,
      startsOn: changes.startsOn ?? forum.starts_on,
      endsOn: changes.endsOn ?? forum.ends_on,
      deadlineOn: changes.applicationDeadlineOn ?? previousDeadline,
      weeks: weeks.map((week) => ({ number: week.number, startsOn: week.starts_on })),
    };
    assertCalendar(calendar, { startsOn: forum.starts_on, deadlineOn: previousDeadline });
    const languages = changes.languages ?? forum.languages;
    for (const text of texts) if (!languages.includes(text.lang)) throw new DomainError('unsupported_language');
    const pairs =
      changes.translation?.pairs ??
      (await findTranslationRules(trx, forum.id)).map((rule) => ({ from: rule.source_lang, to: rule.target_lang }));
    assertPairs(pairs, languages);
    const enrolment = changes.enrolment ?? enrolmentOf(forum);
    // Checked against the resulting pair, so changing one bound alone is judged with the other.
    if (
      (changes.caseStudyMinWords ?? forum.case_study_min_words) >
      (changes.caseStudyMaxWords ?? forum.case_study_max_words)
    ) {
      throw new DomainError('case_study_words_out_of_order');
    }
    const policy = changes.translation;
    if (changes.keyRespondentLimit !== undefined || changes.keyRespondentsPerWeek !== undefined) {
      await assertLimitsHoldSeats(trx, forum.id, {
        total: changes.keyRespondentLimit ?? forum.key_respondent_limit,
        perWeek: changes.keyRespondentsPerWeek ?? forum.key_respondents_per_week,
      });
    }

    await trx
      .updateTable('forums')
      .set({
        published: changes.published,
        languages,
        time_zone: calendar.timeZone,
        starts_on: calendar.startsOn,
        ends_on: calendar.endsOn,
        open_enrolment: enrolment === 'open',
        invitation_only: enrolment === 'invitation',
        public_archive: changes.publicArchive,
        weeks_close_at_end: changes.weeksCloseAtEnd,
        key_respondent_limit: changes.keyRespondentLimit,
        key_respondents_per_week: changes.keyRespondentsPerWeek,
        description_word_limit: changes.descriptionWordLimit,
        policy_element_word_limit: changes.policyElementWordLimit,
        case_study_min_words: changes.caseStudyMinWords,
        case_study_max_words: changes.caseStudyMaxWords,
        question_target_hours: changes.questionTargetHours,
        translation_target_hours: policy?.targetHours,
        translation_claim_minutes: policy?.claimMinutes,
        translation_review_required: policy?.reviewRequired,
      })
      .where('id', '=', forum.id)
      .execute();
    await writeInstants(trx, forum.id, deriveInstants(calendar));
    // Weeks may open or close at other instants now: live readers re-check what they may see.
    await announceAccessChange(trx, { userId: null, forumId: forum.id });
    for (const text of texts) await upsertForumText(trx, forum.id, text);
    // Texts in a language the forum no longer offers go with it; one must remain.
    await trx.deleteFrom('forum_texts').where('forum_id', '=', forum.id).where('lang', 'not in', languages).execute();
    const remaining = await trx.selectFrom('forum_texts').select('lang').where('forum_id', '=', forum.id).execute();
    if (remaining.length === 0) throw new DomainError('validation', { field: 'texts' });
    if (policy) await replaceTranslationRules(trx, forum.id, pairs);
    await writeForumAudit(trx, {
      forumId: forum.id,
      actorId: actor.id,
      action: 'forum.settings_changed',
      targetType: 'forum',
      targetId: forum.id,
      reason: Object.keys(changes).sort().join(', '),
    });
    return trx.selectFrom('forums').selectAll().where('id', '=', forum.id).executeTakeFirstOrThrow();
  });
  return settingsOf(db, updated);
}
