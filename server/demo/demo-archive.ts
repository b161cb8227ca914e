// The closed 2009 edition as a newcomer should find it: a few threads from its weeks, written by
// its participants in Spanish, French and English on the days those weeks were open, with each
// author's choice of how their words may be published. The synthesis seed (demo-synthesis.ts)
// builds its policy elements on these posts.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ensureAccount, generatePassword } from '../auth/accounts.service.ts';
import type { SessionUser } from '../auth/session.ts';
import type { ConsentChoice, DB, Lang } from '../db/schema.ts';
import { createReply } from '../discussions/posts.service.ts';
import { createThread } from '../discussions/threads.service.ts';
import { setMemberRegion } from '../forums/forum-lists.queries.ts';
import { demoSessionUser, type DemoProfile } from './demo-accounts.ts';

export interface ArchivePerson extends DemoProfile {
  key: string;
  regionKey: string;
  consent: ConsentChoice;
}

/** The 2009 cohort's authors: historical accounts, never signed in to, so no credentials are printed. */
export const archivePeople: ArchivePerson[] = [
  {
    key: 'ana',
    email: 'ana.quispe@archive.tertulia.test',
    displayName: 'Ana Quispe',
    lang: 'es',
    readingLangs: ['es', 'en'],
    timeZone: 'America/La_Paz',
    organisation: 'Central de cooperativas de ahorro y crédito',
    country: 'BO',
    regionKey: 'hispanic-america',
    consent: 'named',
  },
  {
    key: 'pierre',
    email: 'pierre.lavoie@archive.tertulia.test',
    displayName: 'Pierre Lavoie',
    lang: 'fr',
    readingLangs: ['fr', 'en'],
    timeZone: 'America/Montreal',
    organisation: 'Pôle régional d’économie sociale',
    country: 'CA',
    regionKey: 'quebec',
    consent: 'named',
  },
  {
    key: 'helen',
    email: 'helen.ward@archive.tertulia.test',
    displayName: 'Helen Ward',
    lang: 'en',
    readingLangs: ['en'],
    timeZone: 'America/Toronto',
    organisation: 'Community economic development network',
    country: 'CA',
    regionKey: 'english-canada',
    consent: 'anonymous',
  },
  {
    key: 'carla',
    email: 'carla.souza@archive.tertulia.test',
    displayName: 'Carla Souza',
    lang: 'es',
    readingLangs: ['es', 'en'],
    timeZone: 'America/Sao_Paulo',
    organisation: 'Fórum de economia solidária',
    country: 'BR',
    regionKey: 'brazil',
    consent: 'none',
  },
];

interface ArchiveThread {
  key: string;
  week: number;
  author: string;
  lang: Lang;
  title: string;
  body: string;
  replies: { key: string; author: string; lang: Lang; body: string }[];
}

export const archiveThreads: ArchiveThread[] = [
  {
    key: 'guarantees',
    week: 2,
    author: 'ana',
    lang: 'es',
    title: 'Fondos de garantía: lo que aprendimos en Bolivia',
    body: 'Nuestras cooperativas de productores no reciben crédito porque no tienen garantías reales. En 2008 negociamos con la prefectura un fondo de garantía gestionado con las cooperativas de ahorro y crédito: la participación de las propias cooperativas en la gestión fue lo que dio confianza a los bancos. La economía solidaria necesita ese tipo de respaldo público, no sólo subsidios.',
    replies: [
      {
        key: 'patient-capital',
        author: 'pierre',
        lang: 'fr',
        body: 'Au Québec, la Fiducie du Chantier de l’économie sociale prête du capital patient : quinze ans sans remboursement du capital. Le fonds est géré par le milieu, avec une mise de fonds de l’État. C’est ce qui permet aux entreprises collectives de prendre de l’expansion.',
      },
      {
        key: 'loan-funds',
        author: 'helen',
        lang: 'en',
        body: 'In Ontario our community loan funds lend to co-operatives that banks turn away, but they cannot grow without a provincial guarantee on the capital they raise. A guarantee costs the province little and lets private investors come in.',
      },
    ],
  },
  {
    key: 'school-meals',
    week: 3,
    author: 'carla',
    lang: 'es',
    title: 'Compras públicas de alimentos y economía solidaria',
    body: 'En Brasil, la ley de alimentación escolar obliga a comprar al menos el 30 % de los alimentos a la agricultura familiar. Para nuestros emprendimientos solidarios fue el primer mercado estable. La lección: reservar por ley una parte de las compras públicas cambia más que cualquier programa de capacitación.',
    replies: [
      {
        key: 'split-contracts',
        author: 'pierre',
        lang: 'fr',
        body: 'À Montréal, la Ville fractionne certains contrats pour les mettre à la portée des petites entreprises collectives, et elle accompagne les soumissionnaires. Sans cet accompagnement, la paperasse décourage la plupart d’entre elles.',
      },
    ],
  },
  {
    key: 'framework-law',
    week: 4,
    author: 'helen',
    lang: 'en',
    title: 'Could a framework law work outside Quebec?',
    body: 'This week’s case studies make me think English Canada needs what Quebec has: a law that recognises the social economy, a minister who answers for it, and a standing table where the sector shapes policy with government instead of being consulted after the fact.',
    replies: [
      {
        key: 'co-production',
        author: 'ana',
        lang: 'es',
        body: 'En Bolivia la Constitución reconoce la economía comunitaria, pero sin una mesa permanente con el gobierno el reconocimiento se queda en el papel. La coproducción de las políticas es lo que falta.',
      },
    ],
  },
];

