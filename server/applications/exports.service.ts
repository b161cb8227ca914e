// Organizers' CSV exports of the cohort: members, key respondents, applications with status,
// and the people who opted in to hear about later forums. UTF-8 with a byte-order mark so
// spreadsheet programs read accents right; a cell a spreadsheet would run as a formula
// (starting with = + - @, a tab or a carriage return) gets a leading apostrophe.
import { sql, type Kysely } from 'kysely';
import { stringify } from 'csv-stringify/sync';
import type { SessionUser } from '../auth/session.ts';
import { writeAudit } from '../audit/audit-log.queries.ts';
import type { DB, Lang } from '../db/schema.ts';
import { organizerForum } from './review.service.ts';

export const EXPORT_KINDS = ['members', 'key-respondents', 'applications', 'contacts'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralize(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const cells = rows.map((row) => row.map((cell) => neutralize(cell === null ? '' : String(cell))));
  return `\uFEFF${stringify([header, ...cells], { record_delimiter: '\r\n' })}`;
}

const person = ['name', 'email', 'organisation', 'region', 'country', 'languages'];
const langs = (values: string[]) => values.join(' ');
type Column = 'en' | 'es' | 'fr';

/** A member's region in the forum, named in the exporter's language ('' for none). */
function memberRegion(forumId: number, lang: Lang) {
  const column = sql.ref(`r.${lang satisfies Column}`);
  return sql<string>`coalesce((SELECT ${column} FROM forum_member_regions mr JOIN forum_regions r ON r.id = mr.region_id
    WHERE mr.forum_id = ${forumId} AND mr.user_id = users.id), '')`.as('region');
}

async function rowsOf(
  db: Kysely<DB>,
  forumId: number,
  kind: ExportKind,
  lang: Lang,
): Promise<{ header: string[]; rows: (string | number | null)[][] }> {
  if (kind === 'members') {
    const rows = await db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select([
        'users.display_name',
        'users.email',
        'users.organisation',
        memberRegion(forumId, lang),
        'users.country',
        'users.reading_langs',
        sql<string>`string_agg(memberships.role, ' ' ORDER BY memberships.role)`.as('roles'),
        sql<Date>`min(memberships.created_at)`.as('joined'),
      ])
      .where('memberships.forum_id', '=', forumId)
      .groupBy('users.id')
      .orderBy('users.display_name')
      .orderBy('users.id')
      .execute();
    return {
      header: [...person, 'roles', 'joined'],
      rows: rows.map((r) => [
        r.display_name,
        r.email,
        r.organisation,
        r.region,
        r.country,
        langs(r.reading_langs),
        r.roles,
        new Date(r.joined).toISOString(),
      ]),
    };
  }
  if (kind === 'key-respondents') {
    const rows = await db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .leftJoin('weeks', 'weeks.id', 'memberships.week_id')
      .select([
        'users.display_name',
        'users.email',
        'users.organisation',
        memberRegion(forumId, lang),
        'users.country',
        'users.reading_langs',
        'weeks.number',
      ])
      .where('memberships.forum_id', '=', forumId)
      .where('memberships.role', '=', 'key_respondent')
      .orderBy('weeks.number')
      .orderBy('users.display_name')
      .execute();
    return {
      header: [...person, 'week'],
      rows: rows.map((r) => [
        r.display_name,
        r.email,
        r.organisation,
        r.region,
        r.country,
        langs(r.reading_langs),
        r.number,
      ]),
    };
  }
  if (kind === 'applications') {
    const rows = await db
      .selectFrom('applications')
      .innerJoin('users', 'users.id', 'applications.user_id')
      .leftJoin('weeks', 'weeks.id', 'applications.fits_week_id')
      .leftJoin('forum_regions as region', 'region.id', 'applications.region_id')
      .leftJoin('forum_sectors as sector', 'sector.id', 'applications.sector_id')
      .select([
        'users.display_name',
        'users.email',
        'applications.organisation',
        `region.${lang} as region`,
        `sector.${lang} as sector`,
        'applications.country',
        'applications.langs',
        'applications.kind',
        'applications.status',
        'weeks.number as fits_week',
        'applications.description',
        'applications.statement',
        'applications.research_experience',
        'applications.ground_experience',
        'applications.policy_experience',
        'applications.heard_from',
        'applications.created_at',
        'applications.decided_at',
      ])
      .where('applications.forum_id', '=', forumId)
      .orderBy('applications.id')
      .execute();
    return {
      header: [
        ...person,
        'sector',
        'kind',
        'status',
        'fits_week',
        'description',
        'statement',
        'research_experience',
        'ground_experience',
        'policy_experience',
        'heard_from',
        'applied_at',
        'decided_at',
      ],
      rows: rows.map((r) => [
        r.display_name,
        r.email,
        r.organisation,
        r.region,
        r.country,
        langs(r.langs),
        r.sector,
        r.kind,
        r.status,
        r.fits_week,
        r.description,
        r.statement,
        r.research_experience,
        r.ground_experience,
        r.policy_experience,
        r.heard_from,
        r.created_at.toISOString(),
        r.decided_at?.toISOString() ?? null,
      ]),
    };
  }
  const rows = await db
    .selectFrom('engagement_opt_ins')
    .innerJoin('users', 'users.id', 'engagement_opt_ins.user_id')
    .select([
      'users.display_name',
      'users.email',
      'users.organisation',
      memberRegion(forumId, lang),
      'users.country',
      'users.reading_langs',
      'engagement_opt_ins.created_at',
    ])
    .where('engagement_opt_ins.forum_id', '=', forumId)
    .orderBy('users.display_name')
    .execute();
  return {
    header: [...person, 'opted_in_at'],
    rows: rows.map((r) => [
      r.display_name,
      r.email,
      r.organisation,
      r.region,
      r.country,
      langs(r.reading_langs),
      r.created_at.toISOString(),
    ]),
  };
}

/** Names (regions, sectors) are written in the exporter's language; the column names stay the same in every language. */
export async function exportCsv(
  db: Kysely<DB>,
  slug: string,
  actor: SessionUser,
  kind: ExportKind,
  lang: Lang,
): Promise<{ filename: string; csv: string }> {
  const forum = await organizerForum(db, slug, actor);
  const { header, rows } = await rowsOf(db, forum.id, kind, lang);
  // Personal data leaving the server: who took which list, and when, before it goes.
  await writeAudit(db, {
    forumId: forum.id,
    actorId: actor.id,
    action: `export.${kind.replace('-', '_')}`,
    targetType: 'forum',
    targetId: forum.id,
  });
  return { filename: `${forum.slug}-${kind}.csv`, csv: toCsv(header, rows) };
}
