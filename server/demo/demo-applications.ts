// The demo's cohort: applications to the live edition in every state, and one key-respondent
// candidate per region, so organizers can try review, filters, limits and exports at once.
// Created once: a forum that already has applications is left alone. The applicants' accounts
// get passwords nobody knows (they exist to be reviewed, not to sign in).
import type { Kysely } from 'kysely';
import { ensureAccount, generatePassword } from '../auth/accounts.service.ts';
import type { ApplicationKind, ApplicationStatus, DB, Lang } from '../db/schema.ts';
import { grantRole } from '../applications/applications.queries.ts';
import { takeKeyRespondentSeat } from '../applications/review.service.ts';

interface DemoApplicant {
  key: string; name: string; lang: Lang; timeZone: string; organisation: string; region: string; country: string;
  kind: ApplicationKind; status: ApplicationStatus; fitsWeek?: number; assignWeek?: number; description: string; statement?: string;
}

const applicants: DemoApplicant[] = [
  { key: 'ines', name: 'Inés Condori', lang: 'es', timeZone: 'America/Lima', organisation: 'Central de cafetaleras del sur', region: 'andean', country: 'Perú', kind: 'key_respondent', status: 'pending', fitsWeek: 3,
    description: 'Coordino una central de cooperativas cafetaleras que exporta con comercio justo.', statement: 'Nuestra central negoció con el gobierno regional un fondo de garantía para cooperativas jóvenes. Puedo contar qué cláusulas funcionaron y cuáles no, y qué haríamos distinto.' },
  { key: 'tomas', name: 'Tomás Riquelme', lang: 'es', timeZone: 'America/Santiago', organisation: 'Red de economía solidaria de Valparaíso', region: 'southern_cone', country: 'Chile', kind: 'key_respondent', status: 'pending', fitsWeek: 4,
    description: 'Acompaño a empresas recuperadas por sus trabajadores en la región de Valparaíso.', statement: 'Las empresas recuperadas necesitan reglas de quiebra que permitan a los trabajadores continuar la actividad. Propongo analizar la reforma chilena y sus límites.' },
  { key: 'genevieve', name: 'Geneviève Lavoie', lang: 'fr', timeZone: 'America/Montreal', organisation: 'Chantier régional d’économie sociale', region: 'canada', country: 'Canada', kind: 'key_respondent', status: 'accepted', fitsWeek: 3, assignWeek: 3,
    description: 'Je travaille à la concertation régionale des entreprises d’économie sociale au Québec.', statement: 'La loi québécoise sur l’économie sociale a créé des tables de concertation. Je peux présenter leur fonctionnement, leurs acquis et les tensions avec les ministères.' },
  { key: 'rodrigo', name: 'Rodrigo Sánchez', lang: 'es', timeZone: 'America/Mexico_City', organisation: 'Unión de cooperativas de ahorro de Oaxaca', region: 'mexico', country: 'México', kind: 'key_respondent', status: 'waitlisted', fitsWeek: 3,
    description: 'Dirijo la formación de una unión de cajas de ahorro rurales.', statement: 'La ley mexicana de sociedades cooperativas de ahorro impuso requisitos de capital difíciles para cajas pequeñas. Puedo explicar cómo nos adaptamos.' },
  { key: 'maria', name: 'María José Orellana', lang: 'es', timeZone: 'America/Guatemala', organisation: 'Asociación de tejedoras mayas', region: 'central_america', country: 'Guatemala', kind: 'key_respondent', status: 'declined', fitsWeek: 5,
    description: 'Apoyo la comercialización de textiles de una asociación de mujeres tejedoras.', statement: 'Las compras públicas podrían incluir a asociaciones de artesanas si los pliegos aceptaran lotes pequeños.' },
  { key: 'jean', name: 'Jean-Robert Pierre', lang: 'fr', timeZone: 'America/Port-au-Prince', organisation: 'Réseau des caisses populaires du Nord', region: 'caribbean', country: 'Haïti', kind: 'key_respondent', status: 'pending', fitsWeek: 2,
    description: 'J’accompagne des caisses populaires dans le nord d’Haïti.', statement: 'Après le séisme, les caisses populaires ont servi de relais pour l’aide. Je propose d’examiner ce que cela dit de leur reconnaissance par l’État.' },
  { key: 'ana', name: 'Ana Paula Ribeiro', lang: 'es', timeZone: 'America/Sao_Paulo', organisation: 'Fórum de economia solidária de Recife', region: 'brazil', country: 'Brasil', kind: 'key_respondent', status: 'pending', fitsWeek: 6,
    description: 'Participo en un foro estatal de economía solidaria en Pernambuco.', statement: 'La secretaría nacional de economía solidaria de Brasil ofrece una experiencia de política pública dedicada. Puedo comparar sus programas con lo discutido aquí.' },
  { key: 'aisha', name: 'Aisha Rahman', lang: 'en', timeZone: 'Asia/Kuala_Lumpur', organisation: 'Cooperative college network', region: 'other', country: 'Malaysia', kind: 'key_respondent', status: 'pending', fitsWeek: 4,
    description: 'I teach co-operative management and follow social-economy policy in Southeast Asia.', statement: 'Malaysia’s co-operative commission regulates and promotes at once. I can set out what that double role does to small co-operatives, as a contrast to the Americas.' },
  { key: 'peter', name: 'Peter MacLeod', lang: 'en', timeZone: 'America/Halifax', organisation: 'Nova Scotia community economic development network', region: 'canada', country: 'Canada', kind: 'participant', status: 'pending',
    description: 'I support community investment funds in rural Nova Scotia.' },
  { key: 'camila', name: 'Camila Duarte', lang: 'es', timeZone: 'America/Bogota', organisation: 'Fundación para el comercio justo', region: 'andean', country: 'Colombia', kind: 'participant', status: 'accepted',
    description: 'Trabajo en certificación de comercio justo con organizaciones campesinas.' },
  { key: 'luc', name: 'Luc Gagnon', lang: 'fr', timeZone: 'America/Toronto', organisation: 'Coopérative d’habitation franco-ontarienne', region: 'canada', country: 'Canada', kind: 'participant', status: 'waitlisted',
    description: 'Je gère une coopérative d’habitation et m’intéresse au financement public du logement social.' },
  { key: 'diego', name: 'Diego Fernández', lang: 'es', timeZone: 'America/Argentina/Buenos_Aires', organisation: 'Cooperativa de trabajo gráfica', region: 'southern_cone', country: 'Argentina', kind: 'participant', status: 'declined',
    description: 'Soy socio de una cooperativa gráfica recuperada.' },
];

