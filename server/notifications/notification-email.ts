// What the notification emails say, composed when they are delivered so they carry the latest
// text: each post by the reading rule (the original when the reader reads its language, else
// its published translation with who made it and a way to the original, else the original
// marked pending), grouped by week and thread, in the reader's interface language.
import { sql, type Kysely } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import {
  readerOf,
  withTitleTranslations,
  withTranslations,
  type TitleTranslation,
  type Translatable,
} from '../translation-policy/reader-view.ts';
import { emailString, escapeHtml } from '../mail/email-templates.ts';
import type { Composed, Recipient } from '../mail/outbox-render.ts';

const POSTS_PER_PAGE = 50;

export function threadUrl(
  base: string,
  slug: string,
  threadId: number,
  postsBefore: number,
  postId: number | null,
): string {
  const page = Math.floor(postsBefore / POSTS_PER_PAGE) + 1;
  return `${base}/forums/${slug}/threads/${threadId}${page > 1 ? `?page=${page}` : ''}${postId !== null ? `#post-${postId}` : ''}`;
}

export async function forumTitle(db: Kysely<DB>, forumId: number, lang: Lang) {
  return db
    .selectFrom('forums')
    .leftJoin('forum_texts', (join) =>
      join.onRef('forum_texts.forum_id', '=', 'forums.id').on('forum_texts.lang', '=', lang),
    )
    .select(['forums.slug', 'forum_texts.title'])
    .where('forums.id', '=', forumId)
    .executeTakeFirst();
}

export async function composeWeekOpened(
  db: Kysely<DB>,
  base: string,
  reader: Recipient,
  payload: Record<string, unknown>,
): Promise<Composed> {
  const week = await db
    .selectFrom('weeks')
    .innerJoin('forums', 'forums.id', 'weeks.forum_id')
    .leftJoin('week_texts', (join) =>
      join.onRef('week_texts.week_id', '=', 'weeks.id').on('week_texts.lang', '=', reader.interfaceLang),
    )
    .leftJoin('forum_texts', (join) =>
      join.onRef('forum_texts.forum_id', '=', 'forums.id').on('forum_texts.lang', '=', reader.interfaceLang),
    )
    .select(['weeks.number', 'week_texts.title as week_title', 'forums.slug', 'forum_texts.title as forum_title'])
    .where('weeks.id', '=', Number(payload.weekId))
    .executeTakeFirstOrThrow();
  return {
    values: {
      name: reader.displayName,
      weekNumber: week.number,
      weekTitle: week.week_title ?? '',
      forumTitle: week.forum_title ?? week.slug,
      weekUrl: `${base}/forums/${week.slug}/weeks/${week.number}`,
    },
    blocks: {},
  };
}

/**
 * The items of a batch or digest: the given notifications still worth telling (posts not hidden
 * since). An item may name a thread without a post (a reporter hears their report was handled,
 * even when the post is hidden): it is told in words, with a link, and quotes nothing.
 */
