// The demo's cohort: applications to the live edition in every state, and one key-respondent
// candidate per region, so organizers can try review, filters, limits and exports at once.
// Created once: a forum that already has applications is left alone. The applicants' accounts
// get passwords nobody knows (they exist to be reviewed, not to sign in).
import type { Kysely } from 'kysely';
import { ensureAccount, generatePassword } from '../auth/accounts.service.ts';
import type { ApplicationKind, ApplicationStatus, DB, Lang } from '../db/schema.ts';
import { grantRole } from '../applications/applications.queries.ts';
import { takeKeyRespondentSeat } from '../applications/review.service.ts';
import { findEntries, setMemberRegion } from '../forums/forum-lists.queries.ts';

interface DemoApplicant {
  /** region and sector are keys of the demo forum's lists (content/forums/sse-policy/forum.yaml). */
  key: string;
  name: string;
  lang: Lang;
  timeZone: string;
  organisation: string;
  region: string;
  sector: string;
  country: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  fitsWeek?: number;
  assignWeek?: number;
  description: string;
  statement?: string;
  /** What the call asks of a key respondent: research, work on the ground, advocacy or policy. */
  experience?: { research: string; ground: string; policy: string };
}

const experience: Record<string, DemoApplicant['experience']> = {
  ines: {
    research: 'Participé en un estudio regional sobre el acceso al crédito de cooperativas cafetaleras.',
    ground: 'Doce años organizando el acopio y la exportación con 34 cooperativas de base.',
    policy: 'Negocié con el gobierno regional el fondo de garantía para cooperativas jóvenes.',
  },
  genevieve: {
    research: 'J’ai coordonné un portrait statistique des entreprises d’économie sociale de ma région.',
    ground: 'J’anime depuis huit ans la table régionale qui réunit coopératives et OBNL.',
    policy: 'J’ai contribué aux consultations sur la loi québécoise sur l’économie sociale.',
  },
  tomas: {
    research: '',
    ground: 'Acompaño a seis empresas recuperadas en su paso a cooperativas de trabajo.',
    policy: 'Redacté con otras redes una propuesta de reforma a la ley de quiebras.',
  },
  ana: {
    research: 'Colaboro con una incubadora universitaria de cooperativas populares.',
    ground: 'Coordino el banco comunitario de un barrio de Recife.',
    policy: 'Represento al foro estatal en el consejo de economía solidaria de Pernambuco.',
  },
  aisha: {
    research: 'I compare co-operative legislation in Canada and Southeast Asia for a college programme.',
    ground: 'I advise student housing co-operatives in Toronto.',
    policy: '',
  },
};

