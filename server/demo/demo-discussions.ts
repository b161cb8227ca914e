// A living demo: participants from Bolivia, Québec, Ontario and Brazil who write in Spanish,
// French and English in weeks 1 and 2 of the live edition. Seeded once, through the same
// domain functions the API uses, so the demo obeys every rule a real post does.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import type { DB, Lang } from '../db/schema.ts';
import { createReply } from '../discussions/posts.service.ts';
import { createThread } from '../discussions/threads.service.ts';
import { demoSessionUser, ensureDemoAccount, type DemoProfile, type DemoCredentials } from './demo-accounts.ts';

interface DemoPerson extends DemoProfile {
  key: string;
  role: 'participant' | 'key_respondent';
}

const people: DemoPerson[] = [
  {
    key: 'lucia',
    email: 'lucia@demo.tertulia.test',
    displayName: 'Lucía Mamani',
    lang: 'es',
    readingLangs: ['es', 'en'],
    timeZone: 'America/La_Paz',
    organisation: 'Red de artesanas de El Alto',
    country: 'BO',
    role: 'participant',
  },
  {
    key: 'marc',
    email: 'marc@demo.tertulia.test',
    displayName: 'Marc-André Tremblay',
    lang: 'fr',
    readingLangs: ['fr', 'en'],
    timeZone: 'America/Montreal',
    organisation: 'Coopérative de solidarité du Plateau',
    country: 'CA',
    role: 'key_respondent',
  },
  {
    key: 'sarah',
    email: 'sarah@demo.tertulia.test',
    displayName: 'Sarah Okafor',
    lang: 'en',
    readingLangs: ['en'],
    timeZone: 'America/Toronto',
    organisation: 'Ontario community loan fund',
    country: 'CA',
    role: 'participant',
  },
  {
    key: 'joao',
    email: 'joao@demo.tertulia.test',
    displayName: 'João Pereira',
    lang: 'es',
    readingLangs: ['es', 'en'],
    timeZone: 'America/Sao_Paulo',
    organisation: 'Incubadora de cooperativas populares',
    country: 'BR',
    role: 'participant',
  },
];

interface DemoThread {
  week: number;
  author: string;
  lang: Lang;
  title: string;
  body: string;
  replies: { author: string; lang: Lang; body: string; to?: number }[];
}

const threads: DemoThread[] = [
  {
    week: 1,
    author: 'lucia',
    lang: 'es',
    title: '¿Qué cambió en tu comunidad gracias a la economía solidaria?',
    body: 'En El Alto, veinte artesanas formamos una asociación para vender juntas. Lo que más cambió no fue el ingreso, sino que ahora el municipio nos invita a las mesas de compras públicas.\n\n¿Cómo fue en sus regiones?',
    replies: [
      {
        author: 'sarah',
        lang: 'en',
        body: 'In Toronto the biggest change was access to patient capital: a community loan fund lent to a food co-op that no bank would touch. The policy lesson for us was that **guarantees** from the province mattered more than grants.',
      },
      {
        author: 'marc',
        lang: 'fr',
        body: "Au Québec, la reconnaissance est venue d'abord par la concertation : les entreprises d'économie sociale se sont regroupées avant de négocier avec l'État. C'est ce regroupement qui a rendu possible une loi-cadre.",
        to: 0,
      },
      {
        author: 'lucia',
        lang: 'es',
        body: 'Marc-André, ¿cuánto tiempo les tomó pasar de la concertación a la ley? Aquí recién empezamos a reunirnos entre redes.',
        to: 1,
      },
    ],
  },
  {
    week: 1,
    author: 'sarah',
    lang: 'en',
    title: 'Definitions: social economy, solidarity economy, or both?',
    body: 'Reading this week I noticed we use three phrases for overlapping things. Does the label change which policies a government is willing to adopt?',
    replies: [
      {
        author: 'joao',
        lang: 'es',
        body: 'En Brasil usamos *economía solidaria* porque nace de los movimientos populares y de la autogestión; el nombre subraya la democracia en el trabajo, no sólo el fin social.',
      },
    ],
  },
  {
    week: 2,
    author: 'joao',
    lang: 'es',
    title: 'Compras públicas: ¿qué funcionó en Canadá?',
    body: 'La lectura menciona cláusulas sociales en las compras públicas. En nuestra incubadora las cooperativas pierden licitaciones por no tener garantías bancarias. ¿Alguien conoce ejemplos concretos de cómo se resolvió eso?',
    replies: [
      {
        author: 'marc',
        lang: 'fr',
        body: "À Montréal, la Ville a fractionné certains contrats pour qu'ils soient à la portée de petites entreprises collectives, et elle accompagne les soumissionnaires. Ce n'est pas parfait, mais cela ouvre la porte.",
      },
      {
        author: 'sarah',
        lang: 'en',
        body: 'Ontario pilots used set-asides for social enterprises on small contracts. The evaluation found the paperwork, not the price, was the main barrier.',
      },
    ],
  },
];

/** Seeds the live edition's discussions unless it already has threads; returns the accounts it created. */
export async function seedDemoDiscussions(db: Kysely<DB>, forumSlug: string): Promise<DemoCredentials[]> {
  const forum = await db.selectFrom('forums').select('id').where('slug', '=', forumSlug).executeTakeFirst();
  if (!forum) return [];
  const existing = await db
    .selectFrom('threads')
    .select('id')
    .where('forum_id', '=', forum.id)
    .limit(1)
    .executeTakeFirst();
  if (existing) return [];

  const credentials: DemoCredentials[] = [];
  const users = new Map<string, SessionUser>();
  for (const person of people) {
    // A key respondent's seat is given with their week, within the forum's limits (demo-case-studies.ts).
    const account = await ensureDemoAccount(db, person, [{ forumSlug, role: 'participant' }], person.role);
    if (account.credentials) credentials.push(account.credentials);
    users.set(person.key, demoSessionUser(account.id, person));
  }
  for (const thread of threads) {
    const { post } = await createThread(db, forumSlug, thread.week, users.get(thread.author)!, {
      kind: 'discussion',
      requiresOwnAnswer: false,
      title: thread.title,
      bodyMd: thread.body,
      lang: thread.lang,
      idempotencyKey: randomUUID(),
    });
    const replyIds: number[] = [];
    for (const reply of thread.replies) {
      const parentId = reply.to === undefined ? null : replyIds[reply.to]!;
      const created = await createReply(db, users.get(reply.author)!, {
        threadId: post.threadId,
        parentId,
        bodyMd: reply.body,
        lang: reply.lang,
        idempotencyKey: randomUUID(),
      });
      replyIds.push(created.id);
    }
  }
  return credentials;
}
