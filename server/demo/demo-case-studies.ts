// The live demo's key respondents: two from Canada and two from Brazil in week 4 (Québec and
// Brazil), four from Spanish-speaking Latin America in week 5, each with a short case study
// that the demo organizer has approved. They are published by the usual rule, when their week
// opens. Seeded once, through the same domain functions the API uses.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { approveCaseStudy, createCaseStudy, submitCaseStudy } from '../case-studies/case-studies.service.ts';
import type { DB } from '../db/schema.ts';
import { takeKeyRespondentSeat } from '../applications/review.service.ts';
import { findEntryByKey, setMemberRegion } from '../forums/forum-lists.queries.ts';
import {
  demoSessionUser,
  ensureDemoAccount,
  sessionUserByEmail,
  type DemoProfile,
  type DemoCredentials,
} from './demo-accounts.ts';

interface DemoKeyRespondent extends DemoProfile {
  /** A key of the demo forum's regions (content/forums/sse-policy/forum.yaml). */
  region: 'english-canada' | 'quebec' | 'brazil' | 'hispanic-america';
  week: 4 | 5;
  title: string;
  theme: string;
  body: string;
}

export const demoKeyRespondents: DemoKeyRespondent[] = [
  {
    // Already a participant of the demo discussions (demo-discussions.ts); here he gets his week.
    email: 'marc@demo.tertulia.test',
    displayName: 'Marc-André Tremblay',
    lang: 'fr',
    readingLangs: ['fr', 'en'],
    timeZone: 'America/Montreal',
    organisation: 'Coopérative de solidarité du Plateau',
    region: 'quebec',
    country: 'CA',
    week: 4,
    theme: 'Cadre juridique',
    title: 'Une coopérative de solidarité pour nourrir un quartier',
    body: `Notre coopérative est née en 2004, quand la dernière épicerie du secteur a fermé. Une cinquantaine de résidents, les six employés de l'ancien commerce et deux organismes communautaires ont décidé de la rouvrir ensemble.

Nous avons choisi la **coopérative de solidarité**, une forme que la loi québécoise permet depuis 1997 : elle réunit dans un même conseil d'administration des membres utilisateurs (les clients), des membres travailleurs et des membres de soutien. Chaque catégorie élit ses administrateurs. Les débuts ont été lents : il a fallu apprendre à décider avec des intérêts qui ne coïncident pas toujours, par exemple entre des prix bas pour les clients et de bons salaires pour les employés.

Trois appuis publics ont compté :

- un prêt de démarrage d'un fonds régional de développement de l'économie sociale, sans garantie personnelle ;
- l'accompagnement d'une coopérative de développement régional pour le plan d'affaires ;
- un crédit d'impôt à l'investissement coopératif, qui a aidé les employés à acheter des parts privilégiées.

Aujourd'hui, la coopérative compte 1 400 membres et 22 emplois. Ce que nous retenons pour les politiques : la forme juridique compte, mais c'est l'accès à un capital patient et à un accompagnement de proximité qui a rendu le projet possible.`,
  },
  {
    email: 'catherine@demo.tertulia.test',
    displayName: 'Catherine Wong',
    lang: 'en',
    readingLangs: ['en', 'fr'],
    timeZone: 'America/Toronto',
    organisation: 'Toronto community investment cooperative',
    region: 'english-canada',
    country: 'CA',
    week: 4,
    theme: 'Finance',
    title: 'Patient capital: what Ontario borrowed from Québec',
    body: `When our cooperative started lending to social enterprises in Toronto, we studied the Québec model closely. What struck us was not any single programme but the *layers*: grants for early studies, loans with no personal guarantee, and long-term quasi-equity that does not need to be repaid for fifteen years.

In Ontario we had none of those layers at the start. Banks saw a food co-op or a training business as too small and too unusual. Our members, about 600 residents, bought community bonds of $1,000 each, which gave us a first loan fund of around $2 million.

Two lessons from six years of lending:

1. **Losses were lower than expected.** Fewer than 4% of our loans went bad, close to what a credit union sees on small business loans.
2. **Technical help mattered as much as money.** Most enterprises that struggled had not been refused credit; they had no one to help them price their services or bid on public contracts.

The provincial government later matched part of our fund with a loan guarantee. For the policy discussion I would put one question to the group: should governments fund these intermediaries directly, or only guarantee the money that communities raise themselves?`,
  },
  {
    email: 'beatriz@demo.tertulia.test',
    displayName: 'Beatriz Nogueira',
    lang: 'es',
    readingLangs: ['es', 'en'],
    timeZone: 'America/Fortaleza',
    organisation: 'Banco comunitario del barrio Jardim Esperança',
    region: 'brazil',
    country: 'BR',
    week: 4,
    theme: 'Finanzas solidarias',
    title: 'Un banco comunitario con moneda propia',
    body: `Nuestro barrio, en la periferia de Fortaleza, tiene unos 30 000 habitantes. A fines de los años noventa la asociación de vecinos hizo una encuesta sencilla: ¿dónde compra usted? Casi todo el dinero de las familias salía del barrio, hacia los supermercados del centro.

Con 2 000 reales prestados por una ONG creamos un **banco comunitario**: microcréditos para producir y una moneda social que sólo circula en los comercios del barrio. Quien paga con ella recibe un pequeño descuento, y los comercios la cambian por reales cuando lo necesitan.

Lo decisivo fue la relación con el Estado. En 2003 la Secretaría Nacional de Economía Solidaria empezó a apoyar a los bancos comunitarios como política pública, y un banco público aceptó actuar como corresponsal: ahora las familias pueden cobrar sus transferencias sociales en el banco del barrio, y ese dinero se queda aquí.

Hoy existen más de cien bancos comunitarios en Brasil. El riesgo que vemos es depender de convenios que cambian con cada gobierno. Por eso defendemos una ley que reconozca estas finanzas solidarias de forma permanente, y no sólo como programa.`,
  },
  {
    email: 'rafael@demo.tertulia.test',
    displayName: 'Rafael Lima',
    lang: 'en',
    readingLangs: ['en', 'es'],
    timeZone: 'America/Sao_Paulo',
    organisation: 'Network of recyclers’ cooperatives of Minas Gerais',
    region: 'brazil',
    country: 'BR',
    week: 4,
    theme: 'Public procurement',
    title: 'Waste pickers become contractors of the city',
    body: `For decades the people who collected recyclable material from the streets of Belo Horizonte worked alone, sold to middlemen at low prices, and were treated by the city as a nuisance. In the early 1990s a group of them, supported by a church pastoral, formed an association and later a cooperative.

The turning point came when the municipality stopped seeing them as a problem and started paying them as a **service provider**. The city now contracts recyclers' cooperatives for selective collection in several districts, lends them sorting warehouses and trucks, and includes them in the municipal waste plan. A national law on solid waste, adopted after years of campaigning by the national recyclers' movement, now tells municipalities to give priority to such cooperatives.

What changed for members: incomes are still modest, but they are regular, and members have social security for the first time.

What remains hard: contracts are short, payments are often late, and each new administration can renegotiate everything. Our network now negotiates as a group with several cities at once, so that no single cooperative has to face a city hall alone.`,
  },
  {
    email: 'rosa@demo.tertulia.test',
    displayName: 'Rosa Quispe',
    lang: 'es',
    readingLangs: ['es'],
    timeZone: 'America/La_Paz',
    organisation: 'Red de productores agroecológicos del altiplano',
    region: 'hispanic-america',
    country: 'BO',
    week: 5,
    theme: 'Compras públicas',
    title: 'Del mercado al desayuno escolar',
    body: `Nuestra red reúne a 38 asociaciones de productores de quinua, papa y lácteos del altiplano de La Paz y Oruro. Durante años vendimos a intermediarios que fijaban el precio en la puerta de la comunidad.

Desde 2009, la nueva Constitución reconoce la economía comunitaria y obliga al Estado a apoyarla. Para nosotros, la forma concreta de ese apoyo fue el **desayuno escolar**: los municipios compran alimentos para las escuelas y pueden dar preferencia a productores locales organizados.

No fue automático. Tuvimos que aprender a presentar ofertas, a emitir facturas y a garantizar la calidad todos los días del año escolar. Un municipio aceptó un plan piloto con dos asociaciones; al año siguiente ya eran diez. Hoy cerca de 4 000 niñas y niños reciben cada mañana productos de la red.

La lección principal: la ley abre la puerta, pero son los reglamentos municipales y la paciencia de algunos funcionarios los que permiten entrar.`,
  },
  {
    email: 'diego@demo.tertulia.test',
    displayName: 'Diego Andrade',
    lang: 'es',
    readingLangs: ['es', 'en'],
    timeZone: 'America/Guayaquil',
    organisation: 'Unión de cooperativas de ahorro y crédito de Loja',
    region: 'hispanic-america',
    country: 'EC',
    week: 5,
    theme: 'Marco legal',
    title: 'Una ley hecha con las cooperativas, no sólo para ellas',
    body: `En Ecuador la Constitución de 2008 habla de un sistema económico "social y solidario". Quedaba lo difícil: escribir la ley que lo hiciera realidad para las miles de cooperativas de ahorro y crédito, asociaciones y cajas comunales del país.

Nuestra unión participó en las mesas de consulta que el Estado organizó en varias provincias. Llevamos propuestas concretas: que las cajas comunales pequeñas no fueran tratadas como bancos, y que la supervisión se adaptara al tamaño de cada entidad.

La ley de economía popular y solidaria se aprobó en 2011 y creó una superintendencia propia para el sector. Algunas de nuestras propuestas quedaron en el texto; otras no.

Balance, desde las cooperativas: ganamos reconocimiento y acceso a fondos públicos, pero también muchos requisitos nuevos que a las entidades más pequeñas les cuesta cumplir. La coproducción de la ley funcionó mejor que su aplicación, donde la sociedad civil ya casi no tiene voz.`,
  },
  {
    email: 'valeria@demo.tertulia.test',
    displayName: 'Valeria Sosa',
    lang: 'es',
    readingLangs: ['es'],
    timeZone: 'America/Argentina/Buenos_Aires',
    organisation: 'Cooperativa gráfica La Unión',
    region: 'hispanic-america',
    country: 'AR',
    week: 5,
    theme: 'Empresas recuperadas',
    title: 'Recuperar la fábrica, sostener el trabajo',
    body: `En 2002, en plena crisis, los dueños de la imprenta donde trabajábamos desaparecieron dejando meses de sueldos sin pagar. Veintiséis trabajadoras y trabajadores decidimos quedarnos dentro para que no se llevaran las máquinas.

Formamos una cooperativa de trabajo y pedimos a la legislatura de la ciudad una ley de expropiación temporal, que nos dio el uso del edificio y los equipos. Después, la reforma de la ley de quiebras de 2011 permitió que los trabajadores organizados continúen la empresa y usen sus créditos laborales para comprarla.

El apoyo del Estado llegó por varios caminos: subsidios para reponer maquinaria, capacitación en gestión y un programa que complementa los ingresos en los meses malos.

Hoy somos 31 socios y socias, con las mismas retribuciones para todos. Lo que pedimos a las políticas públicas es que no nos traten sólo como una salida de emergencia, sino como empresas que también merecen crédito, compras del Estado y asistencia técnica en tiempos normales.`,
  },
  {
    email: 'lorena@demo.tertulia.test',
    displayName: 'Lorena Méndez',
    lang: 'es',
    readingLangs: ['es', 'en'],
    timeZone: 'America/Mexico_City',
    organisation: 'Unión de cafetaleras de la Sierra de Chiapas',
    region: 'hispanic-america',
    country: 'MX',
    week: 5,
    theme: 'Participación',
    title: 'Un asiento en el consejo que decide',
    body: `Nuestra unión agrupa a 1 200 familias que cultivan café bajo sombra en la sierra de Chiapas. Hace veinte años vendíamos el grano sin procesar; hoy tenemos un beneficio propio, certificación de comercio justo y una tostadora que vende en Tuxtla y en la Ciudad de México.

Durante mucho tiempo los programas para el campo se diseñaban sin nosotras. Eso empezó a cambiar cuando el gobierno del estado creó un consejo consultivo para la cafeticultura, con lugares para organizaciones de productores. Las mujeres de la unión pedimos, y conseguimos, que al menos un tercio de esos lugares fuera para organizaciones encabezadas por mujeres.

Desde el consejo logramos dos cambios: que los apoyos para renovar cafetales se entregaran a través de las organizaciones, y no sólo a productores individuales, y que incluyeran asistencia técnica agroecológica.

El consejo no siempre funciona: hay años en que no se convoca. Pero nos enseñó que incidir no es sólo protestar afuera, sino también preparar propuestas y sostener la presencia dentro.`,
  },
];

