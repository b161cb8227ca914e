// The schedule editor: weeks with their texts per language, added or removed before they open,
// and the forum's start moved with every week by the same number of days — previewed first
// (nothing written), then saved in one transaction that rewrites every derived instant. Changed
// week texts queue translation tasks per the forum's policy, as the content import does.
import type { Kysely, Transaction } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Forum, Week } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { renderMarkdown } from '../markdown/markdown.ts';
import { cleanName } from '../http/text-rules.ts';
import { announceAccessChange } from '../events/access-changes.ts';
import { queueTranslationTasks } from '../translation-policy/translation-tasks.queries.ts';
import { currentTime } from '../time/clock.ts';
import { addDays, weekState } from './forum-calendar.ts';
import { deadlineDay, organizerAccess } from './forum-settings.service.ts';
import { findWeekDates, lockForum, writeForumAudit, writeInstants } from './forum-settings.queries.ts';
import type { Move, NewWeek, Preview, Schedule, WeekChanges } from './schedule.schemas.ts';
import { findAllWeekTexts, findScheduleWeeks, removeWeek, upsertWeekText, weeksInUse } from './schedule.queries.ts';
import { assertCalendar, daysBetween, deriveInstants, type CalendarInput } from './schedule.rules.ts';

async function scheduleOf(db: Kysely<DB>, forum: Forum, now: Date): Promise<Schedule> {
  const [weeks, texts, inUse] = await Promise.all([
    findScheduleWeeks(db, forum.id),
    findAllWeekTexts(db, forum.id),
    weeksInUse(db, forum.id),
  ]);
  const instants = deriveInstants(calendarOf(forum, weeks));
  return {
    slug: forum.slug,
    timeZone: forum.time_zone,
    languages: forum.languages,
    startsOn: forum.starts_on,
    endsOn: forum.ends_on,
    weeksCloseAtEnd: forum.weeks_close_at_end,
    started: now >= forum.starts_at,
    weeks: weeks.map((week, index) => {
      const state = weekState(week, now);
      return {
        number: week.number,
        startsOn: week.starts_on,
        endsOn: instants.weeks[index]!.endsOn,
        opensAt: week.opens_at.toISOString(),
        closesAt: week.closes_at.toISOString(),
        state,
        originalLang: week.original_lang,
        writingClosesAtEnd: week.writing_closes_at_end,
        texts: texts
          .filter((text) => text.week_id === week.id)
          .map((text) => ({ lang: text.lang, title: text.title, summaryMd: text.summary_md })),
        removable: state === 'upcoming' && !inUse.has(week.id),
      };
    }),
  };
}

function calendarOf(forum: Forum, weeks: { number: number; starts_on: string }[]): CalendarInput {
  return {
    timeZone: forum.time_zone,
    startsOn: forum.starts_on,
    endsOn: forum.ends_on,
    deadlineOn: deadlineDay(forum),
    weeks: weeks.map((week) => ({ number: week.number, startsOn: week.starts_on })),
  };
}

export async function getSchedule(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  now = currentTime(),
): Promise<Schedule> {
  const { forum } = await organizerAccess(db, slug, actor);
  return scheduleOf(db, forum, now);
}

async function reload(db: Kysely<DB>, forumId: number, now: Date) {
  return scheduleOf(
    db,
    await db.selectFrom('forums').selectAll().where('id', '=', forumId).executeTakeFirstOrThrow(),
    now,
  );
}

/** Checks and renders a week's texts before any transaction: the original language must be among them. */
async function renderTexts(forum: Forum, originalLang: string, texts: NewWeek['texts'], actor: SessionUser) {
  if (new Set(texts.map((text) => text.lang)).size !== texts.length)
    throw new DomainError('validation', { field: 'texts' });
  for (const text of texts) if (!forum.languages.includes(text.lang)) throw new DomainError('unsupported_language');
  if (!texts.some((text) => text.lang === originalLang)) throw new DomainError('validation', { field: 'originalLang' });
  return Promise.all(
    texts.map(async (text) => ({
      lang: text.lang,
      title: cleanName(text.title, `texts.${text.lang}.title`),
      summaryMd: text.summaryMd,
      summaryHtml: await renderMarkdown(text.summaryMd, { field: `texts.${text.lang}.summaryMd`, authorId: actor.id }),
    })),
  );
}

