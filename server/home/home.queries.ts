// The "this week" home in ONE statement whatever the number of forums and items: it records
// the visit (a data-modifying CTE, run exactly once) and reads, per forum the member belongs to,
// the open week, counts of what is new since the previous visit, unopened readings and case
// studies, questions and drafts, plus applications and reconfirmations, as JSON.
import { sql, type Kysely } from 'kysely';
import type { DB, ForumRole, Lang } from '../db/schema.ts';

/** A visit ends after this long without one: "new since" then counts from its end. */
export const VISIT_GAP_MINUTES = 30;
/** Per forum and list, at most this many questions and unopened items are listed. */
export const HOME_LIST_LIMIT = 20;

type Texts = { lang: Lang; title: string }[];
type Stamp = string;

export interface HomeForumRow {
  slug: string;
  time_zone: string;
  published: boolean;
  starts_at: Stamp;
  ends_at: Stamp;
  application_deadline: Stamp;
  invitation_only: boolean;
  open_enrolment: boolean;
  roles: ForumRole[];
  titles: Texts;
  open_week: { number: number; original_lang: Lang; opens_at: Stamp; closes_at: Stamp; titles: Texts } | null;
  next_week: { number: number; original_lang: Lang; opens_at: Stamp; titles: Texts } | null;
  new_posts: number;
  new_translations: number;
  // json_agg over no rows is null.
  readings: { id: number; slug: string; week_number: number; original_lang: Lang; titles: Texts | null }[];
  case_studies: {
    id: number;
    week_number: number;
    original_lang: Lang;
    title: string;
    author_id: number;
    author_name: string;
    titles: Texts | null;
  }[];
  waiting: HomeQuestionRow[];
  mine: HomeQuestionRow[];
  drafts: {
    key: string;
    title: string;
    lang: Lang;
    updated_at: Stamp;
    week_number: number;
    thread_id: number | null;
  }[];
}

export interface HomeQuestionRow {
  id: number;
  thread_id: number;
  case_study_id: number;
  case_study_title: string;
  case_study_lang: Lang;
  week_number: number;
  person_id: number;
  person_name: string;
  created_at: Stamp;
  due_at: Stamp;
}

export interface HomeRow {
  since: Stamp | null;
  forums: HomeForumRow[];
  applications: {
    forum_slug: string;
    titles: Texts;
    kind: 'participant' | 'key_respondent';
    status: 'pending' | 'accepted' | 'waitlisted' | 'declined' | 'withdrawn';
    updated_at: Stamp;
  }[];
  reconfirmations: { forum_slug: string; titles: Texts; requested_at: Stamp }[];
}

function questionsJson(where: ReturnType<typeof sql>, person: 'asker' | 'addressee') {
  const personColumn = person === 'asker' ? sql.raw('p.author_id') : sql.raw('p.addressed_to');
  return sql`(SELECT coalesce(json_agg(q ORDER BY q.created_at, q.id), '[]') FROM (
      SELECT p.id, p.thread_id, c.id AS case_study_id, c.title AS case_study_title, c.original_lang AS case_study_lang, cw.number AS week_number,
             u.id AS person_id, u.display_name AS person_name, p.created_at,
             p.created_at + make_interval(hours => mf.question_target_hours) AS due_at
      FROM posts p
      JOIN case_studies c ON c.thread_id = p.thread_id AND c.status = 'published' AND c.forum_id = mf.id
      JOIN weeks cw ON cw.id = c.week_id
      JOIN users u ON u.id = ${personColumn}
      WHERE ${where} AND p.answered_at IS NULL AND p.hidden_at IS NULL
      ORDER BY p.created_at, p.id LIMIT ${HOME_LIST_LIMIT}) AS q)`;
}

