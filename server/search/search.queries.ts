// The search's SQL: one statement finds a page of items the reader may read (every language of
// every item matched in its own language's configuration, one row per item, ranked, keyset-paged),
// then one reads the page's texts in all their languages, and one marks the matched words.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';

export type SearchKind = 'post' | 'question' | 'thread' | 'reading' | 'case_study' | 'policy_element';
/** What a match is stored as: questions are posts until the item's row says otherwise. */
type BaseKind = 'post' | 'thread' | 'reading' | 'case_study' | 'policy_element';

/** Which forums the reader reads, and how (forum-access.ts's rules, decided per forum by the service). */
export interface SearchScope {
  readerId: number;
  /** Forums the reader organizes (or every forum, for a site admin): everything, as organizers see it. */
  organizerForums: number[];
  /** Forums the reader is a member of: the time box and every reader's rule. */
  memberForums: number[];
  /** Closed public archives the reader is not part of: the members' rules, and each author's consent. */
  archiveForums: number[];
  /** The week a key respondent prepares: its readings open early for them. */
  preparedWeeks: number[];
}

export interface SearchFilter {
  lang?: Lang;
  kind?: SearchKind;
  weekNumber?: number;
  authorId?: number;
}

export interface SearchCursor {
  rank: string;
  sortUs: number;
  kind: string;
  id: number;
  asOf: Date;
}

export interface MatchRow {
  kind: BaseKind;
  item_id: number;
  lang: Lang;
  rank: string;
  sort_us: number;
  forum_id: number;
  week_number: number;
  author_id: number | null;
  is_question: boolean;
}

// An int[] as its literal, which both drivers pass as one text parameter.
const intArray = (ids: number[]) => `{${ids.join(',')}}`;

const tsquery = (config: string, q: string) => sql`websearch_to_tsquery(${sql.lit(config)}::regconfig, ${q})`;

/**
 * The vector matched in its row's language only, so each text is stemmed and excluded (`-word`)
 * by its own language's rules; three ORed index conditions, which PostgreSQL answers with a
 * BitmapOr of GIN scans.
 */
function matchesIn(vector: RawBuilder<unknown>, lang: RawBuilder<unknown>, q: string) {
  return sql`((${lang} = 'en' AND ${vector} @@ ${tsquery('tertulia_en', q)})
    OR (${lang} = 'es' AND ${vector} @@ ${tsquery('tertulia_es', q)})
    OR (${lang} = 'fr' AND ${vector} @@ ${tsquery('tertulia_fr', q)}))`;
}

function rankIn(vector: RawBuilder<unknown>, lang: RawBuilder<unknown>, q: string) {
  return sql`round(ts_rank(${vector}, CASE ${lang} WHEN 'es' THEN ${tsquery('tertulia_es', q)}
    WHEN 'fr' THEN ${tsquery('tertulia_fr', q)} ELSE ${tsquery('tertulia_en', q)} END)::numeric, 6)`;
}

/**
 * How many of the newest matches of each kind (and of the translations) are ranked. A common word
 * matches most of a large forum; ranking every match cost tens of thread pages (bench/results.md),
 * while the newest two hundred are found by walking the primary key backwards and stopping early.
 * A rare word's matches all fit, so its ranking is exact; a common one ranks its newest matches.
 */
export const SEARCH_CANDIDATES = 200;

/**
 * One kind's candidates: matched in the row's own language, in the forums the reader reads, the
 * newest first and bounded, then ranked (ranking after the limit reads each vector once more, for
 * a few hundred rows only).
 */