/**
 * Writes a week's texts; when its original is new or changed, the week gets a new revision and
 * tasks for every language the policy asks for that the organizer did not write by hand.
 */
async function writeWeekTexts(
  trx: Transaction<DB>,
  forumId: number,
  week: Pick<Week, 'id' | 'revision' | 'original_lang'>,
  texts: Awaited<ReturnType<typeof renderTexts>>,
  isNew: boolean,
) {
  const before = await trx
    .selectFrom('week_texts')
    .select('summary_md')
    .where('week_id', '=', week.id)
    .where('lang', '=', week.original_lang)
    .executeTakeFirst();
  for (const text of texts) await upsertWeekText(trx, week.id, text);
  const original = texts.find((text) => text.lang === week.original_lang);
  if (!original || (!isNew && before?.summary_md === original.summaryMd)) return;
  let revision = week.revision;
  if (!isNew) {
    revision = (
      await trx
        .updateTable('weeks')
        .set((eb) => ({ revision: eb('weeks.revision', '+', 1) }))
        .where('weeks.id', '=', week.id)
        .returning('revision')
        .executeTakeFirstOrThrow()
    ).revision;
  }
  await queueTranslationTasks(
    trx,
    {
      forumId,
      weekId: week.id,
      itemType: 'week',
      itemId: week.id,
      sourceLang: week.original_lang,
      sourceRevision: revision,
    },
    { except: texts.map((text) => text.lang) },
  );
}

/** Recomputes and writes every instant after a change of the weeks' dates, and tells live readers to re-check. */
async function rewriteCalendar(trx: Transaction<DB>, forum: Forum, previous: CalendarInput): Promise<void> {
  const weeks = await findWeekDates(trx, forum.id);
  const calendar = calendarOf(forum, weeks);
  assertCalendar(calendar, previous);
  await writeInstants(trx, forum.id, deriveInstants(calendar));
  await announceAccessChange(trx, { userId: null, forumId: forum.id });
}

export async function addWeek(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  input: NewWeek,
  now = currentTime(),
): Promise<Schedule> {
  const { forum: found } = await organizerAccess(db, slug, actor);
  const texts = await renderTexts(found, input.originalLang, input.texts, actor);
  await db.transaction().execute(async (trx) => {
    const forum = await lockForum(trx, found.id);
    const weeks = await findWeekDates(trx, forum.id);
    const last = weeks.at(-1);
    const number = (last?.number ?? 0) + 1;
    const previous = calendarOf(forum, weeks);
    // Numbers follow dates, and a week keeps its number once set: links, emails and assignments
    // already name weeks by number. So a new week comes after the last one, never in between.
    if (last && input.startsOn <= last.starts_on)
      throw new DomainError('new_week_before_last', { number: last.number, startsOn: last.starts_on });
    assertCalendar({ ...previous, weeks: [...previous.weeks, { number, startsOn: input.startsOn }] }, previous);
    const instants = deriveInstants({ ...previous, weeks: [...previous.weeks, { number, startsOn: input.startsOn }] });
    const opensAt = instants.weeks.at(-1)!.opensAt;
    if (opensAt <= now) throw new DomainError('week_already_open', { number });
    const week = await trx
      .insertInto('weeks')
      .values({
        forum_id: forum.id,
        number,
        starts_on: input.startsOn,
        opens_at: opensAt,
        closes_at: instants.weeks.at(-1)!.closesAt,
        original_lang: input.originalLang,
        writing_closes_at_end: input.writingClosesAtEnd ?? null,
      })
      .returning(['id', 'revision', 'original_lang'])
      .executeTakeFirstOrThrow();
    await writeWeekTexts(trx, forum.id, week, texts, true);
    await rewriteCalendar(trx, forum, previous);
    await writeForumAudit(trx, {
      forumId: forum.id,
      actorId: actor.id,
      action: 'week.added',
      targetType: 'week',
      targetId: week.id,
      reason: `${number}: ${input.startsOn}`,
    });
  });
  return reload(db, found.id, now);
}

