// The 2009 edition's week-6 synthesis and its Spanish proceedings, as the archive should show
// them: policy elements its participants proposed from the archive's own posts, accepted by the
// organizer and endorsed by the cohort, then a Spanish edition generated and published at its
// stable address. Every step goes through the domain functions a person's click would call,
// at a time inside week 6, so the data obeys the rules the site applies.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import { recordConsent } from '../consent/consent.queries.ts';
import type { DB, Lang } from '../db/schema.ts';
import { runDueEditions } from '../proceedings/proceedings-job.ts';
import { changePublication, requestEdition } from '../proceedings/proceedings.service.ts';
import { acceptElement, proposeElement, setEndorsement } from '../synthesis/synthesis.service.ts';
import { currentTime } from '../time/clock.ts';
import { archivePeople, type SeededArchive } from './demo-archive.ts';
import { sessionUserByEmail } from './demo-accounts.ts';

interface PlannedElement {
  proposer: string;
  lang: Lang;
  region: string;
  theme: string;
  statement: string;
  /** Keys of the archive posts it cites (demo-archive.ts). */
  cites: string[];
  endorsedBy: string[];
}

export const archiveElements: PlannedElement[] = [
  {
    proposer: 'ana',
    lang: 'es',
    region: 'hispanic-america',
    theme: 'access-to-capital',
    statement:
      'Crear fondos públicos de garantía para el crédito a las cooperativas de productores, cogestionados con las cooperativas de ahorro y crédito.',
    cites: ['guarantees'],
    endorsedBy: ['carla', 'helen'],
  },
  {
    proposer: 'pierre',
    lang: 'fr',
    region: 'quebec',
    theme: 'access-to-capital',
    statement:
      'Doter le milieu d’un fonds de capital patient géré par les réseaux de l’économie sociale, avec une mise de fonds de l’État.',
    cites: ['patient-capital'],
    endorsedBy: ['ana'],
  },
  {
    proposer: 'helen',
    lang: 'en',
    region: 'english-canada',
    theme: 'access-to-capital',
    statement:
      'Back community loan funds with a provincial guarantee on the capital they raise from private investors.',
    cites: ['loan-funds', 'guarantees'],
    endorsedBy: ['pierre'],
  },
  {
    proposer: 'carla',
    lang: 'es',
    region: 'brazil',
    theme: 'procurement-and-markets',
    statement:
      'Reservar por ley una parte de las compras públicas de alimentos a la agricultura familiar y a los emprendimientos solidarios.',
    cites: ['school-meals'],
    endorsedBy: ['ana', 'pierre', 'helen'],
  },
  {
    proposer: 'pierre',
    lang: 'fr',
    region: 'quebec',
    theme: 'procurement-and-markets',
    statement:
      'Fractionner certains marchés publics et accompagner les entreprises collectives qui soumissionnent, pour que la paperasse ne les écarte pas.',
    cites: ['split-contracts'],
    endorsedBy: [],
  },
  {
    proposer: 'helen',
    lang: 'en',
    region: 'english-canada',
    theme: 'enabling-legislation',
    statement: 'Pass a framework law that recognises the social economy and names a minister who answers for it.',
    cites: ['framework-law'],
    endorsedBy: ['ana'],
  },
  {
    proposer: 'ana',
    lang: 'es',
    region: 'hispanic-america',
    theme: 'co-production-of-policy',
    statement:
      'Instituir una mesa permanente donde el gobierno y las redes de la economía solidaria coproduzcan las políticas, para que el reconocimiento no se quede en el papel.',
    cites: ['co-production', 'framework-law'],
    endorsedBy: ['helen', 'carla'],
  },
];

/** The archive's language for its first published edition: most of the 2009 cohort read Spanish. */
export const ARCHIVE_EDITION_LANG: Lang = 'es';

/**
 * Records each archive author's publication choice, as an import of the 2009 forum would carry
 * them, and proposes, accepts and endorses the planned elements; nothing when the forum has some.
 */
