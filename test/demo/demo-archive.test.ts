// The closed 2009 edition a newcomer opens first: threads written on the days their weeks were
// open, in the three languages, readable through the public archive without an account, with
// the week-6 synthesis its participants built and its Spanish proceedings published.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/demo/demo-seed.ts';
import type { DemoPlaces } from '../../server/demo/demo-seed.ts';
import { demoPlaces } from '../helpers/demo-places.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const ARCHIVE = 'sse-policy-2009';
let t: TestApp;
let places: DemoPlaces;

beforeAll(async () => {
  places = await demoPlaces();
  t = await createTestApp({ proceedingsDir: places.proceedingsDir });
  await seedDemo(t.db, places);
}, 180_000);
afterAll(async () => t?.close());

describe('the demo archive', () => {
  it('holds threads in weeks 2 to 4, in es, fr and en, dated inside their weeks', async () => {
    const posts = await t.db
      .selectFrom('posts')
      .innerJoin('threads', 'threads.id', 'posts.thread_id')
      .innerJoin('weeks', 'weeks.id', 'threads.week_id')
      .innerJoin('forums', 'forums.id', 'threads.forum_id')
      .select(['weeks.number', 'weeks.opens_at', 'weeks.closes_at', 'posts.created_at', 'posts.original_lang'])
      .where('forums.slug', '=', ARCHIVE)
      .execute();
    expect(new Set(posts.map((post) => post.number))).toEqual(new Set([2, 3, 4]));
    expect(new Set(posts.map((post) => post.original_lang))).toEqual(new Set(['es', 'fr', 'en']));
    for (const post of posts) {
      expect(post.created_at.getTime()).toBeGreaterThan(post.opens_at.getTime());
      expect(post.created_at.getTime()).toBeLessThan(post.closes_at.getTime());
    }
  });

  it('lets a visitor without an account read a week 2 thread', async () => {
    const week = await request(t.app.server).get(`/api/forums/${ARCHIVE}/weeks/2/threads`).expect(200);
    expect(week.body.threads.map((thread: { title: { value: string } }) => thread.title.value)).toContain(
      'Fondos de garantía: lo que aprendimos en Bolivia',
    );
  });

  it('records the publication choice of each author, as imported', async () => {
    const rows = await t.db
      .selectFrom('publication_consent_records')
      .innerJoin('users', 'users.id', 'publication_consent_records.user_id')
      .innerJoin('forums', 'forums.id', 'publication_consent_records.forum_id')
      .select(['users.display_name', 'publication_consent_records.choice', 'publication_consent_records.source'])
      .where('forums.slug', '=', ARCHIVE)
      .orderBy('users.display_name')
      .execute();
    expect(rows).toEqual([
      { display_name: 'Ana Quispe', choice: 'named', source: 'import' },
      { display_name: 'Carla Souza', choice: 'none', source: 'import' },
      { display_name: 'Helen Ward', choice: 'anonymous', source: 'import' },
      { display_name: 'Pierre Lavoie', choice: 'named', source: 'import' },
    ]);
  });

  it('shows a visitor the accepted policy elements by region and theme, citing the archive, dated in week 6', async () => {
    const res = await t.get(`/api/forums/${ARCHIVE}/synthesis`).set('Accept-Language', 'es').expect(200);
    const elements = res.body.elements as {
      status: string;
      region: { key: string };
      theme: { key: string };
      citations: unknown[];
      endorsementCount: number;
    }[];
    expect(elements).toHaveLength(7);
    expect(new Set(elements.map((element) => element.status))).toEqual(new Set(['accepted']));
    expect(new Set(elements.map((element) => element.region.key))).toEqual(
      new Set(['hispanic-america', 'quebec', 'english-canada', 'brazil']),
    );
    const capital = elements.filter((element) => element.theme.key === 'access-to-capital');
    expect(capital.map((element) => element.region.key).sort()).toEqual([
      'english-canada',
      'hispanic-america',
      'quebec',
    ]);
    // Carla chose not to appear: her cited words are not shown to a visitor; every other element cites the archive.
    expect(elements.filter((element) => element.citations.length > 0).length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(elements)).not.toContain('Carla');
    expect(elements.reduce((sum, element) => sum + element.endorsementCount, 0)).toBe(10);
    const dates = await t.db
      .selectFrom('policy_elements')
      .innerJoin('forums', 'forums.id', 'policy_elements.forum_id')
      .innerJoin('weeks', (join) => join.onRef('weeks.forum_id', '=', 'forums.id').on('weeks.number', '=', 6))
      .select(['policy_elements.created_at', 'policy_elements.decided_at', 'weeks.opens_at', 'forums.ends_at'])
      .where('forums.slug', '=', ARCHIVE)
      .execute();
    for (const row of dates) {
      expect(row.created_at.getTime()).toBeGreaterThan(row.opens_at.getTime());
      expect(row.decided_at!.getTime()).toBeLessThan(row.ends_at.getTime());
    }
  });

  it('publishes the Spanish proceedings at their stable address, for a visitor, honouring each choice', async () => {
    const html = await t.get(`/forums/${ARCHIVE}/proceedings/es`).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain('lang="es"');
    expect(html.text).toContain('Crear fondos públicos de garantía');
    expect(html.text).toContain('Ana Quispe');
    // Carla chose not to be published and Helen to be published without her name.
    expect(html.text).not.toContain('Carla Souza');
    expect(html.text).not.toContain('Helen Ward');
    const pdf = await t.get(`/forums/${ARCHIVE}/proceedings/es.pdf`).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(Number(pdf.headers['content-length'] ?? pdf.body.length)).toBeGreaterThan(1000);
  });

  it('seeds nothing twice', async () => {
    await seedDemo(t.db, places);
    const editions = await t.db
      .selectFrom('proceedings_editions')
      .innerJoin('forums', 'forums.id', 'proceedings_editions.forum_id')
      .select(['proceedings_editions.lang', 'proceedings_editions.published_at'])
      .where('forums.slug', '=', ARCHIVE)
      .execute();
    expect(editions).toHaveLength(1);
    expect(editions[0]!.published_at).not.toBeNull();
    const elements = await t.db
      .selectFrom('policy_elements')
      .innerJoin('forums', 'forums.id', 'policy_elements.forum_id')
      .select('policy_elements.id')
      .where('forums.slug', '=', ARCHIVE)
      .execute();
    expect(elements).toHaveLength(7);
    const count = await t.db
      .selectFrom('threads')
      .innerJoin('forums', 'forums.id', 'threads.forum_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('forums.slug', '=', ARCHIVE)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
  });
});
