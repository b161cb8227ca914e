// Times are shown in the reader's zone: the profile's when signed in, else the browser's.
import type { Me } from '../../../server/auth/auth.schemas.ts';

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function readerTimeZone(me: Me | null): string {
  return me?.timeZone && isValidTimeZone(me.timeZone) ? me.timeZone : browserTimeZone();
}

const forumZones: string[] = [];

/** Forums' zones seen during this visit, the latest first: a time-zone picker offers them near the top. */
export function rememberForumTimeZone(timeZone: string): void {
  const known = forumZones.indexOf(timeZone);
  if (known !== 0) {
    if (known > 0) forumZones.splice(known, 1);
    forumZones.unshift(timeZone);
  }
}

/** The zones a reader most likely wants, best first: their current choice, the browser's, then the forums'. */
export function likelyTimeZones(current: string, forumTimeZone?: string): string[] {
  return [current, browserTimeZone(), ...(forumTimeZone ? [forumTimeZone] : []), ...forumZones];
}