/**
 * Appoints the demo key respondents to weeks 4 and 5 of the live edition and has each write,
 * submit and get approved a case study, unless the forum already has case studies. Returns
 * the accounts it created.
 */
export async function seedDemoCaseStudies(
  db: Kysely<DB>,
  forumSlug: string,
  organizerEmail: string,
): Promise<DemoCredentials[]> {
  const forum = await db.selectFrom('forums').select('id').where('slug', '=', forumSlug).executeTakeFirst();
  const organizer = await sessionUserByEmail(db, organizerEmail);
  if (!forum || !organizer) return [];
  if (await db.selectFrom('case_studies').select('id').where('forum_id', '=', forum.id).limit(1).executeTakeFirst())
    return [];
  const credentials: DemoCredentials[] = [];
  for (const person of demoKeyRespondents) {
    const account = await ensureDemoAccount(db, person, [{ forumSlug, role: 'participant' }], 'key_respondent');
    const { id } = account;
    if (account.credentials) credentials.push(account.credentials);
    // The week page shows where a key respondent comes from: their region in this forum.
    await db.updateTable('users').set({ country: person.country }).where('id', '=', id).execute();
    const region = await findEntryByKey(db, 'forum_regions', forum.id, person.region);
    if (region) await setMemberRegion(db, forum.id, id, region.id);
    // The seat is taken by the console's rule: within the forum's total and per-week limits, under its lock.
    await db.transaction().execute((trx) => takeKeyRespondentSeat(trx, forum.id, id, person.week));
    const author = demoSessionUser(id, person);
    const reader = { user: author, lang: person.lang };
    const { caseStudy } = await createCaseStudy(
      db,
      forumSlug,
      author,
      {
        weekNumber: person.week,
        title: person.title,
        bodyMd: person.body,
        lang: person.lang,
        region: region ? person.region : '',
        theme: person.theme,
        idempotencyKey: randomUUID(),
      },
      reader,
    );
    await submitCaseStudy(db, caseStudy.id, author, reader);
    await approveCaseStudy(db, caseStudy.id, organizer, { user: organizer, lang: organizer.interfaceLang });
  }
  return credentials;
}