const applicants: DemoApplicant[] = [
  {
    key: 'ines',
    name: 'Inés Condori',
    lang: 'es',
    timeZone: 'America/Lima',
    organisation: 'Central de cafetaleras del sur',
    region: 'hispanic-america',
    sector: 'grassroots',
    country: 'Perú',
    kind: 'key_respondent',
    status: 'pending',
    fitsWeek: 3,
    description: 'Coordino una central de cooperativas cafetaleras que exporta con comercio justo.',
    statement:
      'Nuestra central negoció con el gobierno regional un fondo de garantía para cooperativas jóvenes. Puedo contar qué cláusulas funcionaron y cuáles no, y qué haríamos distinto.',
  },
  {
    key: 'tomas',
    name: 'Tomás Riquelme',
    lang: 'es',
    timeZone: 'America/Santiago',
    organisation: 'Red de economía solidaria de Valparaíso',
    region: 'hispanic-america',
    sector: 'ngo',
    country: 'Chile',
    kind: 'key_respondent',
    status: 'pending',
    fitsWeek: 4,
    description: 'Acompaño a empresas recuperadas por sus trabajadores en la región de Valparaíso.',
    statement:
      'Las empresas recuperadas necesitan reglas de quiebra que permitan a los trabajadores continuar la actividad. Propongo analizar la reforma chilena y sus límites.',
  },
  {
    key: 'genevieve',
    name: 'Geneviève Lavoie',
    lang: 'fr',
    timeZone: 'America/Montreal',
    organisation: 'Chantier régional d’économie sociale',
    region: 'quebec',
    sector: 'ngo',
    country: 'Canada',
    kind: 'key_respondent',
    status: 'accepted',
    fitsWeek: 3,
    assignWeek: 3,
    description: 'Je travaille à la concertation régionale des entreprises d’économie sociale au Québec.',
    statement:
      'La loi québécoise sur l’économie sociale a créé des tables de concertation. Je peux présenter leur fonctionnement, leurs acquis et les tensions avec les ministères.',
  },
  {
    key: 'rodrigo',
    name: 'Rodrigo Sánchez',
    lang: 'es',
    timeZone: 'America/Mexico_City',
    organisation: 'Unión de cooperativas de ahorro de Oaxaca',
    region: 'hispanic-america',
    sector: 'ngo',
    country: 'México',
    kind: 'key_respondent',
    status: 'waitlisted',
    fitsWeek: 3,
    description: 'Dirijo la formación de una unión de cajas de ahorro rurales.',
    statement:
      'La ley mexicana de sociedades cooperativas de ahorro impuso requisitos de capital difíciles para cajas pequeñas. Puedo explicar cómo nos adaptamos.',
  },
  {
    key: 'maria',
    name: 'María José Orellana',
    lang: 'es',
    timeZone: 'America/Guatemala',
    organisation: 'Asociación de tejedoras mayas',
    region: 'hispanic-america',
    sector: 'grassroots',
    country: 'Guatemala',
    kind: 'key_respondent',
    status: 'declined',
    fitsWeek: 5,
    description: 'Apoyo la comercialización de textiles de una asociación de mujeres tejedoras.',
    statement:
      'Las compras públicas podrían incluir a asociaciones de artesanas si los pliegos aceptaran lotes pequeños.',
  },
  {
    key: 'jean',
    name: 'Jean-Robert Pierre',
    lang: 'fr',
    timeZone: 'America/Montreal',
    organisation: 'Caisse d’économie solidaire de Montréal-Nord',
    region: 'quebec',
    sector: 'ngo',
    country: 'Canada',
    kind: 'key_respondent',
    status: 'pending',
    fitsWeek: 2,
    description: 'J’accompagne une caisse d’économie solidaire de Montréal-Nord, proche de la diaspora haïtienne.',
    statement:
      'Après le séisme, les caisses populaires ont servi de relais pour l’aide. Je propose d’examiner ce que cela dit de leur reconnaissance par l’État.',
  },
  {
    key: 'ana',
    name: 'Ana Paula Ribeiro',
    lang: 'es',
    timeZone: 'America/Sao_Paulo',
    organisation: 'Fórum de economia solidária de Recife',
    region: 'brazil',
    sector: 'grassroots',
    country: 'Brasil',
    kind: 'key_respondent',
    status: 'pending',
    fitsWeek: 6,
    description: 'Participo en un foro estatal de economía solidaria en Pernambuco.',
    statement:
      'La secretaría nacional de economía solidaria de Brasil ofrece una experiencia de política pública dedicada. Puedo comparar sus programas con lo discutido aquí.',
  },
  {
    key: 'aisha',
    name: 'Aisha Rahman',
    lang: 'en',
    timeZone: 'America/Toronto',
    organisation: 'Co-operative college network of Ontario',
    region: 'english-canada',
    sector: 'academia',
    country: 'Canada',
    kind: 'key_respondent',
    status: 'pending',
    fitsWeek: 4,
    description:
      'I teach co-operative management in Toronto and compare social-economy policy in Canada and Southeast Asia.',
    statement:
      'Malaysia’s co-operative commission regulates and promotes at once. I can set out what that double role does to small co-operatives, as a contrast to the Americas.',
  },
  {
    key: 'peter',
    name: 'Peter MacLeod',
    lang: 'en',
    timeZone: 'America/Halifax',
    organisation: 'Nova Scotia Department of Rural Development',
    region: 'english-canada',
    sector: 'government',
    country: 'Canada',
    kind: 'participant',
    status: 'pending',
    description: 'I work for the province on community investment funds in rural Nova Scotia.',
  },
  {
    key: 'camila',
    name: 'Camila Duarte',
    lang: 'es',
    timeZone: 'America/Bogota',
    organisation: 'Fundación para el comercio justo',
    region: 'hispanic-america',
    sector: 'ngo',
    country: 'Colombia',
    kind: 'participant',
    status: 'accepted',
    description: 'Trabajo en certificación de comercio justo con organizaciones campesinas.',
  },
  {
    key: 'luc',
    name: 'Luc Gagnon',
    lang: 'fr',
    timeZone: 'America/Toronto',
    organisation: 'Coopérative d’habitation franco-ontarienne',
    region: 'english-canada',
    sector: 'grassroots',
    country: 'Canada',
    kind: 'participant',
    status: 'waitlisted',
    description: 'Je gère une coopérative d’habitation et m’intéresse au financement public du logement social.',
  },
  {
    key: 'diego',
    name: 'Diego Fernández',
    lang: 'es',
    timeZone: 'America/Argentina/Buenos_Aires',
    organisation: 'Cooperativa de trabajo gráfica',
    region: 'hispanic-america',
    sector: 'grassroots',
    country: 'Argentina',
    kind: 'participant',
    status: 'declined',
    description: 'Soy socio de una cooperativa gráfica recuperada.',
  },
];