export async function composeActivity(
  db: Kysely<DB>,
  base: string,
  reader: Recipient,
  payload: Record<string, unknown>,
): Promise<Composed> {
  const lang = reader.interfaceLang;
  const ids = (payload.notificationIds as number[]).map(Number);
  const forum = await forumTitle(db, Number(payload.forumId), lang);
  const rows = await db
    .selectFrom('notifications')
    .leftJoin('posts', 'posts.id', 'notifications.post_id')
    .innerJoin('threads', (join) =>
      join.on(sql<boolean>`threads.id = coalesce(posts.thread_id, notifications.thread_id)`),
    )
    .innerJoin('weeks', 'weeks.id', 'threads.week_id')
    .leftJoin('week_texts', (join) =>
      join.onRef('week_texts.week_id', '=', 'weeks.id').on('week_texts.lang', '=', lang),
    )
    .leftJoin('users as actors', 'actors.id', 'notifications.actor_id')
    .select([
      'notifications.id',
      'notifications.type',
      'notifications.payload',
      'posts.id as post_id',
      'posts.original_lang',
      'posts.body_md',
      'posts.body_html',
      'posts.revision',
      'posts.parent_id',
      'posts.author_id',
      'posts.created_at',
      'threads.id as thread_id',
      'threads.title as thread_title',
      'threads.original_lang as thread_lang',
      'weeks.number as week_number',
      'week_texts.title as week_title',
      'actors.display_name as actor_name',
      sql<number>`(SELECT count(*)::int FROM posts earlier WHERE earlier.thread_id = posts.thread_id AND earlier.path < posts.path)`.as(
        'posts_before',
      ),
      // mustAnswerFirst for this reader: a prompt's answers stay unquoted until they have answered.
      sql<boolean>`threads.requires_own_answer AND posts.parent_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM posts own WHERE own.thread_id = threads.id AND own.author_id = ${reader.id})
        AND NOT EXISTS (SELECT 1 FROM users admin WHERE admin.id = ${reader.id} AND admin.is_admin)
        AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.forum_id = weeks.forum_id AND m.user_id = ${reader.id} AND m.role = 'organizer')`.as(
        'withheld',
      ),
    ])
    .where('notifications.id', 'in', ids.length > 0 ? ids : [0])
    .where((eb) => eb.or([eb('notifications.post_id', 'is', null), eb('posts.hidden_at', 'is', null)]))
    .orderBy('weeks.number')
    .orderBy('threads.id')
    .orderBy('posts.id')
    .execute();
  const reading = readerOf(reader, lang);
  type Item = (typeof rows)[number];
  // The post's columns, which the left join leaves null only for items without a post.
  type PostItem = Item & {
    post_id: number;
    original_lang: Lang;
    body_md: string;
    body_html: string;
    revision: number;
    author_id: number;
    created_at: Date;
  };
  const postItem = (row: Item): PostItem | null => (row.post_id === null ? null : (row as PostItem));
  const posts = new Map(
    (
      await withTranslations(
        db,
        rows
          .flatMap((row) => {
            const item = postItem(row);
            return item && !item.withheld ? [item] : [];
          })
          .map((row): Translatable & { lang: Lang; html: string | null } => ({
            id: row.post_id,
            lang: row.original_lang,
            html: row.body_html,
            revision: row.revision,
            translation: null,
            translationPending: false,
          })),
        reading,
      )
    ).map((post) => [post.id, post]),
  );
  const threadIds = [...new Set(rows.map((row) => row.thread_id))];
  const titles = new Map(
    (
      await withTitleTranslations(
        db,
        threadIds.map((id) => {
          const row = rows.find((r) => r.thread_id === id)!;
          return {
            id,
            title: { lang: row.thread_lang, value: row.thread_title },
            titleTranslation: null as TitleTranslation | null,
          };
        }),
        reading,
      )
    ).map((thread) => [thread.id, thread]),
  );
  const language = (code: Lang) => emailString(lang, `_languages.${code}`);

  const text: string[] = [];
  const html: string[] = [];
  let week = -1;
  let thread = -1;
  for (const row of rows) {
    if (row.week_number !== week) {
      week = row.week_number;
      thread = -1;
      const heading = emailString(lang, '_items.week', { number: row.week_number, title: row.week_title ?? '' });
      text.push(underlined(heading, '='));
      html.push(`<h2>${escapeHtml(heading)}</h2>`);
    }
    if (row.thread_id !== thread) {
      thread = row.thread_id;
      const title = titles.get(row.thread_id)!;
      const titleLang = title.titleTranslation?.lang ?? row.thread_lang;
      const titleText = title.titleTranslation?.value ?? row.thread_title;
      text.push(underlined(titleText, '-'));
      html.push(`<h3 lang="${titleLang}">${escapeHtml(titleText)}</h3>`);
    }
    const url = threadUrl(base, forum?.slug ?? '', row.thread_id, row.posts_before, row.post_id);
    const what = emailString(lang, `_items.${row.type.replaceAll('.', '_')}`, {
      actor: row.actor_name ?? '',
      language: language((row.payload.lang as Lang | undefined) ?? lang),
    });
    text.push(`* ${what}`);
    html.push(`<p><strong>${escapeHtml(what)}</strong></p>`);
    if (postItem(row) === null) {
      const told = postlessItem(lang, base, forum?.slug ?? '', row.type, row.payload, url);
      if (told.detail) {
        text.push(told.detail);
        html.push(`<p>${escapeHtml(told.detail)}</p>`);
      }
      text.push(`${told.linkText}: ${told.url}`);
      html.push(`<p><a href="${escapeHtml(told.url)}">${escapeHtml(told.linkText)}</a></p>`);
      continue;
    }
    const item = postItem(row)!;
    const post = posts.get(item.post_id);
    const translation = post?.translation;
    if (!post) {
      const withheld = emailString(lang, '_items.withheld');
      text.push(withheld);
      html.push(`<p><em>${escapeHtml(withheld)}</em></p>`);
    } else if (translation) {
      text.push(quote(htmlToText(translation.html)));
      html.push(`<blockquote lang="${translation.lang}">${translation.html}</blockquote>`);
      const credit = emailString(lang, '_items.translatedBy', {
        name: translation.translator.displayName,
        language: language(item.original_lang),
      });
      text.push(`(${credit} — ${emailString(lang, '_items.original')}: ${url})`);
      html.push(
        `<p><em>${escapeHtml(credit)}</em> — <a href="${escapeHtml(url)}">${escapeHtml(emailString(lang, '_items.original'))}</a></p>`,
      );
    } else {
      text.push(quote(htmlToText(item.body_html)));
      html.push(`<blockquote lang="${item.original_lang}">${item.body_html}</blockquote>`);
      if (post.translationPending) {
        const pending = emailString(lang, '_items.pending', { language: language(item.original_lang) });
        text.push(`(${pending})`);
        html.push(`<p><em>${escapeHtml(pending)}</em></p>`);
      }
    }
    text.push(`${emailString(lang, '_items.open')}: ${url}`);
    html.push(`<p><a href="${escapeHtml(url)}">${escapeHtml(emailString(lang, '_items.open'))}</a></p>`);
  }
  return {
    values: {
      name: reader.displayName,
      forumTitle: forum?.title ?? forum?.slug ?? '',
      headline: emailString(lang, rows.length === 1 ? '_items.headline_one' : '_items.headline_other', {
        count: rows.length,
      }),
      itemCount: rows.length,
    },
    blocks: { itemsText: text.join('\n\n'), itemsHtml: html.join('\n') },
  };
}

