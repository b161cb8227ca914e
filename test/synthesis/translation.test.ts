// A policy element is an item of the translation policy like a post: its task is in the queue as
// a policy element, the editor shows its source, the published translation reaches readers by
// the reading rule with its translator, and an edit marks it outdated and queues a new task. An
// element citing a published case study comes from the case study's week; a doubled submit
// makes one element.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../server/auth/accounts.service.ts';
import { importFixture, LIVE, member, newKey, startThread, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { keyRespondent, submitted } from '../case-studies/helpers.ts';
import { addTheme, base, decide, propose, proposed } from './helpers.ts';

let t: TestApp;
let organizer: Member;
let lucia: Member;
let sarah: Member;
let translator: Member;
let theme: string;
let postId: number;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  organizer = await member(t, 'organizer');
  lucia = await member(t, 'participant', 'es');
  sarah = await member(t, 'participant', 'en');
  translator = await member(t, 'participant');
  await ensureAccount(t.db, {
    email: translator.email,
    displayName: 'Tina',
    password: translator.password,
    roles: [{ forumSlug: LIVE, role: 'translator' }],
  });
  theme = (await addTheme(t, organizer, 'Enabling legislation', 'Legislación habilitante', 'Législation habilitante'))
    .key;
  ({ firstPostId: postId } = await startThread(t, lucia));
});
afterAll(async () => {
  await t?.close();
});

describe('translation of policy elements', () => {
  it('queues the task, shows its source, publishes it to readers, and outdates it on edit', async () => {
    const element = await proposed(t, lucia, {
      theme,
      lang: 'es',
      statement: 'Una ley marco de **economía social**.',
      citations: [{ type: 'post', id: postId }],
    });
    await decide(t, organizer, element.id, 'accept').expect(200);
    const queue = await t
      .get(`/api/forums/${LIVE}/translation-tasks?kind=policy_element`)
      .set('Cookie', translator.cookie)
      .expect(200);
    const task = queue.body.tasks.find((row: { itemId: number; kind: string }) => row.itemId === element.id);
    expect(task).toMatchObject({ kind: 'policy_element', sourceLang: 'es', targetLang: 'en' });
    const detail = await t.get(`/api/translation-tasks/${task.id}`).set('Cookie', translator.cookie).expect(200);
    expect(JSON.stringify(detail.body.task)).toContain('economía social');
    await t.post(`/api/translation-tasks/${task.id}/claim`).set('Cookie', translator.cookie).expect(200);
    await t
      .post(`/api/translation-tasks/${task.id}/publish`)
      .set('Cookie', translator.cookie)
      .send({ bodyMd: 'A framework law for the **social economy**.' })
      .expect(200);

    const shown = async () =>
      (await t.get(`${base}/synthesis`).set('Cookie', sarah.cookie).expect(200)).body.elements.find(
        (e: { id: number }) => e.id === element.id,
      );
    const translated = await shown();
    expect(translated.lang).toBe('es');
    expect(translated.translation).toMatchObject({ lang: 'en', outdated: false, translator: { role: 'translator' } });
    expect(translated.translation.html).toContain('<strong>social economy</strong>');

    // Another theme, the same words: the translation still translates it.
    const other = await addTheme(t, organizer, 'Networks', 'Redes', 'Réseaux');
    await t
      .patch(`/api/synthesis/elements/${element.id}`)
      .set('Cookie', organizer.cookie)
      .send({ revision: 1, theme: other.key })
      .expect(200);
    expect((await shown()).translation).toMatchObject({ lang: 'en', outdated: false });
    await t
      .patch(`/api/synthesis/elements/${element.id}`)
      .set('Cookie', organizer.cookie)
      .send({ revision: 2, statement: 'Una ley marco de **economía social y solidaria**.' })
      .expect(200);
    expect((await shown()).translation).toMatchObject({ lang: 'en', outdated: true });
    const tasks = await t.db
      .selectFrom('translation_tasks')
      .select(['status', 'source_revision'])
      .where('item_type', '=', 'policy_element')
      .where('item_id', '=', element.id)
      .orderBy('id')
      .execute();
    expect(tasks).toEqual([
      { status: 'published', source_revision: 1 },
      { status: 'open', source_revision: 3 },
    ]);
  });

  it('cites a published case study and places the element in its week', async () => {
    const kr = await keyRespondent(t, LIVE, 1, 'es');
    const study = await submitted(t, LIVE, kr, 1);
    // Not published yet: it does not exist for anyone citing it.
    await propose(t, lucia, { theme, citations: [{ type: 'case_study', id: study.id }] }).expect(404);
    await t.post(`/api/case-studies/${study.id}/approve`).set('Cookie', organizer.cookie).send().expect(200);
    const element = await propose(t, lucia, { theme, citations: [{ type: 'case_study', id: study.id }] }).expect(201);
    expect(element.body.element).toMatchObject({
      weekNumber: 1,
      citations: [
        { type: 'case_study', id: study.id, postId: null, excerpt: { value: 'Red de productores de Oruro' } },
      ],
    });
  });

  it('makes one element of a submit sent twice at once', async () => {
    const idempotencyKey = newKey();
    const proposal = { theme, citations: [{ type: 'post' as const, id: postId }], idempotencyKey };
    const [first, second] = await Promise.all([propose(t, sarah, proposal), propose(t, sarah, proposal)]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.body.element.id).toBe(second.body.element.id);
    const rows = await t.db
      .selectFrom('policy_elements')
      .select('id')
      .where('proposed_by', '=', sarah.id)
      .where('idempotency_key', '=', idempotencyKey)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