export async function changeWeek(
  db: Kysely<DB>,
  slug: string,
  number: number,
  actor: SessionUser,
  changes: WeekChanges,
  now = currentTime(),
): Promise<Schedule> {
  const { forum: found } = await organizerAccess(db, slug, actor);
  await db.transaction().execute(async (trx) => {
    const forum = await lockForum(trx, found.id);
    const week = await trx
      .selectFrom('weeks')
      .selectAll()
      .where('forum_id', '=', forum.id)
      .where('number', '=', number)
      .executeTakeFirst();
    if (!week) throw new DomainError('not_found');
    const weeks = await findWeekDates(trx, forum.id);
    const previous = calendarOf(forum, weeks);
    if (changes.startsOn !== undefined && changes.startsOn !== week.starts_on) {
      // An open or past week keeps its dates: its readers and writers already rely on them.
      if (weekState(week, now) !== 'upcoming') throw new DomainError('week_already_open', { number });
      const moved = deriveInstants({
        ...previous,
        weeks: previous.weeks.map((w) => (w.number === number ? { ...w, startsOn: changes.startsOn! } : w)),
      });
      if (moved.weeks.find((w) => w.number === number)!.opensAt <= now)
        throw new DomainError('week_already_open', { number });
      await trx.updateTable('weeks').set({ starts_on: changes.startsOn }).where('id', '=', week.id).execute();
    }
    if (changes.writingClosesAtEnd !== undefined) {
      await trx
        .updateTable('weeks')
        .set({ writing_closes_at_end: changes.writingClosesAtEnd })
        .where('id', '=', week.id)
        .execute();
    }
    const originalLang = changes.originalLang ?? week.original_lang;
    if (changes.originalLang !== undefined)
      await trx.updateTable('weeks').set({ original_lang: originalLang }).where('id', '=', week.id).execute();
    if (changes.texts) {
      const existing = await trx
        .selectFrom('week_texts')
        .select(['lang', 'title', 'summary_md'])
        .where('week_id', '=', week.id)
        .execute();
      // Texts left out of the change stay; the original must be among the week's texts.
      const merged = [
        ...changes.texts,
        ...existing
          .filter((text) => !changes.texts!.some((given) => given.lang === text.lang))
          .map((text) => ({ lang: text.lang, title: text.title, summaryMd: text.summary_md })),
      ];
      const texts = await renderTexts(forum, originalLang, merged, actor);
      await writeWeekTexts(
        trx,
        forum.id,
        { ...week, original_lang: originalLang },
        texts.filter((text) => changes.texts!.some((given) => given.lang === text.lang)),
        false,
      );
    } else if (changes.originalLang !== undefined) {
      const has = await trx
        .selectFrom('week_texts')
        .select('lang')
        .where('week_id', '=', week.id)
        .where('lang', '=', originalLang)
        .executeTakeFirst();
      if (!has) throw new DomainError('validation', { field: 'originalLang' });
    }
    await rewriteCalendar(trx, forum, previous);
    await writeForumAudit(trx, {
      forumId: forum.id,
      actorId: actor.id,
      action: 'week.changed',
      targetType: 'week',
      targetId: week.id,
      reason: Object.keys(changes).sort().join(', '),
    });
  });
  return reload(db, found.id, now);
}

export async function deleteWeek(
  db: Kysely<DB>,
  slug: string,
  number: number,
  actor: SessionUser,
  now = currentTime(),
): Promise<Schedule> {
  const { forum: found } = await organizerAccess(db, slug, actor);
  await db.transaction().execute(async (trx) => {
    const forum = await lockForum(trx, found.id);
    const week = await trx
      .selectFrom('weeks')
      .selectAll()
      .where('forum_id', '=', forum.id)
      .where('number', '=', number)
      .executeTakeFirst();
    if (!week) throw new DomainError('not_found');
    if (weekState(week, now) !== 'upcoming') throw new DomainError('week_already_open', { number });
    if ((await weeksInUse(trx, forum.id)).has(week.id)) throw new DomainError('week_in_use', { number });
    const previous = calendarOf(forum, await findWeekDates(trx, forum.id));
    await removeWeek(trx, forum.id, week.id, number);
    await rewriteCalendar(trx, forum, previous);
    await writeForumAudit(trx, {
      forumId: forum.id,
      actorId: actor.id,
      action: 'week.removed',
      targetType: 'week',
      targetId: week.id,
      reason: `${number}: ${week.starts_on}`,
    });
  });
  return reload(db, found.id, now);
}

