// What organizers' notification emails say, composed at delivery in each organizer's language:
// a report filed on a post (who, why, a link to the post), and the translation tasks that passed
// the forum's target (how many per language pair, a link to the dashboard).
import { sql, type Kysely } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import { emailString, escapeHtml } from '../mail/email-templates.ts';
import { forumTitle, threadUrl } from './notification-email.ts';
import type { Composed, Recipient } from '../mail/outbox-render.ts';

export async function composeReportFiled(
  db: Kysely<DB>,
  base: string,
  reader: Recipient,
  payload: Record<string, unknown>,
): Promise<Composed> {
  const report = await db
    .selectFrom('reports')
    .innerJoin('posts', 'posts.id', 'reports.post_id')
    .innerJoin('users as reporter', 'reporter.id', 'reports.reporter_id')
    .select([
      'reports.forum_id',
      'reports.reason',
      'reporter.display_name as reporter_name',
      'posts.id as post_id',
      'posts.thread_id',
      sql<number>`(SELECT count(*)::int FROM posts earlier WHERE earlier.thread_id = posts.thread_id AND earlier.path < posts.path)`.as(
        'posts_before',
      ),
    ])
    .where('reports.id', '=', Number(payload.reportId))
    .executeTakeFirstOrThrow();
  const forum = await forumTitle(db, report.forum_id, reader.interfaceLang);
  return {
    values: {
      name: reader.displayName,
      forumTitle: forum?.title ?? forum?.slug ?? '',
      reporter: report.reporter_name,
      reason: report.reason,
      postUrl: threadUrl(base, forum?.slug ?? '', report.thread_id, report.posts_before, report.post_id),
    },
    blocks: {},
  };
}

export async function composeTranslationOverdue(
  db: Kysely<DB>,
  base: string,
  reader: Recipient,
  payload: Record<string, unknown>,
): Promise<Composed> {
  const lang = reader.interfaceLang;
  const forum = await forumTitle(db, Number(payload.forumId), lang);
  const pairs = (payload.pairs as { from: Lang; to: Lang; count: number }[]).map((pair) =>
    emailString(lang, 'translation_overdue.pair', {
      from: emailString(lang, `_languages.${pair.from}`),
      to: emailString(lang, `_languages.${pair.to}`),
      number: pair.count,
    }),
  );
  return {
    values: {
      name: reader.displayName,
      forumTitle: forum?.title ?? forum?.slug ?? '',
      count: Number(payload.count),
      dashboardUrl: `${base}/forums/${forum?.slug ?? ''}/translation-dashboard`,
    },
    blocks: {
      itemsText: pairs.map((pair) => `* ${pair}`).join('\n'),
      itemsHtml: `<ul>${pairs.map((pair) => `<li>${escapeHtml(pair)}</li>`).join('')}</ul>`,
    },
  };
}