export async function seedArchiveElements(
  db: Kysely<DB>,
  slug: string,
  archive: SeededArchive,
  organizer: SessionUser,
) {
  await db.transaction().execute(async (trx) => {
    for (const person of archivePeople) {
      const user = archive.users.get(person.key)!;
      await recordConsent(trx, { forumId: archive.forumId, userId: user.id, choice: person.consent, source: 'import' });
    }
  });
  const weekSix = await db
    .selectFrom('weeks')
    .select('opens_at')
    .where('forum_id', '=', archive.forumId)
    .where('number', '=', 6)
    .executeTakeFirstOrThrow();
  // Proposed on the second day of week 6, decided on the third, endorsed on the fourth.
  const day = (n: number) => new Date(weekSix.opens_at.getTime() + n * 86_400_000 + 15 * 3_600_000);
  for (const planned of archiveElements) {
    const proposer = archive.users.get(planned.proposer)!;
    const { element } = await proposeElement(
      db,
      slug,
      { user: proposer, lang: planned.lang },
      {
        statement: planned.statement,
        lang: planned.lang,
        region: planned.region,
        theme: planned.theme,
        citations: planned.cites.map((key) => ({ type: 'post' as const, id: archive.posts.get(key)! })),
        idempotencyKey: randomUUID(),
      },
      day(1),
    );
    await acceptElement(db, element.id, { user: organizer, lang: organizer.interfaceLang }, day(2));
    for (const key of planned.endorsedBy) await setEndorsement(db, element.id, archive.users.get(key)!, true, day(3));
    // The rows carry the days they were written, as the archive's posts do.
    await db
      .updateTable('policy_elements')
      .set({ created_at: day(1), updated_at: day(2), decided_at: day(2) })
      .where('id', '=', element.id)
      .execute();
    await db
      .updateTable('policy_element_revisions')
      .set({ created_at: day(1) })
      .where('element_id', '=', element.id)
      .execute();
  }
}

/**
 * Generates and publishes the archive's Spanish edition unless one is published. A start cut
 * short mid-way resumes it: a requested edition is found again, a generated one published.
 */
export async function seedArchiveEdition(
  db: Kysely<DB>,
  slug: string,
  forumId: number,
  organizer: SessionUser,
  proceedingsDir: string,
) {
  const existing = await db
    .selectFrom('proceedings_editions')
    .select(['id', 'status', 'published_at'])
    .where('forum_id', '=', forumId)
    .where('lang', '=', ARCHIVE_EDITION_LANG)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (existing?.published_at) return;
  const edition =
    existing && existing.status !== 'failed'
      ? existing
      : await requestEdition(
          db,
          slug,
          organizer,
          { lang: ARCHIVE_EDITION_LANG, idempotencyKey: randomUUID() },
          organizer.interfaceLang,
        );
  await runDueEditions(db, { proceedingsDir, now: currentTime });
  const made = await db
    .selectFrom('proceedings_editions')
    .select('status')
    .where('id', '=', edition.id)
    .executeTakeFirst();
  // A generation that failed stays in the console with its reason, for the organizer to retry.
  if (made?.status === 'done') await changePublication(db, edition.id, organizer, true, organizer.interfaceLang);
}

export async function seedDemoSynthesis(
  db: Kysely<DB>,
  slug: string,
  archive: SeededArchive | null,
  organizerEmail: string,
  proceedingsDir: string,
): Promise<void> {
  const organizer = await sessionUserByEmail(db, organizerEmail);
  const forum = await db.selectFrom('forums').select('id').where('slug', '=', slug).executeTakeFirst();
  if (!organizer || !forum) return;
  // The threads were seeded on this start: the elements follow them in the same run.
  if (archive) await seedArchiveElements(db, slug, archive, organizer);
  await seedArchiveEdition(db, slug, forum.id, organizer, proceedingsDir);
}