/** The calendar after moving the start by whole days, every week and the last day with it. */
function moved(calendar: CalendarInput, startsOn: string): CalendarInput {
  const days = daysBetween(calendar.startsOn, startsOn);
  return {
    ...calendar,
    startsOn,
    endsOn: addDays(calendar.endsOn, days),
    weeks: calendar.weeks.map((week) => ({ number: week.number, startsOn: addDays(week.startsOn, days) })),
  };
}

function assertMayMove(forum: Forum, target: CalendarInput, now: Date): void {
  if (now >= forum.starts_at) throw new DomainError('forum_started');
  if (deriveInstants(target).startsAt <= now) throw new DomainError('forum_start_in_past');
}

function previewOf(before: CalendarInput, after: CalendarInput): Preview {
  const from = deriveInstants(before);
  const to = deriveInstants(after);
  const dates = (week: (typeof from.weeks)[number]) => ({
    startsOn: week.startsOn,
    endsOn: week.endsOn,
    opensAt: week.opensAt.toISOString(),
  });
  return {
    days: daysBetween(before.startsOn, after.startsOn),
    timeZone: before.timeZone,
    forum: {
      from: { startsOn: before.startsOn, endsOn: before.endsOn },
      to: { startsOn: after.startsOn, endsOn: after.endsOn },
    },
    weeks: from.weeks.map((week, index) => ({ number: week.number, from: dates(week), to: dates(to.weeks[index]!) })),
  };
}

/** What moving the start would do, old and new dates side by side; writes nothing. */
export async function previewMove(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  startsOn: string,
  now = currentTime(),
): Promise<Preview> {
  const { forum } = await organizerAccess(db, slug, actor);
  const before = calendarOf(forum, await findScheduleWeeks(db, forum.id));
  const after = moved(before, startsOn);
  assertMayMove(forum, after, now);
  assertCalendar(after, before);
  return previewOf(before, after);
}

/**
 * Asks the cohort to reconfirm, inside the move's transaction; the applications domain provides
 * it (forums sit below it). `forum` is the row with its new dates.
 */
export type Reconfirm = (
  trx: Transaction<DB>,
  forum: Forum,
  actor: SessionUser,
  message: string,
  now: Date,
) => Promise<{ recipients: number }>;

export async function moveStart(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  input: Move,
  reconfirm: Reconfirm,
  now = currentTime(),
) {
  const { forum: found } = await organizerAccess(db, slug, actor);
  const reconfirmation = await db.transaction().execute(async (trx) => {
    const forum = await lockForum(trx, found.id);
    const before = calendarOf(forum, await findWeekDates(trx, forum.id));
    const after = moved(before, input.startsOn);
    assertMayMove(forum, after, now);
    assertCalendar(after, before);
    const shift = daysBetween(before.startsOn, after.startsOn);
    // Sending the same move twice finds nothing left to shift, and asks nobody again.
    if (shift === 0) return null;
    await trx
      .updateTable('forums')
      .set({ starts_on: after.startsOn, ends_on: after.endsOn })
      .where('id', '=', forum.id)
      .execute();
    await writeInstants(trx, forum.id, deriveInstants(after));
    await announceAccessChange(trx, { userId: null, forumId: forum.id });
    await writeForumAudit(trx, {
      forumId: forum.id,
      actorId: actor.id,
      action: 'schedule.moved',
      targetType: 'forum',
      targetId: forum.id,
      reason: `${before.startsOn} → ${after.startsOn} (${shift} d)`,
    });
    if (!input.reconfirm) return null;
    // Same transaction: people are asked about the new dates only if the move is committed,
    // and a move never commits without the reconfirmation it was saved with.
    const movedForum = await trx.selectFrom('forums').selectAll().where('id', '=', forum.id).executeTakeFirstOrThrow();
    return { recipients: (await reconfirm(trx, movedForum, actor, input.message ?? '', now)).recipients };
  });
  return { schedule: await reload(db, found.id, now), reconfirmation };
}
