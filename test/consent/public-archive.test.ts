// The public archive honours each author's publication choice as the proceedings do: a visitor
// reads Ana and Pierre by name, Helen as "a participant from English Canada", and nothing of
// Carla's (her posts keep their place, their text and history withheld; her thread's title is
// neutral). Members and organizers read the forum as it was written. The synthesis page drops
// Carla's cited words and shows Helen anonymously.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionUserByEmail } from '../../server/demo/demo-accounts.ts';
import { seedDemoArchive, type SeededArchive } from '../../server/demo/demo-archive.ts';
import { seedArchiveElements } from '../../server/demo/demo-synthesis.ts';
import { importContent } from '../../server/content/import.service.ts';
import { createTestApp, createUser, signIn, testConfig, type TestApp } from '../helpers/test-app.ts';

const ARCHIVE = 'sse-policy-2009';
let t: TestApp;
let archive: SeededArchive;

beforeAll(async () => {
  t = await createTestApp();
  await importContent(t.db, testConfig.contentDir);
  archive = (await seedDemoArchive(t.db, ARCHIVE))!;
  const organizer = await createUser(t.db, { roles: [{ forumSlug: ARCHIVE, role: 'organizer' }] });
  await seedArchiveElements(t.db, ARCHIVE, archive, (await sessionUserByEmail(t.db, organizer.email))!);
}, 120_000);
afterAll(async () => t?.close());

type Post = {
  id: number;
  author: { id: number; displayName: string };
  html: string | null;
  withheld?: true;
};

const visitor = (path: string) => t.get(path).set('Accept-Language', 'es');
const threadOf = async (key: string, cookie?: string) => {
  const request = visitor(`/api/threads/${await threadIdOf(key)}`);
  return (cookie ? request.set('Cookie', cookie) : request).expect(200);
};
async function threadIdOf(postKey: string) {
  const row = await t.db
    .selectFrom('posts')
    .select('thread_id')
    .where('id', '=', archive.posts.get(postKey)!)
    .executeTakeFirstOrThrow();
  return row.thread_id;
}
const userId = (key: string) => archive.users.get(key)!.id;

describe('a visitor reading the public archive', () => {
  it('reads named authors by name and an anonymous one by region, never her name or id', async () => {
    const page = await threadOf('guarantees');
    const posts: Post[] = page.body.posts;
    expect(posts.map((post) => post.author.displayName)).toEqual([
      'Ana Quispe',
      'Pierre Lavoie',
      'Una persona participante de Canadá anglófono',
    ]);
    const helen = posts[2]!;
    expect(helen.author.id).toBe(0);
    expect(helen.html).toContain('community loan funds');
    expect(JSON.stringify(page.body)).not.toContain('Helen Ward');
  });

  it('sees the posts of an author who chose "not at all" withheld in their place, and a neutral title', async () => {
    const page = await threadOf('school-meals');
    const [first, reply]: Post[] = page.body.posts;
    expect(first).toMatchObject({
      withheld: true,
      html: null,
      author: { id: 0, displayName: 'Una persona participante' },
    });
    expect(reply).toMatchObject({ author: { displayName: 'Pierre Lavoie' } });
    expect(reply!.withheld).toBeUndefined();
    expect(page.body.thread.title.value).toBe('Un debate de la semana 3');
    const body = JSON.stringify(page.body);
    expect(body).not.toContain('Carla');
    expect(body).not.toContain('alimentación escolar');
    const week = await visitor(`/api/forums/${ARCHIVE}/weeks/3/threads`).expect(200);
    expect(week.body.threads.map((thread: { title: { value: string } }) => thread.title.value)).toEqual([
      'Un debate de la semana 3',
    ]);
    expect(JSON.stringify(week.body)).not.toContain('Compras públicas de alimentos');
    // The history would show the text: refused.
    await visitor(`/api/posts/${first!.id}/revisions`).expect(403);
  });

  it('finds the synthesis without the withheld words and with the anonymous author unnamed', async () => {
    const synthesis = await visitor(`/api/forums/${ARCHIVE}/synthesis`).expect(200);
    const body = JSON.stringify(synthesis.body);
    expect(body).not.toContain('Carla');
    expect(body).not.toContain('Helen Ward');
    const cited = synthesis.body.elements.flatMap((element: { citations: { id: number }[] }) =>
      element.citations.map((citation) => citation.id),
    );
    expect(cited).not.toContain(archive.posts.get('school-meals'));
    expect(synthesis.body.elements.length).toBe(7);
  });
});

describe('members and organizers', () => {
  it('read the forum as it was written', async () => {
    const member = await createUser(t.db, { roles: [{ forumSlug: ARCHIVE, role: 'participant' }] });
    const cookie = await signIn(t, member);
    const page = await threadOf('school-meals', cookie);
    expect(page.body.posts[0]).toMatchObject({ author: { id: userId('carla'), displayName: 'Carla Souza' } });
    expect(page.body.posts[0].html).toContain('alimentación escolar');
    expect(page.body.posts[0].withheld).toBeUndefined();
    expect(page.body.thread.title.value).toBe('Compras públicas de alimentos y economía solidaria');
  });
});