export async function readHome(
  db: Kysely<DB>,
  user: { id: number; isAdmin: boolean; readingLangs: Lang[]; interfaceLang: Lang },
  now: Date,
): Promise<HomeRow> {
  const langs = `{${[...new Set([user.interfaceLang, ...user.readingLangs])].join(',')}}`;
  const { rows } = await sql<HomeRow>`
    WITH visit AS (
      INSERT INTO home_visits AS v (user_id, last_visit_at, previous_visit_at) VALUES (${user.id}, ${now}, NULL)
      ON CONFLICT (user_id) DO UPDATE SET
        previous_visit_at = CASE WHEN v.last_visit_at < ${now}::timestamptz - make_interval(mins => ${VISIT_GAP_MINUTES}) THEN v.last_visit_at ELSE v.previous_visit_at END,
        last_visit_at = greatest(v.last_visit_at, ${now}::timestamptz)
      RETURNING previous_visit_at
    ),
    mf AS (
      SELECT f.id, f.slug, f.time_zone, f.published, f.starts_at, f.ends_at, f.application_deadline, f.invitation_only, f.open_enrolment, f.question_target_hours,
             array_agg(m.role ORDER BY m.role) AS roles,
             (bool_or(m.role = 'organizer') OR ${user.isAdmin}) AS is_organizer,
             max(m.week_id) AS kr_week_id,
             coalesce((SELECT previous_visit_at FROM visit), min(m.created_at)) AS since
      FROM memberships m JOIN forums f ON f.id = m.forum_id
      WHERE m.user_id = ${user.id}
      GROUP BY f.id
      HAVING f.published OR bool_or(m.role = 'organizer') OR ${user.isAdmin}
    ),
    my_drafts AS (
      SELECT d.draft_key, d.title, d.lang, d.updated_at, w.forum_id, w.number AS week_number, dt.thread_id
      FROM drafts d
      CROSS JOIN LATERAL (SELECT split_part(d.draft_key, ':', 1) || ':' || split_part(d.draft_key, ':', 2) AS kind,
                                 nullif(regexp_replace(d.draft_key, '^.*:', ''), '')::bigint AS target) k
      LEFT JOIN posts dp ON k.kind IN ('reply:post', 'edit:post') AND dp.id = k.target
      CROSS JOIN LATERAL (SELECT CASE WHEN k.kind = 'reply:thread' THEN k.target ELSE dp.thread_id END AS thread_id) dt
      LEFT JOIN threads th ON th.id = dt.thread_id
      JOIN weeks w ON w.id = CASE WHEN k.kind = 'thread:week' OR d.draft_key LIKE 'case-study:%' THEN k.target ELSE th.week_id END
      WHERE d.user_id = ${user.id}
    )
    SELECT
      (SELECT previous_visit_at FROM visit) AS since,
      (SELECT coalesce(json_agg(json_build_object(
        'slug', mf.slug, 'time_zone', mf.time_zone, 'published', mf.published, 'starts_at', mf.starts_at, 'ends_at', mf.ends_at, 'roles', mf.roles,
        'application_deadline', mf.application_deadline, 'invitation_only', mf.invitation_only, 'open_enrolment', mf.open_enrolment,
        'titles', (SELECT json_agg(json_build_object('lang', ft.lang, 'title', ft.title)) FROM forum_texts ft WHERE ft.forum_id = mf.id),
        'open_week', (SELECT json_build_object('number', w.number, 'original_lang', w.original_lang, 'opens_at', w.opens_at, 'closes_at', w.closes_at,
            'titles', (SELECT json_agg(json_build_object('lang', wt.lang, 'title', wt.title)) FROM week_texts wt WHERE wt.week_id = w.id))
          FROM weeks w WHERE w.forum_id = mf.id AND w.opens_at <= ${now} AND ${now} < w.closes_at ORDER BY w.number LIMIT 1),
        'next_week', (SELECT json_build_object('number', w.number, 'original_lang', w.original_lang, 'opens_at', w.opens_at,
            'titles', (SELECT json_agg(json_build_object('lang', wt.lang, 'title', wt.title)) FROM week_texts wt WHERE wt.week_id = w.id))
          FROM weeks w WHERE w.forum_id = mf.id AND w.opens_at > ${now} ORDER BY w.number LIMIT 1),
        'new_posts', (SELECT count(*) FROM posts p JOIN threads t ON t.id = p.thread_id JOIN weeks w ON w.id = t.week_id
          WHERE t.forum_id = mf.id AND p.created_at > mf.since AND p.created_at <= ${now} AND p.author_id <> ${user.id} AND p.hidden_at IS NULL
            AND (w.opens_at <= ${now} OR mf.is_organizer)),
        'new_translations', (SELECT count(*) FROM translations tr
          WHERE tr.forum_id = mf.id AND tr.published_at > mf.since AND tr.published_at <= ${now} AND tr.translator_id <> ${user.id}
            AND tr.target_lang = ANY (${langs}::text[])
            -- Only of what the member may read: material of an opened week (the task that
            -- produced it knows the week), never a hidden post.
            AND (mf.is_organizer OR EXISTS (SELECT 1 FROM translation_tasks tk JOIN weeks tw ON tw.id = tk.week_id
              WHERE tk.item_type = tr.item_type AND tk.item_id = tr.item_id AND tw.opens_at <= ${now}))
            AND NOT EXISTS (SELECT 1 FROM posts hp WHERE tr.item_type = 'post' AND hp.id = tr.item_id AND hp.hidden_at IS NOT NULL)),
        'readings', (SELECT coalesce(json_agg(r ORDER BY r.week_number, r.position, r.id), '[]') FROM (
            SELECT rd.id, rd.slug, rd.position, w.number AS week_number, rd.original_lang,
                   (SELECT json_agg(json_build_object('lang', rt.lang, 'title', rt.title)) FROM reading_texts rt WHERE rt.reading_id = rd.id) AS titles
            FROM readings rd JOIN weeks w ON w.id = rd.week_id
            WHERE w.forum_id = mf.id AND rd.unpublished_at IS NULL
              AND ((w.opens_at <= ${now} AND ${now} < w.closes_at) OR w.id = mf.kr_week_id)
              AND NOT EXISTS (SELECT 1 FROM item_opens o WHERE o.user_id = ${user.id} AND o.item_type = 'reading' AND o.item_id = rd.id)
            ORDER BY w.number, rd.position, rd.id LIMIT ${HOME_LIST_LIMIT}) AS r),
        'case_studies', (SELECT coalesce(json_agg(c ORDER BY c.week_number, c.id), '[]') FROM (
            SELECT cs.id, w.number AS week_number, cs.original_lang, cs.title, cs.author_id, au.display_name AS author_name,
                   (SELECT json_agg(json_build_object('lang', tr.target_lang, 'title', tr.body_md)) FROM translations tr
                     WHERE tr.item_type = 'thread_title' AND tr.item_id = cs.thread_id) AS titles
            FROM case_studies cs JOIN weeks w ON w.id = cs.week_id JOIN users au ON au.id = cs.author_id
            WHERE cs.forum_id = mf.id AND cs.status = 'published' AND cs.author_id <> ${user.id}
              AND w.opens_at <= ${now} AND ${now} < w.closes_at
              AND NOT EXISTS (SELECT 1 FROM item_opens o WHERE o.user_id = ${user.id} AND o.item_type = 'case_study' AND o.item_id = cs.id)
            ORDER BY w.number, cs.id LIMIT ${HOME_LIST_LIMIT}) AS c),
        'waiting', ${questionsJson(sql`p.addressed_to = ${user.id}`, 'asker')},
        'mine', ${questionsJson(sql`p.author_id = ${user.id} AND p.addressed_to IS NOT NULL`, 'addressee')},
        'drafts', (SELECT coalesce(json_agg(json_build_object('key', d.draft_key, 'title', d.title, 'lang', d.lang, 'updated_at', d.updated_at,
            'week_number', d.week_number, 'thread_id', d.thread_id) ORDER BY d.updated_at DESC), '[]') FROM my_drafts d WHERE d.forum_id = mf.id)
      ) ORDER BY mf.starts_at DESC, mf.id), '[]') FROM mf) AS forums,
      (SELECT coalesce(json_agg(json_build_object('forum_slug', f.slug, 'kind', a.kind, 'status', a.status, 'updated_at', a.updated_at,
          'titles', (SELECT json_agg(json_build_object('lang', ft.lang, 'title', ft.title)) FROM forum_texts ft WHERE ft.forum_id = f.id)
        ) ORDER BY a.id DESC), '[]')
        FROM applications a JOIN forums f ON f.id = a.forum_id WHERE a.user_id = ${user.id} AND f.published) AS applications,
      (SELECT coalesce(json_agg(json_build_object('forum_slug', f.slug, 'requested_at', rr.created_at,
          'titles', (SELECT json_agg(json_build_object('lang', ft.lang, 'title', ft.title)) FROM forum_texts ft WHERE ft.forum_id = f.id)
        ) ORDER BY rr.id DESC), '[]')
        FROM reconfirmations rc JOIN reconfirmation_requests rr ON rr.id = rc.request_id JOIN forums f ON f.id = rr.forum_id
        WHERE rc.user_id = ${user.id} AND rc.answer IS NULL AND f.published) AS reconfirmations
  `.execute(db);
  return rows[0]!;
}
