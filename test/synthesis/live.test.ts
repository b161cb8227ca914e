// The synthesis page follows its forum live: a decision arrives as 'synthesis.changed' to the
// synthesis's subscribers (replayed after an id too), never to a week's, and nobody outside the
// forum may subscribe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFixture, LIVE, member, startThread, type Member } from '../helpers/forum-fixture.ts';
import { connectLive, type LiveTestClient } from '../helpers/live-client.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { addTheme, decide, proposed } from './helpers.ts';

let t: TestApp;
let url: string;
let organizer: Member;
let participant: Member;
let theme: string;
let postId: number;
const open: LiveTestClient[] = [];

async function live(cookie?: string) {
  const client = await connectLive(url, cookie);
  open.push(client);
  return client;
}

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  organizer = await member(t, 'organizer');
  participant = await member(t, 'participant');
  theme = (await addTheme(t, organizer, 'Access to capital', 'Acceso al capital', 'Accès au capital')).key;
  ({ firstPostId: postId } = await startThread(t, participant));
});
afterAll(async () => {
  await Promise.all(open.map((client) => client.close()));
  await t?.close();
});

describe('the synthesis, live', () => {
  it('sends a decision to the synthesis subscribers only, and replays it after an id', async () => {
    const reader = await live(participant.cookie);
    reader.send({ type: 'subscribe', forum: LIVE, synthesis: true });
    const subscribed = await reader.waitFor((m) => m.type === 'subscribed' || m.type === 'error');
    expect(subscribed).toMatchObject({ type: 'subscribed', subscription: 'synthesis' });
    reader.send({ type: 'subscribe', forum: LIVE, week: 2 });
    await reader.waitFor((m) => m.type === 'subscribed' && m.subscription === 'week:2');

    const element = await proposed(t, participant, { theme, citations: [{ type: 'post', id: postId }] });
    await decide(t, organizer, element.id, 'accept').expect(200);
    const event = await reader.waitFor((m) => m.type === 'event' && m.event === 'synthesis.changed');
    expect(event).toMatchObject({ subscription: 'synthesis', payload: { elementId: element.id, status: 'accepted' } });
    expect(reader.messages.filter((m: any) => m.event === 'synthesis.changed' && m.subscription === 'week:2')).toEqual(
      [],
    );

    const later = await live(participant.cookie);
    later.send({ type: 'subscribe', forum: LIVE, synthesis: true, after: Number(event.id) - 1 });
    const replayed = await later.waitFor((m) => m.type === 'event' && m.event === 'synthesis.changed');
    expect(replayed.id).toBe(event.id);
  });

  it('refuses the synthesis to those outside the forum', async () => {
    const outsider = await member(t, null);
    for (const cookie of [outsider.cookie, undefined]) {
      const client = await live(cookie);
      client.send({ type: 'subscribe', forum: LIVE, synthesis: true });
      const answer = await client.waitFor((m) => m.type === 'subscribed' || m.type === 'error');
      expect(answer.type).toBe('error');
    }
  });
});
