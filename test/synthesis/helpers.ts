// Synthesis journeys the tests repeat: the forum's themes made through the console API, a policy
// element proposed from a post, and an organizer's decision.
import { LIVE, newKey, type Member } from '../helpers/forum-fixture.ts';
import type { TestApp } from '../helpers/test-app.ts';

export const base = `/api/forums/${LIVE}`;

/** Adds a theme through the console's list API; returns its key and id. */
export async function addTheme(t: TestApp, organizer: Member, en: string, es: string, fr: string) {
  const response = await t
    .post(`${base}/lists/themes`)
    .set('Cookie', organizer.cookie)
    .send({ name: { en, es, fr } })
    .expect(201);
  return response.body.entry as { id: number; key: string; archived: boolean; inUse: number };
}

export interface Proposal {
  statement?: string;
  lang?: 'en' | 'es' | 'fr';
  region?: string;
  theme: string;
  citations: { type: 'post' | 'case_study'; id: number }[];
  idempotencyKey?: string;
}

export function propose(t: TestApp, who: Member | null, proposal: Proposal) {
  const request = t.post(`${base}/synthesis/elements`);
  if (who) request.set('Cookie', who.cookie);
  return request.send({
    statement: 'Public procurement should reserve a share for social economy enterprises.',
    lang: 'en',
    region: 'andean',
    idempotencyKey: newKey(),
    ...proposal,
  });
}

export async function proposed(t: TestApp, who: Member, proposal: Proposal) {
  const response = await propose(t, who, proposal).expect(201);
  return response.body.element as { id: number; revision: number; status: string };
}

export function decide(
  t: TestApp,
  who: Member | null,
  id: number,
  action: 'accept' | 'decline' | 'merge' | 'reopen',
  body = {},
) {
  const request = t.post(`/api/synthesis/elements/${id}/${action}`);
  if (who) request.set('Cookie', who.cookie);
  return request.send(body);
}
