// First start of a fresh site: import the demo programme, create the demo organizer and the
// demo participants' discussions; credentials are returned once, when the accounts are
// created, for main.ts to print.
import type { Kysely } from 'kysely';
import { ensureAccount, generatePassword } from '../auth/accounts.service.ts';
import { importContent } from '../content/import.service.ts';
import type { DB } from '../db/schema.ts';
import type { DemoCredentials } from './demo-accounts.ts';
import { seedDemoApplications } from './demo-applications.ts';
import { seedDemoDiscussions } from './demo-discussions.ts';
import { seedDemoCaseStudies } from './demo-case-studies.ts';
import { seedDemoQuestions } from './demo-questions.ts';
import { seedDemoOpenWeek } from './demo-open-week.ts';
import { seedDemoArchive } from './demo-archive.ts';
import { seedDemoSynthesis } from './demo-synthesis.ts';

export const DEMO_FORUMS = ['sse-policy-live', 'sse-policy-2009'];
export const DEMO_ORGANIZER_EMAIL = 'organizer@demo.tertulia.test';

export interface DemoPlaces {
  contentDir: string;
  /** Where the archive's generated proceedings are written, as the site's own job writes them. */
  proceedingsDir: string;
}

export async function seedDemo(db: Kysely<DB>, { contentDir, proceedingsDir }: DemoPlaces): Promise<DemoCredentials[]> {
  await importContent(db, contentDir);
  const password = generatePassword();
  const organizer = await ensureAccount(db, {
    email: DEMO_ORGANIZER_EMAIL,
    displayName: 'Demo organizer',
    password,
    interfaceLang: 'en',
    readingLangs: ['en', 'es', 'fr'],
    timeZone: 'America/Toronto',
    organisation: 'Tertulia demo',
    roles: DEMO_FORUMS.map((forumSlug) => ({ forumSlug, role: 'organizer' as const })),
  });
  const created: DemoCredentials[] = organizer.created
    ? [{ email: DEMO_ORGANIZER_EMAIL, password, role: 'organizer' }]
    : [];
  const discussions = await seedDemoDiscussions(db, DEMO_FORUMS[0]!);
  await seedDemoApplications(db, DEMO_FORUMS[0]!, DEMO_ORGANIZER_EMAIL);
  const caseStudies = await seedDemoCaseStudies(db, DEMO_FORUMS[0]!, DEMO_ORGANIZER_EMAIL);
  const openWeek = await seedDemoOpenWeek(db, DEMO_FORUMS[0]!, DEMO_ORGANIZER_EMAIL);
  // Nothing until a demo case study is published at its week's opening; every start adds what is due.
  await seedDemoQuestions(db, DEMO_FORUMS[0]!);
  const archive = await seedDemoArchive(db, DEMO_FORUMS[1]!);
  await seedDemoSynthesis(db, DEMO_FORUMS[1]!, archive, DEMO_ORGANIZER_EMAIL, proceedingsDir);
  return [...created, ...discussions, ...caseStudies, ...openWeek];
}
