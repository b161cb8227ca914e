// The live demo's open week (week 2 on first start) shows every role's journey at once: a key
// respondent appointed to it within the forum's limits, her case study in Spanish approved and so
// published at once (its translation task queued by the forum's policy, for a translator to claim),
// questions to her (demo-questions.ts: one answered, one waiting), and a Spanish post whose English
// translation a demo translator has published. Seeded once, through the domain functions the API uses.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../auth/session.ts';
import { findEntryByKey, setMemberRegion } from '../forums/forum-lists.queries.ts';
import { takeKeyRespondentSeat } from '../applications/review.service.ts';
import { approveCaseStudy, createCaseStudy, submitCaseStudy } from '../case-studies/case-studies.service.ts';
import type { DB, TranslatableType } from '../db/schema.ts';
import { currentTime } from '../time/clock.ts';
import { claim } from '../translations/queue.service.ts';
import { publish } from '../translations/publishing.service.ts';
import {
  demoSessionUser,
  ensureDemoAccount,
  sessionUserByEmail,
  type DemoProfile,
  type DemoCredentials,
} from './demo-accounts.ts';

export const OPEN_WEEK = 2;

export const openWeekKeyRespondent: DemoProfile & { region: string; title: string; theme: string; body: string } = {
  email: 'carmen@demo.tertulia.test',
  displayName: 'Carmen Ríos',
  lang: 'es',
  readingLangs: ['es', 'fr', 'en'],
  timeZone: 'America/Montreal',
  organisation: 'Red de economía solidaria latinoamericana de Montreal',
  region: 'quebec',
  country: 'CA',
  theme: 'Relación con el gobierno',
  title: 'Del grupo de trabajo a la política pública: lo que enseña el Chantier de Quebec',
  body: `Escribo desde Montreal, donde acompaño a organizaciones de economía social y a grupos de personas latinoamericanas que quieren emprender de manera colectiva. Las lecturas de esta semana muestran que la investigación canadiense pone dos apoyos en el centro: el acceso al capital y un marco jurídico e institucional favorable. Quiero contar cómo se construyó en Quebec una de las piezas de ese marco, el Chantier de l'économie sociale, y qué preguntas nos deja para América Latina.

## Un grupo de trabajo que no quiso disolverse

En marzo de 1996, durante los preparativos de la Cumbre sobre la Economía y el Empleo, se formó un grupo de trabajo sobre la economía social. Tenía seis meses para evaluar, en cada región de Quebec, con cuánto apoyo podía contar este tipo de empresas. El ejercicio entusiasmó tanto a sus integrantes que acordaron seguir dos años más con sus tareas de promoción y análisis.

Al cabo de ese tiempo los logros eran reales, pero frágiles: había que consolidarlos y asegurar que la economía social tuviera un lugar estable en la estructura socioeconómica de la provincia. La respuesta fue institucional. En abril de 1999, en su asamblea general de fundación, el Chantier se convirtió en una sociedad independiente sin fines de lucro.

El orden importa: primero, una convocatoria pública ligada a una cumbre sobre el empleo; después, un sector que decidió no volver a casa al terminar el encargo; sólo entonces, una forma jurídica propia, independiente del gobierno que lo había convocado.

## Una red de redes, no una sola voz

El Chantier no es una empresa ni una federación de un solo tipo de organización: es una red de redes, que reúne a actores y aliados de la economía social a escala regional y de todo Quebec. Su misión es promover la economía social como parte integral de una economía plural y, con ello, contribuir a democratizar la economía, sobre valores de solidaridad, equidad y transparencia.

Dos de sus líneas de acción tocan de lleno los temas de esta semana. Una es reunir a los principales actores del movimiento para crear condiciones y políticas públicas favorables al emprendimiento colectivo. La otra es facilitar la creación de herramientas de desarrollo con efecto estructurante: financieras, de comercialización, de investigación y de transferencia de conocimientos. Dicho de otro modo, el capital no aparece como un favor que se pide al Estado, sino como una herramienta que el propio sector ayuda a diseñar y a sostener.

El Chantier ofrece formación y asesoría, y recibe fondos tanto del gobierno como de fundaciones privadas. Esa mezcla de fuentes le da cierto margen frente a los cambios políticos, aunque no lo vuelve inmune a ellos.

## Cuando la ciudad firma un acuerdo

La relación con los poderes públicos no se limita a la provincia. En 2009 la Ciudad de Montreal propuso a los actores de la economía social una alianza basada en el reconocimiento de responsabilidades compartidas y en un plan de acción de largo plazo. El acuerdo tiene tres objetivos: reconocer formalmente la contribución de la economía social al desarrollo de Montreal, apoyarla a partir de lo ya logrado y aumentar su aporte al desarrollo sostenible con empresas comunitarias que respondan a las necesidades de la población.

Lo que más me interesa es cómo se le da seguimiento. Un comité de dirección reúne al miembro del Comité Ejecutivo responsable del desarrollo económico, a altos representantes de los servicios municipales y a integrantes del comité consultivo de la alianza. Y una de sus cinco orientaciones estratégicas es una mayor apertura a hacer negocios con las empresas de la economía social: la compra pública como fuente de ingresos estables.

## Lo que me llevo para América Latina

Hoy Quebec cuenta con más de 11 300 organizaciones de economía social y solidaria. A quienes visitan la provincia se les explica que las comunidades francófonas tuvieron durante mucho tiempo poco acceso a oportunidades empresariales, financieras y educativas, y que por eso se apoyaron en organizaciones comunitarias y de ayuda mutua. Esa historia se parece a la de muchos barrios populares y comunidades rurales de nuestro continente.

Propongo discutir tres lecciones:

1. **La convocatoria del Estado puede ser el punto de partida, no el de llegada.** El sector necesita una organización propia que sobreviva al encargo inicial.
2. **El capital y las leyes se negocian mejor en red.** Una red de redes puede proponer herramientas financieras que ninguna cooperativa aislada conseguiría.
3. **Un acuerdo municipal necesita quien le dé seguimiento**, con cargos y responsabilidades definidos, y no sólo buenas intenciones.

¿Existe en sus países algo parecido a aquel grupo de trabajo de 1996? ¿Qué fue de él cuando cambió el gobierno?`,
};

