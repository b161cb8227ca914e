// What one reader may see of an event, decided by the state of things now rather than when the
// event was written: a post hidden since is sent hidden, a prompt's answers stay held back from
// whoever has not answered it yet, and organizers see what organizers see on the page. A public
// archive's reader is told only to read the page again, which names each author as they chose
// (server/consent/archive-authors.ts): the event's payload names them as written.
import type { EventType, EventWithState } from '../events/events.queries.ts';

export interface Reader {
  userId: number | null;
  isOrganizer: boolean;
  readsAsArchive: boolean;
}

/** Readers of one audience receive the same message, so it is serialized once per audience. */
export type Audience = 'organizer' | 'member' | 'gated' | 'archive';

export function audienceOf(event: EventWithState, reader: Reader): Audience {
  if (reader.isOrganizer) return 'organizer';
  if (event.answerFirst && (reader.userId === null || !event.answeredBy.has(reader.userId))) return 'gated';
  return reader.readsAsArchive ? 'archive' : 'member';
}

export function payloadFor(event: EventWithState, audience: Audience): Record<string, unknown> {
  if (audience === 'gated') return { gated: true, threadId: event.threadId };
  if (audience === 'archive') return { reread: true, threadId: event.threadId };
  const post = event.payload.post as Record<string, unknown> | undefined;
  if (!post || !event.postHidden) return event.payload;
  if (audience === 'organizer') return { ...event.payload, post: { ...post, hidden: { reason: event.hiddenReason } } };
  return { ...event.payload, post: { ...post, html: null, markdown: null, hidden: { reason: null } } };
}

/** One event as a subscriber receives it over the socket (the SPA reads it by this type). */
export interface EventMessage {
  type: 'event';
  id: number;
  subscription: string;
  event: EventType;
  weekId: number | null;
  /** Null for events about a week's own material (readings, case studies). */
  threadId: number | null;
  /** `{ gated: true }` when the reader must answer a prompt before seeing it; `{ reread: true }` for a public archive's reader. */
  payload: Record<string, unknown>;
}

export function eventMessage(event: EventWithState, subscriptionKey: string, audience: Audience): string {
  const message: EventMessage = {
    type: 'event',
    id: event.id,
    subscription: subscriptionKey,
    event: event.type,
    weekId: event.weekId,
    threadId: event.threadId,
    payload: payloadFor(event, audience),
  };
  return JSON.stringify(message);
}