function branch(
  kind: BaseKind,
  table: string,
  idColumn: string,
  langColumn: string,
  q: string,
  inForums: RawBuilder<unknown>,
  extra: RawBuilder<unknown>,
  bound: RawBuilder<unknown>,
) {
  const vector = sql.ref(`c.search_vector`);
  const lang = sql.ref(`c.lang`);
  return sql`SELECT ${sql.lit(kind)}::text AS kind, c.item_id, c.lang, ${rankIn(vector, lang, q)} AS rank
    FROM (SELECT ${sql.ref(`${table}.${idColumn}`)} AS item_id, ${sql.ref(`${table}.${langColumn}`)} AS lang,
        ${sql.ref(`${table}.search_vector`)} AS search_vector
      FROM ${sql.table(table)}
      WHERE ${matchesIn(sql.ref(`${table}.search_vector`), sql.ref(`${table}.${langColumn}`), q)} AND ${inForums} ${extra}
      ORDER BY ${sql.ref(`${table}.${idColumn}`)} DESC ${bound}) c`;
}

const BASE_OF: Record<SearchKind, BaseKind> = {
  post: 'post',
  question: 'post',
  thread: 'thread',
  reading: 'reading',
  case_study: 'case_study',
  policy_element: 'policy_element',
};

export async function findMatches(db: Kysely<DB>, ...args: Parameters<typeof matchesQuery>): Promise<MatchRow[]> {
  return (await matchesQuery(...args).execute(db)).rows;
}

