// The organizers' view of translation: how deep the queue is per language pair, how old its
// oldest task, how fast translations were published this past week, what is overdue, and who
// translated how much.
import { sql, type Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB } from '../db/schema.ts';
import { assertOrganizer, forumAccessBySlug } from '../forums/forum-access.ts';
import { LIVE_STATUSES } from '../translation-policy/translation-tasks.queries.ts';
import { currentTime } from '../time/clock.ts';

const WEEK_MS = 7 * 24 * 3_600_000;

export async function translationDashboard(db: Kysely<DB>, slug: string, user: SessionUser, now = currentTime()) {
  const access = await forumAccessBySlug(db, slug, user);
  assertOrganizer(access);
  const forumId = access.forum.id;
  const since = new Date(now.getTime() - WEEK_MS);
  const [pairs, published, throughput] = await Promise.all([
    db
      .selectFrom('translation_tasks')
      .select(['source_lang', 'target_lang'])
      .select((eb) => [
        sql<number>`count(*)::int`.as('depth'),
        sql<number>`count(*) FILTER (WHERE due_at <= ${now})::int`.as('overdue'),
        eb.fn.min('created_at').as('oldest'),
      ])
      .where('forum_id', '=', forumId)
      .where('status', 'in', LIVE_STATUSES)
      .groupBy(['source_lang', 'target_lang'])
      .orderBy('source_lang')
      .orderBy('target_lang')
      .execute(),
    db
      .selectFrom('translation_tasks')
      .select(
        sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - created_at))`.as(
          'median_seconds',
        ),
      )
      .where('forum_id', '=', forumId)
      .where('status', '=', 'published')
      .where('closed_at', '>=', since)
      .executeTakeFirst(),
    db
      .selectFrom('translations')
      .innerJoin('users', 'users.id', 'translations.translator_id')
      .select(['users.id', 'users.display_name', 'translations.translator_role'])
      .select(sql<number>`count(*)::int`.as('count'))
      .where('translations.forum_id', '=', forumId)
      .where('translations.updated_at', '>=', since)
      .groupBy(['users.id', 'users.display_name', 'translations.translator_role'])
      .orderBy(sql`count(*)`, 'desc')
      .execute(),
  ]);
  const oldest = pairs.reduce<Date | null>((min, pair) => (!min || pair.oldest < min ? pair.oldest : min), null);
  return {
    pairs: pairs.map((pair) => ({
      from: pair.source_lang,
      to: pair.target_lang,
      depth: pair.depth,
      overdue: pair.overdue,
    })),
    openTasks: pairs.reduce((sum, pair) => sum + pair.depth, 0),
    overdue: pairs.reduce((sum, pair) => sum + pair.overdue, 0),
    oldestOpenAgeSeconds: oldest ? Math.round((now.getTime() - oldest.getTime()) / 1000) : null,
    medianSecondsToPublish7d:
      published?.median_seconds === null || published?.median_seconds === undefined
        ? null
        : Math.round(Number(published.median_seconds)),
    throughput7d: throughput.map((row) => ({
      userId: row.id,
      displayName: row.display_name,
      role: row.translator_role,
      count: row.count,
    })),
  };
}
