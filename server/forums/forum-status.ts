// The one rule for what a forum is, as the public sees it: a draft, taking new members (by
// application before its deadline, or by open enrolment), closed to newcomers before it starts
// (deadline passed, or invitation only), running, or ended. Every page's badge comes from here.
import type { Forum } from '../db/schema.ts';
import { forumStatus as forumPhase } from './forum-calendar.ts';

export type PublicForumStatus =
  'draft' | 'recruiting' | 'invitation_only' | 'applications_closed' | 'running' | 'closed';

export type StatusFields = Pick<
  Forum,
  'published' | 'starts_at' | 'ends_at' | 'application_deadline' | 'invitation_only' | 'open_enrolment'
>;

/** Whether the call takes applications now: an invitation-only forum takes none at all. */
export function applicationsOpen(
  forum: Pick<Forum, 'published' | 'invitation_only' | 'application_deadline'>,
  now: Date,
): boolean {
  return forum.published && !forum.invitation_only && now < forum.application_deadline;
}

/** Whether someone who is not yet a member can become one now, by applying or by joining. */
export function admitsNewMembers(forum: StatusFields, now: Date): boolean {
  if (!forum.published || now >= forum.ends_at) return false;
  return forum.open_enrolment || applicationsOpen(forum, now);
}

export function publicForumStatus(forum: StatusFields, now: Date): PublicForumStatus {
  const phase = forumPhase(forum, now);
  if (phase !== 'recruiting') return phase;
  if (admitsNewMembers(forum, now)) return 'recruiting';
  return forum.invitation_only ? 'invitation_only' : 'applications_closed';
}