/** What an item without a post adds under its line: a report's outcome links to the reporter's own reports. */
function postlessItem(
  lang: Lang,
  base: string,
  slug: string,
  type: string,
  payload: Record<string, unknown>,
  threadLink: string,
) {
  if (type === 'report.handled') {
    const outcome = payload.outcome === 'acted_on' ? 'acted_on' : 'dismissed';
    return {
      detail: emailString(lang, `_items.report_outcome_${outcome}`),
      linkText: emailString(lang, '_items.my_reports'),
      url: `${base}/forums/${slug}/my-reports`,
    };
  }
  return { detail: null, linkText: emailString(lang, '_items.open'), url: threadLink };
}

function underlined(text: string, mark: '=' | '-'): string {
  return `${text}\n${mark.repeat(Math.max(3, [...text].length))}`;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, '&');
}

/**
 * Plain text of a post's stored, sanitized HTML (the Markdown pipeline's own output, so its
 * shapes are known), for the text part: links as "text (url)", list items marked, no tags.
 * Posts are contributors' text, so they are not parsed again here.
 */
function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<a [^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_m, href: string, inner: string) => {
        const text = inner.replace(/<[^>]*>/g, '');
        const url = decodeEntities(href);
        return decodeEntities(text) === url || decodeEntities(text) === url.replace(/^mailto:/, '')
          ? text
          : `${text} (${href})`;
      })
      .replace(/<li[^>]*>/g, '* ')
      .replace(/<br\s*\/?>/g, '\n')
      .replace(/<\/(p|li|h\d|blockquote|pre|tr)>/g, '\n\n')
      .replace(/<[^>]*>/g, ''),
  )
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function quote(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}
