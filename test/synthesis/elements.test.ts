// Policy elements end to end: proposing only from what the member may read, who may decide,
// edits with revisions (stale ones refused), merges that keep citations and proposers, declines
// the proposer sees, endorsements once per person, the translation tasks, the notifications, the
// audit and the live event of each decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFixture, LIVE, member, newKey, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { addTheme, base, decide, propose, proposed } from './helpers.ts';

let t: TestApp;
let organizer: Member;
let participant: Member;
let second: Member;
let outsider: Member;
let threadId: number;
let postId: number;
let theme: string;
let otherTheme: string;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  organizer = await member(t, 'organizer');
  participant = await member(t, 'participant', 'es');
  second = await member(t, 'participant', 'fr');
  outsider = await member(t, null);
  theme = (await addTheme(t, organizer, 'Access to capital', 'Acceso al capital', 'Accès au capital')).key;
  otherTheme = (await addTheme(t, organizer, 'Procurement and markets', 'Compras públicas', 'Marchés publics')).key;
  ({ threadId, firstPostId: postId } = await startThread(t, participant));
});
afterAll(async () => {
  await t?.close();
});

const count = async (table: 'policy_elements' | 'policy_element_citations') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('proposing', () => {
  it('makes an element from a readable post, with its proposer, citation, week and translation tasks', async () => {
    const response = await propose(t, participant, {
      theme,
      lang: 'es',
      statement: 'Un fondo *rotatorio* para cooperativas.',
      citations: [{ type: 'post', id: postId }],
    }).expect(201);
    const element = response.body.element;
    expect(element).toMatchObject({
      status: 'proposed',
      region: { key: 'andean' },
      theme: { key: theme },
      weekNumber: 2,
      lang: 'es',
      revision: 1,
      markdown: 'Un fondo *rotatorio* para cooperativas.',
      proposers: [{ id: participant.id }],
      citations: [{ type: 'post', id: postId, threadId, postId, weekNumber: 2 }],
    });
    expect(element.html).toContain('<em>rotatorio</em>');
    expect(element.wordCount).toBe(5);
    // The fixture's policy translates Spanish into English.
    const tasks = await t.db
      .selectFrom('translation_tasks')
      .select(['target_lang', 'source_revision', 'status'])
      .where('item_type', '=', 'policy_element')
      .where('item_id', '=', element.id)
      .execute();
    expect(tasks).toEqual([{ target_lang: 'en', source_revision: 1, status: 'open' }]);
    const revisions = await t.db
      .selectFrom('policy_element_revisions')
      .select('revision')
      .where('element_id', '=', element.id)
      .execute();
    expect(revisions).toEqual([{ revision: 1 }]);
  });

  it('answers a retry with the same key with the same element, and a reused key for another text with 409', async () => {
    const idempotencyKey = newKey();
    const proposal = { theme, citations: [{ type: 'post' as const, id: postId }], idempotencyKey };
    const first = await propose(t, participant, proposal).expect(201);
    const before = await count('policy_elements');
    const again = await propose(t, participant, proposal).expect(200);
    expect(again.body.element.id).toBe(first.body.element.id);
    expect(await count('policy_elements')).toBe(before);
    await propose(t, participant, { ...proposal, statement: 'Something else entirely.' }).expect(409);
  });

  it('refuses what the member may not read, writing nothing', async () => {
    const hidden = await reply(t, second, threadId, { bodyMd: 'Hidden later', lang: 'en' });
    await t.db
      .updateTable('posts')
      .set({ hidden_at: new Date(), hidden_by: organizer.id })
      .where('id', '=', hidden.id)
      .execute();
    // A thread of week 2, then week 2 moved to open next year: nobody but organizers reads it.
    const otherForum = await t.db
      .selectFrom('posts')
      .innerJoin('threads', 'threads.id', 'posts.thread_id')
      .innerJoin('forums', 'forums.id', 'threads.forum_id')
      .select('posts.id')
      .where('forums.slug', '<>', LIVE)
      .executeTakeFirst();
    const draftStudy = await t.db
      .selectFrom('case_studies')
      .innerJoin('forums', 'forums.id', 'case_studies.forum_id')
      .select('case_studies.id')
      .where('forums.slug', '=', LIVE)
      .where('case_studies.status', '<>', 'published')
      .executeTakeFirst();
    const before = [await count('policy_elements'), await count('policy_element_citations')];
    await propose(t, participant, { theme, citations: [{ type: 'post', id: hidden.id }] }).expect(403);
    await propose(t, participant, { theme, citations: [{ type: 'post', id: 999_999 }] }).expect(404);
    if (otherForum)
      await propose(t, participant, { theme, citations: [{ type: 'post', id: otherForum.id }] }).expect(404);
    if (draftStudy)
      await propose(t, participant, { theme, citations: [{ type: 'case_study', id: draftStudy.id }] }).expect(404);
    await propose(t, participant, { theme, citations: [{ type: 'case_study', id: 999_999 }] }).expect(404);
    // A readable post with an unreadable one: all or nothing.
    await propose(t, participant, {
      theme,
      citations: [
        { type: 'post', id: postId },
        { type: 'post', id: hidden.id },
      ],
    }).expect(403);

    const week = await t.db
      .selectFrom('weeks')
      .innerJoin('forums', 'forums.id', 'weeks.forum_id')
      .select(['weeks.id', 'weeks.opens_at', 'weeks.closes_at'])
      .where('forums.slug', '=', LIVE)
      .where('weeks.number', '=', 2)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('weeks')
      .set({ opens_at: new Date(Date.now() + 365 * 86_400_000), closes_at: new Date(Date.now() + 372 * 86_400_000) })
      .where('id', '=', week.id)
      .execute();
    try {
      const refused = await propose(t, participant, { theme, citations: [{ type: 'post', id: postId }] }).expect(403);
      expect(refused.body.error.code).toBe('week_not_open');
    } finally {
      await t.db
        .updateTable('weeks')
        .set({ opens_at: week.opens_at, closes_at: week.closes_at })
        .where('id', '=', week.id)
        .execute();
    }
    expect([await count('policy_elements'), await count('policy_element_citations')]).toEqual(before);
  });

  it('refuses bad places, too many words, and the wrong callers', async () => {
    const citations = [{ type: 'post' as const, id: postId }];
    await propose(t, participant, { theme: 'nope', citations }).expect(400);
    await propose(t, participant, { theme, region: 'atlantis', citations }).expect(400);
    const long = Array.from({ length: 81 }, (_, i) => `word${i}`).join(' ');
    const tooLong = await propose(t, participant, { theme, statement: long, citations }).expect(400);
    expect(tooLong.body.error.code).toBe('too_many_words');
    await propose(t, null, { theme, citations }).expect(401);
    await propose(t, outsider, { theme, citations }).expect(403);
    // An archived theme is offered to nobody new.
    const archived = await addTheme(t, organizer, 'Old theme', 'Tema viejo', 'Ancien thème');
    await t
      .patch(`${base}/lists/themes/${archived.id}`)
      .set('Cookie', organizer.cookie)
      .send({ archived: true })
      .expect(200);
    await propose(t, participant, { theme: archived.key, citations }).expect(400);
  });
});