/** The statement findMatches runs (the benchmark EXPLAINs it). */
export function matchesQuery(
  q: string,
  scope: SearchScope,
  filter: SearchFilter,
  cursor: SearchCursor | null,
  now: Date,
  asOf: Date,
  limit: number,
) {
  const me = scope.readerId;
  const langFilter = (table: string, column: string) =>
    filter.lang ? sql`AND ${sql.ref(`${table}.${column}`)} = ${filter.lang}` : sql``;
  const base = filter.kind ? BASE_OF[filter.kind] : null;
  const translated = sql`AND translations.item_type = ${base === 'thread' ? 'thread_title' : base}`;
  // A week or an author narrows the matches to what one filter holds, so all of them are ranked:
  // the newest few hundred of the whole forum might hold none of that week's or that author's.
  const bound =
    filter.weekNumber === undefined && filter.authorId === undefined ? sql`LIMIT ${sql.lit(SEARCH_CANDIDATES)}` : sql``;
  const readable = sql`${intArray([...scope.organizerForums, ...scope.memberForums, ...scope.archiveForums])}::int[]`;
  // Written after the first page's instant: not a candidate, so later pages' windows do not shift.
  const ownForum = (table: string, writtenAt: string) =>
    sql`${sql.ref(`${table}.forum_id`)} = ANY(${readable}) AND ${sql.ref(`${table}.${writtenAt}`)} <= ${asOf}`;
  const branches = [
    base === null || base === 'post'
      ? branch(
          'post',
          'posts',
          'id',
          'original_lang',
          q,
          sql`posts.created_at <= ${asOf} AND EXISTS (SELECT 1 FROM threads st WHERE st.id = posts.thread_id AND st.forum_id = ANY(${readable}))`,
          langFilter('posts', 'original_lang'),
          bound,
        )
      : null,
    base === null || base === 'thread'
      ? branch(
          'thread',
          'threads',
          'id',
          'original_lang',
          q,
          ownForum('threads', 'created_at'),
          langFilter('threads', 'original_lang'),
          bound,
        )
      : null,
    base === null || base === 'reading'
      ? branch(
          'reading',
          'reading_texts',
          'reading_id',
          'lang',
          q,
          sql`EXISTS (SELECT 1 FROM readings sr JOIN weeks sw ON sw.id = sr.week_id
            WHERE sr.id = reading_texts.reading_id AND sw.forum_id = ANY(${readable}))`,
          langFilter('reading_texts', 'lang'),
          bound,
        )
      : null,
    base === null || base === 'case_study'
      ? branch(
          'case_study',
          'case_studies',
          'id',
          'original_lang',
          q,
          ownForum('case_studies', 'created_at'),
          langFilter('case_studies', 'original_lang'),
          bound,
        )
      : null,
    base === null || base === 'policy_element'
      ? branch(
          'policy_element',
          'policy_elements',
          'id',
          'original_lang',
          q,
          ownForum('policy_elements', 'created_at'),
          langFilter('policy_elements', 'original_lang'),
          bound,
        )
      : null,
    // Published translations: their item is the original's, so an item matched in several languages is one hit.
    sql`SELECT CASE c.item_type WHEN 'thread_title' THEN 'thread' ELSE c.item_type END AS kind,
        c.item_id, c.lang, ${rankIn(sql.ref('c.search_vector'), sql.ref('c.lang'), q)} AS rank
      FROM (SELECT translations.item_type, translations.item_id, translations.target_lang AS lang, translations.search_vector
        FROM translations
        WHERE ${matchesIn(sql.ref('translations.search_vector'), sql.ref('translations.target_lang'), q)}
          AND ${ownForum('translations', 'published_at')}
          AND translations.item_type <> 'week' ${base === null ? sql`` : translated} ${langFilter('translations', 'target_lang')}
        ORDER BY translations.id DESC ${bound}) c`,
  ].filter((part) => part !== null);

  const organizer = sql`i.forum_id = ANY(${intArray(scope.organizerForums)}::int[])`;
  const archive = sql`i.forum_id = ANY(${intArray(scope.archiveForums)}::int[])`;
  const consented = sql`EXISTS (SELECT 1 FROM publication_consents pc WHERE pc.forum_id = i.forum_id
    AND pc.user_id = i.author_id AND pc.choice IN ('named', 'anonymous'))`;
  const named = sql`EXISTS (SELECT 1 FROM publication_consents pc WHERE pc.forum_id = i.forum_id
    AND pc.user_id = i.author_id AND pc.choice = 'named')`;
  const kindWanted =
    filter.kind === 'question' ? sql`AND i.is_question` : filter.kind === 'post' ? sql`AND NOT i.is_question` : sql``;
  const keyset = cursor
    ? sql`AND (i.rank, i.sort_us, i.kind, i.item_id) < (${cursor.rank}::numeric, ${cursor.sortUs}::bigint, ${cursor.kind}::text, ${cursor.id}::int)`
    : sql``;

  return sql<MatchRow>`
    WITH matches AS (${sql.join(branches, sql` UNION ALL `)}),
    best AS (
      SELECT DISTINCT ON (kind, item_id) kind, item_id, lang, rank FROM matches ORDER BY kind, item_id, rank DESC, lang
    ),
    -- Each kind joined as a set (hash joins), not item by item: a common word matches tens of thousands.
    items AS (
      SELECT x.*, (extract(epoch FROM x.sort_at) * 1000000)::bigint AS sort_us FROM (
        -- Posts: hidden ones, and a prompt's answers before the reader has answered it, are for organizers only.
        SELECT best.*, t.forum_id, t.week_id, w.number AS week_number, w.opens_at, p.author_id, p.created_at,
          p.created_at AS sort_at, p.addressed_to IS NOT NULL AS is_question, false AS insider,
          p.hidden_at IS NULL AND NOT (t.requires_own_answer AND p.parent_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM posts own WHERE own.thread_id = t.id AND own.author_id = ${me})) AS readable
        FROM best JOIN posts p ON p.id = best.item_id JOIN threads t ON t.id = p.thread_id JOIN weeks w ON w.id = t.week_id
        WHERE best.kind = 'post'
        UNION ALL
        SELECT best.*, t.forum_id, t.week_id, w.number, w.opens_at, t.author_id, t.created_at, t.created_at, false, false, true
        FROM best JOIN threads t ON t.id = best.item_id JOIN weeks w ON w.id = t.week_id
        -- A case study's discussion bears its title: the case study's own hit stands for both.
        WHERE best.kind = 'thread' AND t.kind <> 'case_study'
        UNION ALL
        -- Readings: published ones; a key respondent reads the week they prepare before it opens.
        SELECT best.*, w.forum_id, w.id, w.number, w.opens_at, NULL::int, '-infinity'::timestamptz, r.updated_at, false,
          r.unpublished_at IS NULL AND w.id = ANY(${intArray(scope.preparedWeeks)}::int[]), r.unpublished_at IS NULL
        FROM best JOIN readings r ON r.id = best.item_id JOIN weeks w ON w.id = r.week_id
        WHERE best.kind = 'reading'
        UNION ALL
        -- Case studies: their author and organizers read them at every stage, members once published
        -- (an approved one is published when its week opens, as case-studies/publication.service.ts does).
        SELECT best.*, cs.forum_id, cs.week_id, w.number, w.opens_at, cs.author_id, cs.created_at,
          coalesce(cs.published_at, cs.created_at), false, cs.author_id = ${me},
          cs.status = 'published' OR (cs.status = 'approved' AND w.opens_at <= ${now})
        FROM best JOIN case_studies cs ON cs.id = best.item_id JOIN weeks w ON w.id = cs.week_id
        WHERE best.kind = 'case_study'
        UNION ALL
        -- Policy elements: accepted ones; a proposer also reads their own proposal.
        SELECT best.*, pe.forum_id, pe.week_id, w.number, w.opens_at, pe.proposed_by, pe.created_at, pe.created_at, false,
          pe.status = 'proposed' AND EXISTS (SELECT 1 FROM policy_element_proposers pp
            WHERE pp.element_id = pe.id AND pp.user_id = ${me}),
          pe.status = 'accepted'
        FROM best JOIN policy_elements pe ON pe.id = best.item_id JOIN weeks w ON w.id = pe.week_id
        WHERE best.kind = 'policy_element'
      ) x
    )
    SELECT i.kind, i.item_id, i.lang, i.rank::text AS rank, i.sort_us, i.forum_id, i.week_number, i.author_id, i.is_question
    FROM items i
    WHERE (${organizer} OR (
        (i.forum_id = ANY(${intArray(scope.memberForums)}::int[]) OR ${archive})
        AND (i.insider OR (i.readable AND i.opens_at <= ${now}))
        -- The public archive leaves out the words of whoever did not consent to appear (consent/archive-authors.ts).
        AND (NOT ${archive} OR i.author_id IS NULL OR i.author_id = ${me} OR ${consented})))
      AND i.created_at <= ${asOf}
      ${kindWanted}
      ${filter.weekNumber === undefined ? sql`` : sql`AND i.week_number = ${filter.weekNumber}`}
      ${
        filter.authorId === undefined
          ? sql``
          : // An anonymous author is not findable by who they are in an archive they chose to be anonymous in.
            sql`AND i.author_id = ${filter.authorId} AND (NOT ${archive} OR i.author_id = ${me} OR ${named})`
      }
      ${keyset}
    ORDER BY i.rank DESC, i.sort_us DESC, i.kind DESC, i.item_id DESC
    LIMIT ${limit}`;
}