export async function seedDemoApplications(db: Kysely<DB>, forumSlug: string, organizerEmail: string): Promise<void> {
  const forum = await db.selectFrom('forums').select('id').where('slug', '=', forumSlug).executeTakeFirst();
  if (!forum) return;
  const already = await db.selectFrom('applications').select('id').where('forum_id', '=', forum.id).limit(1).executeTakeFirst();
  if (already) return;
  const organizer = await db.selectFrom('users').select('id').where('email', '=', organizerEmail).executeTakeFirstOrThrow();
  const weeks = new Map((await db.selectFrom('weeks').select(['id', 'number']).where('forum_id', '=', forum.id).execute()).map((w) => [w.number, w.id]));
  for (const person of applicants) {
    const { id } = await ensureAccount(db, {
      email: `${person.key}.applicant@demo.tertulia.test`, displayName: person.name, password: generatePassword(), interfaceLang: person.lang,
      readingLangs: [person.lang], timeZone: person.timeZone, organisation: person.organisation,
    });
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ region: person.region, country: person.country }).where('id', '=', id).execute();
      const decided = person.status !== 'pending';
      await trx.insertInto('applications').values({
        forum_id: forum.id, user_id: id, kind: person.kind, status: person.status, description: person.description,
        statement: person.statement ?? '', fits_week_id: person.fitsWeek ? weeks.get(person.fitsWeek) ?? null : null,
        organisation: person.organisation, region: person.region, country: person.country, langs: [person.lang], lang: person.lang,
        heard_from: '', decided_by: decided ? organizer.id : null, decided_at: decided ? new Date() : null,
      }).onConflict((oc) => oc.columns(['forum_id', 'user_id']).doNothing()).execute();
      if (person.status === 'accepted') {
        // Roles and seats as an organizer's acceptance gives them: a seat within the forum's limits.
        // A programme without that week (a short test forum) gets the participant only.
        if (person.assignWeek && weeks.has(person.assignWeek)) await takeKeyRespondentSeat(trx, forum.id, id, person.assignWeek);
        else await grantRole(trx, forum.id, id, 'participant');
      }
    });
  }
}
