// Questions to the demo's key respondents: once a demo case study is published (at its week's
// opening: weeks 4 and 5 of the live edition, and the open week's at once), demo participants ask its author a few questions
// and the author answers some of them, in Spanish, French and English. Posted through the same
// domain functions as the API, with fixed idempotency keys, so running it again — at every start
// of the demo server — adds nothing twice and asks nothing before publication.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import { createReply } from '../discussions/posts.service.ts';
import { DomainError } from '../errors/domain-error.ts';
import { askQuestion } from '../questions/questions.service.ts';
import { currentTime } from '../time/clock.ts';
import { sessionUserByEmail } from './demo-accounts.ts';

interface DemoQuestion {
  /** The demo case study's author (demo-case-studies.ts). */
  keyRespondent: string;
  asker: string;
  lang: Lang;
  body: string;
  answer?: { lang: Lang; body: string };
}

const questions: DemoQuestion[] = [
  {
    keyRespondent: 'marc@demo.tertulia.test',
    asker: 'lucia@demo.tertulia.test',
    lang: 'es',
    body: '¿Cómo deciden juntos cuando los clientes quieren precios bajos y los trabajadores mejores salarios? ¿Alguna categoría tiene más votos?',
    answer: {
      lang: 'fr',
      body: 'Chaque catégorie élit le même nombre d’administrateurs : personne ne peut imposer seul sa décision. Pour les prix et les salaires, nous votons un budget annuel après une assemblée où les trois catégories présentent leurs besoins.',
    },
  },
  {
    keyRespondent: 'marc@demo.tertulia.test',
    asker: 'sarah@demo.tertulia.test',
    lang: 'en',
    body: 'Would the solidarity co-op form have worked without the regional development fund’s start-up loan?',
  },
  {
    keyRespondent: 'catherine@demo.tertulia.test',
    asker: 'joao@demo.tertulia.test',
    lang: 'es',
    body: 'Los bonos comunitarios de 1 000 dólares, ¿quién los compró en la práctica? ¿Vecinos de bajos ingresos también?',
    answer: {
      lang: 'en',
      body: 'Mostly middle-income residents and a few local businesses. We later added a $100 bond so that tenants of the housing co-ops could take part; about a fifth of the holders bought that one.',
    },
  },
  {
    keyRespondent: 'beatriz@demo.tertulia.test',
    asker: 'sarah@demo.tertulia.test',
    lang: 'en',
    body: 'How do the shops decide to accept the community currency at first? Is there a cost for them?',
    answer: {
      lang: 'es',
      body: 'Al principio fueron las tiendas de la asociación de vecinos. No pagan nada: cambian la moneda por reales cuando quieren, y ganan clientes que antes compraban en el centro.',
    },
  },
  {
    keyRespondent: 'rafael@demo.tertulia.test',
    asker: 'marc@demo.tertulia.test',
    lang: 'fr',
    body: 'Les contrats avec la ville prévoient-ils une clause de paiement à date fixe ? Les retards semblent être le principal problème.',
  },
  {
    keyRespondent: 'rosa@demo.tertulia.test',
    asker: 'sarah@demo.tertulia.test',
    lang: 'en',
    body: 'What did the municipality require before it accepted the two associations in the pilot?',
    answer: {
      lang: 'es',
      body: 'Un registro sanitario para cada producto, facturas en regla y la garantía de entregar todos los días del año escolar. Nos ayudó una ONG con los trámites.',
    },
  },
  {
    keyRespondent: 'diego@demo.tertulia.test',
    asker: 'lucia@demo.tertulia.test',
    lang: 'es',
    body: '¿Qué requisitos de la nueva superintendencia les cuestan más a las cajas comunales pequeñas?',
  },
  {
    keyRespondent: 'valeria@demo.tertulia.test',
    asker: 'marc@demo.tertulia.test',
    lang: 'fr',
    body: 'Comment avez-vous fixé des rémunérations égales pour tous, y compris pour les fonctions de gestion ?',
    answer: {
      lang: 'es',
      body: 'Lo decidimos en asamblea desde el primer mes: todos cobramos lo mismo. Las tareas de gestión rotan cada dos años para que nadie quede fijo en ellas.',
    },
  },
  {
    keyRespondent: 'lorena@demo.tertulia.test',
    asker: 'joao@demo.tertulia.test',
    lang: 'es',
    body: '¿Cómo lograron que se respetara la cuota de un tercio para organizaciones de mujeres en el consejo?',
  },
  // The open week's case study (demo-open-week.ts), published at the first start: one answered, one waiting.
  // Listed last: the fixed keys come from the position, so earlier entries keep theirs.
  {
    keyRespondent: 'carmen@demo.tertulia.test',
    asker: 'lucia@demo.tertulia.test',
    lang: 'es',
    body: '¿Qué ganó el Chantier al volverse una sociedad independiente en 1999, en lugar de seguir como el grupo de trabajo que había convocado el gobierno?',
    answer: {
      lang: 'es',
      body: 'Sobre todo, continuidad. Un grupo de trabajo dura lo que dura su encargo; una sociedad sin fines de lucro con su propia asamblea fija su agenda y puede seguir negociando con el gobierno que venga. Para nosotras la lección es no esperar a que el Estado vuelva a convocarnos para organizarnos.',
    },
  },
  {
    keyRespondent: 'carmen@demo.tertulia.test',
    asker: 'sarah@demo.tertulia.test',
    lang: 'en',
    body: 'In the 2009 Montreal partnership, does the advisory committee have a say over what the city spends, or does it only comment on the action plan?',
  },
];

/** The same key for the same demo post on every run (a v4-shaped UUID from a hash). */
function fixedKey(seed: string): string {
  const hex = createHash('sha256').update(`tertulia-demo-question:${seed}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Asks (and answers) the demo questions of every demo case study already published; returns how many were new. */
export async function seedDemoQuestions(db: Kysely<DB>, forumSlug: string, now = currentTime()): Promise<number> {
  let asked = 0;
  for (const [index, planned] of questions.entries()) {
    const [keyRespondent, asker] = [
      await sessionUserByEmail(db, planned.keyRespondent),
      await sessionUserByEmail(db, planned.asker),
    ];
    if (!keyRespondent || !asker) continue;
    const caseStudy = await db
      .selectFrom('case_studies')
      .innerJoin('forums', 'forums.id', 'case_studies.forum_id')
      .select(['case_studies.id', 'case_studies.thread_id'])
      .where('forums.slug', '=', forumSlug)
      .where('case_studies.author_id', '=', keyRespondent.id)
      .where('case_studies.status', '=', 'published')
      .executeTakeFirst();
    if (!caseStudy?.thread_id) continue;
    const key = fixedKey(`${forumSlug}:${index}:question`);
    const existed = await db
      .selectFrom('posts')
      .select('id')
      .where('author_id', '=', asker.id)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    try {
      const question = await askQuestion(
        db,
        asker,
        caseStudy.id,
        { bodyMd: planned.body, lang: planned.lang, idempotencyKey: key },
        now,
      );
      if (!existed) asked += 1;
      if (planned.answer) {
        await createReply(
          db,
          keyRespondent,
          {
            threadId: caseStudy.thread_id,
            parentId: question.id,
            bodyMd: planned.answer.body,
            lang: planned.answer.lang,
            idempotencyKey: fixedKey(`${forumSlug}:${index}:answer`),
          },
          now,
        );
      }
    } catch (error) {
      // The week closed (an old demo database) or an organizer changed the appointment: the demo asks no more.
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return asked;
}