export interface TextVersion {
  lang: Lang;
  title: string | null;
  body: string;
  translation: boolean;
}

export interface ItemTexts {
  originalLang: Lang;
  versions: TextVersion[];
  threadId: number | null;
  /** Posts before this one in its thread's order, for the thread page it is on. */
  postsBefore: number;
  readingSlug: string | null;
  authorName: string | null;
  createdAt: Date;
}

const itemKey = (kind: BaseKind, id: number) => `${kind}:${id}`;

/** Every language of the page's items: originals (a reading's language versions too) and published translations. */
export async function findItemTexts(db: Kysely<DB>, items: { kind: BaseKind; id: number }[]) {
  const ids = (kind: BaseKind) => {
    const list = items.filter((item) => item.kind === kind).map((item) => item.id);
    return list.length > 0 ? list : [0];
  };
  const [posts, threads, readings, studies, elements] = await Promise.all([
    db
      .selectFrom('posts')
      .innerJoin('users', 'users.id', 'posts.author_id')
      .select([
        'posts.id',
        'posts.thread_id',
        'posts.original_lang',
        'posts.body_md',
        'posts.created_at',
        'users.display_name',
        sql<number>`(SELECT count(*)::int FROM posts earlier WHERE earlier.thread_id = posts.thread_id AND earlier.path < posts.path)`.as(
          'posts_before',
        ),
      ])
      .where('posts.id', 'in', ids('post'))
      .execute(),
    db
      .selectFrom('threads')
      .innerJoin('users', 'users.id', 'threads.author_id')
      .select(['threads.id', 'threads.title', 'threads.original_lang', 'threads.created_at', 'users.display_name'])
      .where('threads.id', 'in', ids('thread'))
      .execute(),
    db
      .selectFrom('readings')
      .innerJoin('reading_texts', 'reading_texts.reading_id', 'readings.id')
      .select([
        'readings.id',
        'readings.slug',
        'readings.original_lang',
        'readings.updated_at',
        'reading_texts.lang',
        'reading_texts.title',
        'reading_texts.body_md',
      ])
      .where('readings.id', 'in', ids('reading'))
      .execute(),
    db
      .selectFrom('case_studies')
      .innerJoin('users', 'users.id', 'case_studies.author_id')
      .select([
        'case_studies.id',
        'case_studies.title',
        'case_studies.body_md',
        'case_studies.original_lang',
        'case_studies.thread_id',
        'case_studies.created_at',
        'users.display_name',
      ])
      .where('case_studies.id', 'in', ids('case_study'))
      .execute(),
    db
      .selectFrom('policy_elements')
      .innerJoin('users', 'users.id', 'policy_elements.proposed_by')
      .select([
        'policy_elements.id',
        'policy_elements.body_md',
        'policy_elements.original_lang',
        'policy_elements.created_at',
        'users.display_name',
      ])
      .where('policy_elements.id', 'in', ids('policy_element'))
      .execute(),
  ]);
  // A post is shown under its thread's title: the threads of the page's posts need their titles too.
  const postThreads = [...new Set(posts.map((post) => post.thread_id))];
  const [postThreadRows, translations] = await Promise.all([
    db
      .selectFrom('threads')
      .select(['id', 'title', 'original_lang'])
      .where('id', 'in', postThreads.length > 0 ? postThreads : [0])
      .execute(),
    db
      .selectFrom('translations')
      .select(['item_type', 'item_id', 'target_lang', 'body_md'])
      .where((eb) =>
        eb.or([
          eb.and([eb('item_type', '=', 'post'), eb('item_id', 'in', ids('post'))]),
          eb.and([eb('item_type', '=', 'thread_title'), eb('item_id', 'in', [...ids('thread'), ...postThreads])]),
          eb.and([eb('item_type', '=', 'reading'), eb('item_id', 'in', ids('reading'))]),
          eb.and([eb('item_type', '=', 'case_study'), eb('item_id', 'in', ids('case_study'))]),
          eb.and([eb('item_type', '=', 'policy_element'), eb('item_id', 'in', ids('policy_element'))]),
        ]),
      )
      .execute(),
  ]);
  const translated = (type: string, id: number) =>
    translations.filter((row) => row.item_type === type && row.item_id === id);
  const titleVersions = (threadId: number, title: string, lang: Lang): TextVersion[] => [
    { lang, title: null, body: title, translation: false },
    ...translated('thread_title', threadId).map((row) => ({
      lang: row.target_lang,
      title: null,
      body: row.body_md,
      translation: true,
    })),
  ];

  const texts = new Map<string, ItemTexts>();
  const threadTitles = new Map<number, { originalLang: Lang; versions: TextVersion[] }>();
  for (const thread of postThreadRows)
    threadTitles.set(thread.id, {
      originalLang: thread.original_lang,
      versions: titleVersions(thread.id, thread.title, thread.original_lang),
    });
  for (const post of posts)
    texts.set(itemKey('post', post.id), {
      originalLang: post.original_lang,
      versions: [
        { lang: post.original_lang, title: null, body: post.body_md, translation: false },
        ...translated('post', post.id).map((row) => ({
          lang: row.target_lang,
          title: null,
          body: row.body_md,
          translation: true,
        })),
      ],
      threadId: post.thread_id,
      postsBefore: post.posts_before,
      readingSlug: null,
      authorName: post.display_name,
      createdAt: post.created_at,
    });
  for (const thread of threads)
    texts.set(itemKey('thread', thread.id), {
      originalLang: thread.original_lang,
      versions: titleVersions(thread.id, thread.title, thread.original_lang),
      threadId: thread.id,
      postsBefore: 0,
      readingSlug: null,
      authorName: thread.display_name,
      createdAt: thread.created_at,
    });
  for (const row of readings) {
    const key = itemKey('reading', row.id);
    const entry = texts.get(key) ?? {
      originalLang: row.original_lang,
      versions: translated('reading', row.id).map((tr) => ({
        lang: tr.target_lang,
        title: null,
        body: tr.body_md,
        translation: true,
      })),
      threadId: null,
      postsBefore: 0,
      readingSlug: row.slug,
      authorName: null,
      createdAt: row.updated_at,
    };
    // A language version organizers wrote stands before a translation into the same language.
    entry.versions = [
      { lang: row.lang, title: row.title, body: row.body_md, translation: false },
      ...entry.versions.filter((version) => version.lang !== row.lang || !version.translation),
    ];
    texts.set(key, entry);
  }
  for (const study of studies)
    texts.set(itemKey('case_study', study.id), {
      originalLang: study.original_lang,
      versions: [
        { lang: study.original_lang, title: study.title, body: study.body_md, translation: false },
        ...translated('case_study', study.id).map((row) => ({
          lang: row.target_lang,
          title: null,
          body: row.body_md,
          translation: true,
        })),
      ],
      threadId: study.thread_id,
      postsBefore: 0,
      readingSlug: null,
      authorName: study.display_name,
      createdAt: study.created_at,
    });
  for (const element of elements)
    texts.set(itemKey('policy_element', element.id), {
      originalLang: element.original_lang,
      versions: [
        { lang: element.original_lang, title: null, body: element.body_md, translation: false },
        ...translated('policy_element', element.id).map((row) => ({
          lang: row.target_lang,
          title: null,
          body: row.body_md,
          translation: true,
        })),
      ],
      threadId: null,
      postsBefore: 0,
      readingSlug: null,
      authorName: element.display_name,
      createdAt: element.created_at,
    });
  return { texts, threadTitles, key: itemKey };
}

/** A text up to this long is shown whole; a longer one by its best fragments. */
const WHOLE_TEXT_MAX = 320;

/**
 * The matched words of each shown text, between two control characters no stored text keeps
 * (the service removes them first), so the caller splits the excerpt into marked and plain
 * parts and never passes ts_headline's output on as HTML.
 */
export async function headlines(db: Kysely<DB>, q: string, texts: { lang: Lang; text: string }[]): Promise<string[]> {
  if (texts.length === 0) return [];
  const configs = texts.map((text) => `tertulia_${text.lang}`);
  const result = await sql<{ headline: string }>`
    SELECT ts_headline(u.config::regconfig, u.body, websearch_to_tsquery(u.config::regconfig, ${q}),
      'StartSel=' || chr(2) || ', StopSel=' || chr(3) || CASE WHEN length(u.body) <= ${WHOLE_TEXT_MAX}
        THEN ', HighlightAll=true'
        ELSE ', MaxWords=40, MinWords=20, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "' END) AS headline
    FROM unnest(${configs}::text[], ${texts.map((text) => text.text)}::text[]) WITH ORDINALITY AS u(config, body, n)
    ORDER BY u.n`.execute(db);
  return result.rows.map((row) => row.headline);
}
