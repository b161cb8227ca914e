// Times are shown in the reader's zone: the profile's when signed in, else the browser's.
import type { Me } from '../api/types.ts';

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

/** Every zone the browser knows, always including the given one (some browsers omit "UTC"). */
export function timeZoneChoices(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones].sort();
}