describe('deciding', () => {
  it('lets only organizers accept, decline and merge', async () => {
    const element = await proposed(t, participant, { theme, citations: [{ type: 'post', id: postId }] });
    for (const who of [null, outsider, participant, second]) {
      await decide(t, who, element.id, 'accept').expect(who ? 403 : 401);
      await decide(t, who, element.id, 'decline', { reason: 'No.' }).expect(who ? 403 : 401);
      await decide(t, who, element.id, 'merge', { into: element.id }).expect(who ? 403 : 401);
    }
    await t.get(`${base}/synthesis/proposals`).expect(401);
    await t.get(`${base}/synthesis/proposals`).set('Cookie', outsider.cookie).expect(403);
    await t.get(`${base}/synthesis`).expect(401);
    await t.get(`${base}/synthesis`).set('Cookie', outsider.cookie).expect(403);
    await t.put(`/api/synthesis/elements/${element.id}/endorsement`).expect(401);
    await t.put(`/api/synthesis/elements/${element.id}/endorsement`).set('Cookie', outsider.cookie).expect(403);
    await t
      .patch(`/api/synthesis/elements/${element.id}`)
      .set('Cookie', second.cookie)
      .send({ revision: 1, statement: 'Mine now.' })
      .expect(404);
    const status = await t.db
      .selectFrom('policy_elements')
      .select('status')
      .where('id', '=', element.id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('proposed');
  });

  it('refuses every write to an anonymous caller and every decision to a member, changing nothing', async () => {
    const element = await proposed(t, participant, { theme, citations: [{ type: 'post', id: postId }] });
    const writes = [
      () => t.patch(`/api/synthesis/elements/${element.id}`).send({ revision: 1, statement: 'X.' }),
      () => t.post(`/api/synthesis/elements/${element.id}/accept`).send(),
      () => t.post(`/api/synthesis/elements/${element.id}/decline`).send({ reason: 'No.' }),
      () => t.post(`/api/synthesis/elements/${element.id}/merge`).send({ into: element.id }),
      () => t.put(`/api/synthesis/elements/${element.id}/endorsement`).send(),
      () => t.delete(`/api/synthesis/elements/${element.id}/endorsement`).send(),
      () => t.get(`${base}/synthesis/proposals`),
    ];
    for (const write of writes) await write().expect(401);
    await t.get(`${base}/synthesis/compare?a=andean&b=brazil`).set('Cookie', outsider.cookie).expect(403);
    await t.get(`/api/synthesis/elements/${element.id}/revisions`).expect(401);
    await t.get(`/api/synthesis/elements/${element.id}/revisions`).set('Cookie', outsider.cookie).expect(403);
    const row = await t.db
      .selectFrom('policy_elements')
      .select(['status', 'revision'])
      .where('id', '=', element.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'proposed', revision: 1 });
  });

  it('accepts once: a second decision is refused clearly; the proposer is notified; the audit and the event are written', async () => {
    const element = await proposed(t, participant, { theme, citations: [{ type: 'post', id: postId }] });
    const accepted = await decide(t, organizer, element.id, 'accept').expect(200);
    expect(accepted.body.element.status).toBe('accepted');
    const again = await decide(t, organizer, element.id, 'accept').expect(409);
    expect(again.body.error.code).toBe('element_decided');
    await decide(t, organizer, element.id, 'decline', { reason: 'Late.' }).expect(409);
    const notification = await t.db
      .selectFrom('notifications')
      .select(['type', 'user_id'])
      .where('type', '=', 'policy_element.accepted')
      .where('user_id', '=', participant.id)
      .execute();
    expect(notification).toHaveLength(1);
    const list = await t.get('/api/notifications').set('Cookie', participant.cookie).expect(200);
    const group = (list.body.groups ?? list.body.notifications ?? []).find(
      (g: { type: string }) => g.type === 'policy_element.accepted',
    );
    expect(group?.href).toBe(`/forums/${LIVE}/synthesis`);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'target_type'])
      .where('target_id', '=', element.id)
      .where('target_type', '=', 'policy_element')
      .execute();
    expect(audit).toEqual([{ action: 'policy_element.accepted', target_type: 'policy_element' }]);
    const events = await t.db
      .selectFrom('events')
      .select(['type', 'week_id', 'payload'])
      .where('type', '=', 'synthesis.changed')
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    expect(events[0]).toMatchObject({ week_id: null, payload: { elementId: element.id, status: 'accepted' } });
  });

  it('declines with a reason the proposer sees and other members do not', async () => {
    const element = await proposed(t, participant, { theme, citations: [{ type: 'post', id: postId }] });
    await decide(t, organizer, element.id, 'decline', { reason: '   ' }).expect(400);
    const declined = await decide(t, organizer, element.id, 'decline', {
      reason: 'Already covered by another.',
    }).expect(200);
    expect(declined.body.element).toMatchObject({ status: 'declined', declineReason: 'Already covered by another.' });
    const mine = await t
      .get(`${base}/synthesis/proposals?status=declined`)
      .set('Cookie', participant.cookie)
      .expect(200);
    expect(mine.body.elements.find((e: { id: number }) => e.id === element.id).declineReason).toBe(
      'Already covered by another.',
    );
    const theirs = await t.get(`${base}/synthesis/proposals`).set('Cookie', second.cookie).expect(200);
    expect(theirs.body.elements.some((e: { id: number }) => e.id === element.id)).toBe(false);
    await t.get(`/api/synthesis/elements/${element.id}/revisions`).set('Cookie', second.cookie).expect(404);
    const notified = await t.db
      .selectFrom('notifications')
      .select('payload')
      .where('type', '=', 'policy_element.declined')
      .where('user_id', '=', participant.id)
      .executeTakeFirstOrThrow();
    expect(notified.payload).toMatchObject({ reason: 'Already covered by another.' });
    const tasks = await t.db
      .selectFrom('translation_tasks')
      .select('status')
      .where('item_type', '=', 'policy_element')
      .where('item_id', '=', element.id)
      .execute();
    expect(tasks.every((task) => task.status === 'withdrawn')).toBe(true);
  });

  it('reopens a declined element for organizers only: back among the proposals, its translation queued again', async () => {
    const element = await proposed(t, participant, { theme, citations: [{ type: 'post', id: postId }] });
    const liveTasks = async (id: number) =>
      (
        await t.db
          .selectFrom('translation_tasks')
          .select('status')
          .where('item_type', '=', 'policy_element')
          .where('item_id', '=', id)
          .where('status', 'not in', ['withdrawn', 'superseded'])
          .execute()
      ).length;
    const queued = await liveTasks(element.id);
    const early = await decide(t, organizer, element.id, 'reopen').set('Accept-Language', 'es').expect(409);
    expect(early.body.error.code).toBe('element_not_declined');
    expect(early.body.error.message).toContain('rechazado');
    await decide(t, organizer, element.id, 'decline', { reason: 'Por error.' }).expect(200);
    await decide(t, participant, element.id, 'reopen').expect(403);
    await decide(t, null, element.id, 'reopen').expect(401);
    const reopened = await decide(t, organizer, element.id, 'reopen').expect(200);
    expect(reopened.body.element).toMatchObject({ status: 'proposed', declineReason: null });
    // A double submit finds it reopened already, and changes nothing.
    await decide(t, organizer, element.id, 'reopen').expect(409);
    expect(await liveTasks(element.id)).toBe(queued);
    const logged = await t.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'policy_element.reopened')
      .where('target_id', '=', element.id)
      .execute();
    expect(logged).toEqual([{ actor_id: organizer.id }]);
    await decide(t, organizer, element.id, 'accept').expect(200);
  });

  it('edits with revisions: a stale revision is refused, the translation is queued again', async () => {
    const element = await proposed(t, participant, {
      theme,
      lang: 'es',
      statement: 'Crédito para cooperativas.',
      citations: [{ type: 'post', id: postId }],
    });
    // The proposer edits while proposed.
    const edited = await t
      .patch(`/api/synthesis/elements/${element.id}`)
      .set('Cookie', participant.cookie)
      .send({ revision: 1, statement: 'Crédito público para cooperativas.' })
      .expect(200);
    expect(edited.body.element.revision).toBe(2);
    const stale = await t
      .patch(`/api/synthesis/elements/${element.id}`)
      .set('Cookie', organizer.cookie)
      .send({ revision: 1, statement: 'Overwrite.' })
      .expect(409);
    expect(stale.body.error.code).toBe('element_changed');
    await decide(t, organizer, element.id, 'accept').expect(200);
    // Accepted: the proposer no longer edits; organizers do.
    await t
      .patch(`/api/synthesis/elements/${element.id}`)
      .set('Cookie', participant.cookie)
      .send({ revision: 2, statement: 'Otra cosa.' })
      .expect(409);
    const byOrganizer = await t
      .patch(`/api/synthesis/elements/${element.id}`)
      .set('Cookie', organizer.cookie)
      .send({ revision: 2, theme: otherTheme, statement: 'Crédito público y garantías para cooperativas.' })
      .expect(200);
    expect(byOrganizer.body.element).toMatchObject({ revision: 3, theme: { key: otherTheme } });
    const tasks = await t.db
      .selectFrom('translation_tasks')
      .select(['source_revision', 'status'])
      .where('item_type', '=', 'policy_element')
      .where('item_id', '=', element.id)
      .orderBy('id')
      .execute();
    expect(tasks.map((task) => task.status)).toEqual(['superseded', 'superseded', 'open']);
    expect(tasks.at(-1)!.source_revision).toBe(3);
    const revisions = await t
      .get(`/api/synthesis/elements/${element.id}/revisions`)
      .set('Cookie', second.cookie)
      .expect(200);
    expect(revisions.body.revisions.map((r: { revision: number }) => r.revision)).toEqual([3, 2, 1]);
    expect(revisions.body.revisions[0].theme.key).toBe(otherTheme);
  });

  it('merges: the target keeps every citation, proposer and endorsement, once', async () => {
    const answer = await reply(t, second, threadId, { bodyMd: 'Un fondo de garantía regional.', lang: 'es' });
    const a = await proposed(t, participant, { theme, citations: [{ type: 'post', id: postId }] });
    const b = await proposed(t, second, {
      theme,
      citations: [
        { type: 'post', id: postId },
        { type: 'post', id: answer.id },
      ],
    });
    await decide(t, organizer, a.id, 'accept').expect(200);
    await decide(t, organizer, b.id, 'accept').expect(200);
    await t.put(`/api/synthesis/elements/${b.id}/endorsement`).set('Cookie', participant.cookie).expect(200);
    await t.put(`/api/synthesis/elements/${a.id}/endorsement`).set('Cookie', participant.cookie).expect(200);
    await t.put(`/api/synthesis/elements/${b.id}/endorsement`).set('Cookie', second.cookie).expect(200);
    await decide(t, organizer, a.id, 'merge', { into: a.id }).expect(409);
    await decide(t, organizer, a.id, 'merge', { into: 999_999 }).expect(409);
    const merged = await decide(t, organizer, b.id, 'merge', { into: a.id }).expect(200);
    const target = merged.body.element;
    expect(target.id).toBe(a.id);
    expect(target.proposers.map((p: { id: number }) => p.id).sort()).toEqual([participant.id, second.id].sort());
    expect(target.citations.map((c: { id: number }) => c.id).sort()).toEqual([postId, answer.id].sort());
    expect(target.endorsementCount).toBe(2);
    const source = await t.db
      .selectFrom('policy_elements')
      .select(['status', 'merged_into'])
      .where('id', '=', b.id)
      .executeTakeFirstOrThrow();
    expect(source).toEqual({ status: 'merged', merged_into: a.id });
    // Nothing merges into a merged element, nor a merged one again.
    const c = await proposed(t, participant, { theme, citations: [{ type: 'post', id: postId }] });
    await decide(t, organizer, c.id, 'merge', { into: b.id }).expect(409);
    await decide(t, organizer, b.id, 'merge', { into: c.id }).expect(409);
    const told = await t.db
      .selectFrom('notifications')
      .select('user_id')
      .where('type', '=', 'policy_element.merged')
      .execute();
    expect(told.map((row) => row.user_id)).toContain(second.id);
    // The console's log names the element it went into by its words, never by an id.
    const logged = await t.db
      .selectFrom('audit_log')
      .select('reason')
      .where('action', '=', 'policy_element.merged')
      .where('target_id', '=', b.id)
      .executeTakeFirstOrThrow();
    const words = await t.db
      .selectFrom('policy_elements')
      .select('body_md')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(logged.reason).toBe(`→ “${words.body_md}”`);
  });

  it('counts an endorsement once per person, only on accepted elements', async () => {
    const element = await proposed(t, participant, { theme, citations: [{ type: 'post', id: postId }] });
    const early = await t
      .put(`/api/synthesis/elements/${element.id}/endorsement`)
      .set('Cookie', second.cookie)
      .expect(409);
    expect(early.body.error.code).toBe('element_not_accepted');
    await decide(t, organizer, element.id, 'accept').expect(200);
    const once = await t
      .put(`/api/synthesis/elements/${element.id}/endorsement`)
      .set('Cookie', second.cookie)
      .expect(200);
    expect(once.body).toEqual({ endorsementCount: 1, endorsedByMe: true });
    const twice = await t
      .put(`/api/synthesis/elements/${element.id}/endorsement`)
      .set('Cookie', second.cookie)
      .expect(200);
    expect(twice.body).toEqual({ endorsementCount: 1, endorsedByMe: true });
    const other = await t
      .put(`/api/synthesis/elements/${element.id}/endorsement`)
      .set('Cookie', participant.cookie)
      .expect(200);
    expect(other.body.endorsementCount).toBe(2);
    const removed = await t
      .delete(`/api/synthesis/elements/${element.id}/endorsement`)
      .set('Cookie', second.cookie)
      .expect(200);
    expect(removed.body).toEqual({ endorsementCount: 1, endorsedByMe: false });
  });

  it('lets exactly one of an accept and a decline at once win', async () => {
    const element = await proposed(t, participant, { theme, citations: [{ type: 'post', id: postId }] });
    const [accept, decline] = await Promise.all([
      decide(t, organizer, element.id, 'accept'),
      decide(t, organizer, element.id, 'decline', { reason: 'Duplicate.' }),
    ]);
    expect([accept.status, decline.status].sort()).toEqual([200, 409]);
    const row = await t.db
      .selectFrom('policy_elements')
      .select('status')
      .where('id', '=', element.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe(accept.status === 200 ? 'accepted' : 'declined');
    const audits = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'policy_element')
      .where('target_id', '=', element.id)
      .execute();
    expect(audits).toHaveLength(1);
  });
});