const translator: DemoProfile = {
  email: 'daniela@demo.tertulia.test',
  displayName: 'Daniela Ortiz',
  lang: 'en',
  readingLangs: ['en', 'es', 'fr'],
  timeZone: 'America/Toronto',
  organisation: 'Tertulia demo translators',
  country: 'CA',
};

/** The English the demo translator publishes for João's week-2 opening post (demo-discussions.ts) and its title. */
const translatedPost = {
  title: 'Public procurement: what worked in Canada?',
  body: 'The reading mentions social clauses in public procurement. In our incubator, co-operatives lose tenders because they have no bank guarantees. Does anyone know of concrete examples of how that was solved?',
};

/** Claims and publishes the open task translating an item into English, as the translator would in the editor. */
async function translate(
  db: Kysely<DB>,
  user: SessionUser,
  forumId: number,
  itemType: TranslatableType,
  itemId: number,
  bodyMd: string,
): Promise<void> {
  const task = await db
    .selectFrom('translation_tasks')
    .select('id')
    .where('forum_id', '=', forumId)
    .where('item_type', '=', itemType)
    .where('item_id', '=', itemId)
    .where('target_lang', '=', 'en')
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (!task) return;
  await claim(db, task.id, user);
  await publish(db, task.id, user, bodyMd);
}

/** Seeds the open week unless its key respondent already wrote there; returns the accounts it created. */
export async function seedDemoOpenWeek(
  db: Kysely<DB>,
  forumSlug: string,
  organizerEmail: string,
): Promise<DemoCredentials[]> {
  const forum = await db.selectFrom('forums').select('id').where('slug', '=', forumSlug).executeTakeFirst();
  const organizer = await sessionUserByEmail(db, organizerEmail);
  if (!forum || !organizer) return [];
  const person = openWeekKeyRespondent;
  const existing = await db
    .selectFrom('case_studies')
    .innerJoin('users', 'users.id', 'case_studies.author_id')
    .select('case_studies.id')
    .where('case_studies.forum_id', '=', forum.id)
    .where('users.email', '=', person.email)
    .executeTakeFirst();
  if (existing) return [];
  const credentials: DemoCredentials[] = [];

  const account = await ensureDemoAccount(db, person, [{ forumSlug, role: 'participant' }], 'key_respondent');
  if (account.credentials) credentials.push(account.credentials);
  await db.updateTable('users').set({ country: person.country }).where('id', '=', account.id).execute();
  // Her region in this forum first: the console's rule counts seats by region.
  const region = await findEntryByKey(db, 'forum_regions', forum.id, person.region);
  if (region) await setMemberRegion(db, forum.id, account.id, region.id);
  // Appointed by the console's rule: within the forum's total and per-week limits, under its lock.
  await db.transaction().execute((trx) => takeKeyRespondentSeat(trx, forum.id, account.id, OPEN_WEEK));
  const author = demoSessionUser(account.id, person);
  const reader = { user: author, lang: person.lang };
  const { caseStudy } = await createCaseStudy(
    db,
    forumSlug,
    author,
    {
      weekNumber: OPEN_WEEK,
      title: person.title,
      bodyMd: person.body,
      lang: person.lang,
      region: person.region,
      theme: person.theme,
      idempotencyKey: randomUUID(),
    },
    reader,
  );
  await submitCaseStudy(db, caseStudy.id, author, reader);
  // Its week is open, so approval publishes it at once, queueing its translation by the forum's policy.
  await approveCaseStudy(
    db,
    caseStudy.id,
    organizer,
    { user: organizer, lang: organizer.interfaceLang },
    currentTime(),
  );

  const translatorAccount = await ensureDemoAccount(db, translator, [{ forumSlug, role: 'translator' }], 'translator');
  if (translatorAccount.credentials) credentials.push(translatorAccount.credentials);
  const translatorUser = demoSessionUser(translatorAccount.id, translator);
  const thread = await db
    .selectFrom('threads')
    .innerJoin('weeks', 'weeks.id', 'threads.week_id')
    .innerJoin('posts', 'posts.thread_id', 'threads.id')
    .innerJoin('users', 'users.id', 'posts.author_id')
    .select(['threads.id as thread_id', 'posts.id as post_id'])
    .where('threads.forum_id', '=', forum.id)
    .where('weeks.number', '=', OPEN_WEEK)
    .where('users.email', '=', 'joao@demo.tertulia.test')
    .where('posts.parent_id', 'is', null)
    .orderBy('posts.id')
    .executeTakeFirst();
  if (thread) {
    await translate(db, translatorUser, forum.id, 'thread_title', thread.thread_id, translatedPost.title);
    await translate(db, translatorUser, forum.id, 'post', thread.post_id, translatedPost.body);
  }
  return credentials;
}