export async function seedDemoApplications(db: Kysely<DB>, forumSlug: string, organizerEmail: string): Promise<void> {
  const forum = await db.selectFrom('forums').select('id').where('slug', '=', forumSlug).executeTakeFirst();
  if (!forum) return;
  const already = await db
    .selectFrom('applications')
    .select('id')
    .where('forum_id', '=', forum.id)
    .limit(1)
    .executeTakeFirst();
  if (already) return;
  const organizer = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', organizerEmail)
    .executeTakeFirstOrThrow();
  const weeks = new Map(
    (await db.selectFrom('weeks').select(['id', 'number']).where('forum_id', '=', forum.id).execute()).map((w) => [
      w.number,
      w.id,
    ]),
  );
  const idsByKey = async (table: 'forum_regions' | 'forum_sectors' | 'forum_prerequisites') =>
    new Map((await findEntries(db, table, forum.id, { includeArchived: false })).map((entry) => [entry.key, entry.id]));
  const [regions, sectors, prerequisites] = [
    await idsByKey('forum_regions'),
    await idsByKey('forum_sectors'),
    await idsByKey('forum_prerequisites'),
  ];
  for (const person of applicants) {
    const { id } = await ensureAccount(db, {
      email: `${person.key}.applicant@demo.tertulia.test`,
      displayName: person.name,
      password: generatePassword(),
      interfaceLang: person.lang,
      readingLangs: [person.lang],
      timeZone: person.timeZone,
      organisation: person.organisation,
    });
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ country: person.country }).where('id', '=', id).execute();
      const decided = person.status !== 'pending';
      const regionId = regions.get(person.region) ?? null;
      const told = experience[person.key];
      await trx
        .insertInto('applications')
        .values({
          forum_id: forum.id,
          user_id: id,
          kind: person.kind,
          status: person.status,
          description: person.description,
          statement: person.statement ?? '',
          fits_week_id: person.fitsWeek ? (weeks.get(person.fitsWeek) ?? null) : null,
          organisation: person.organisation,
          region_id: regionId,
          sector_id: sectors.get(person.sector) ?? null,
          prerequisites_confirmed: [...prerequisites.values()],
          research_experience: told?.research ?? '',
          ground_experience: told?.ground ?? '',
          policy_experience: told?.policy ?? '',
          country: person.country,
          langs: [person.lang],
          lang: person.lang,
          heard_from: '',
          decided_by: decided ? organizer.id : null,
          decided_at: decided ? new Date() : null,
        })
        .onConflict((oc) => oc.columns(['forum_id', 'user_id']).doNothing())
        .execute();
      if (person.status === 'accepted') {
        // Roles and seats as an organizer's acceptance gives them: a seat within the forum's limits,
        // counted by region, so the region is set first. A programme without that week (a short
        // test forum) gets the participant only.
        if (regionId !== null) await setMemberRegion(trx, forum.id, id, regionId);
        if (person.assignWeek && weeks.has(person.assignWeek))
          await takeKeyRespondentSeat(trx, forum.id, id, person.assignWeek);
        else await grantRole(trx, forum.id, id, 'participant');
      }
    });
  }
}