/**
 * The write stamps the database's clock; a post of 2009 carries its own day, as an import of the
 * original forum would, so the archive, its proceedings and its analytics read as they happened.
 */
async function dateBack(db: Kysely<DB>, threadId: number, postId: number, at: Date): Promise<void> {
  await db.updateTable('posts').set({ created_at: at }).where('id', '=', postId).execute();
  await db.updateTable('post_revisions').set({ created_at: at }).where('post_id', '=', postId).execute();
  const thread = await db
    .selectFrom('threads')
    .select('post_count')
    .where('id', '=', threadId)
    .executeTakeFirstOrThrow();
  // The first post dates the thread; every post moves its last activity.
  const opening = thread.post_count <= 1 ? { created_at: at } : {};
  await db
    .updateTable('threads')
    .set({ ...opening, last_post_at: at })
    .where('id', '=', threadId)
    .execute();
}

export interface SeededArchive {
  forumId: number;
  users: Map<string, SessionUser>;
  /** Each seeded post's id by its key (a thread's key names its first post). */
  posts: Map<string, number>;
}

/** Seeds the 2009 edition's threads unless it has some; null when there was nothing to do. */
export async function seedDemoArchive(db: Kysely<DB>, forumSlug: string): Promise<SeededArchive | null> {
  const forum = await db.selectFrom('forums').select('id').where('slug', '=', forumSlug).executeTakeFirst();
  if (!forum) return null;
  const existing = await db
    .selectFrom('threads')
    .select('id')
    .where('forum_id', '=', forum.id)
    .limit(1)
    .executeTakeFirst();
  if (existing) return null;

  const regions = await db.selectFrom('forum_regions').select(['id', 'key']).where('forum_id', '=', forum.id).execute();
  const users = new Map<string, SessionUser>();
  for (const person of archivePeople) {
    const { id } = await ensureAccount(db, {
      email: person.email,
      displayName: person.displayName,
      password: generatePassword(),
      interfaceLang: person.lang,
      readingLangs: person.readingLangs,
      timeZone: person.timeZone,
      organisation: person.organisation,
      roles: [{ forumSlug, role: 'participant' }],
    });
    await setMemberRegion(db, forum.id, id, regions.find((region) => region.key === person.regionKey)?.id ?? null);
    users.set(person.key, demoSessionUser(id, person));
  }

  const weeks = await db.selectFrom('weeks').select(['number', 'opens_at']).where('forum_id', '=', forum.id).execute();
  const posts = new Map<string, number>();
  for (const thread of archiveThreads) {
    const opensAt = weeks.find((week) => week.number === thread.week)!.opens_at;
    // Written while the week was open, a day after its opening, replies an hour apart.
    const at = (hours: number) => new Date(opensAt.getTime() + (24 + hours) * 3_600_000);
    const { post } = await createThread(
      db,
      forumSlug,
      thread.week,
      users.get(thread.author)!,
      {
        kind: 'discussion',
        requiresOwnAnswer: false,
        title: thread.title,
        bodyMd: thread.body,
        lang: thread.lang,
        idempotencyKey: randomUUID(),
      },
      at(0),
    );
    posts.set(thread.key, post.id);
    await dateBack(db, post.threadId, post.id, at(0));
    for (const [index, reply] of thread.replies.entries()) {
      const created = await createReply(
        db,
        users.get(reply.author)!,
        { threadId: post.threadId, parentId: null, bodyMd: reply.body, lang: reply.lang, idempotencyKey: randomUUID() },
        at(index + 1),
      );
      posts.set(reply.key, created.id);
      await dateBack(db, post.threadId, created.id, at(index + 1));
    }
  }
  return { forumId: forum.id, users, posts };
}
