// A time zone in words in the reader's language, for emails and API messages: the city the
// zone is named after and the zone's generic name as Intl gives it ("Bogotá — hora de
// Colombia"), which stays true across daylight-saving changes; where Intl has only an offset,
// the time-zone picker's own label with its offset. The same naming as the SPA's picker.
import type { Lang } from '../db/schema.ts';
import { zoneCity, zoneName } from '../../web/src/time/zone-names.ts';

const names = new Map<string, string>();

export function zoneInWords(id: string, lang: Lang): string {
  const key = `${lang}|${id}`;
  const known = names.get(key);
  if (known) return known;
  let name: string;
  try {
    const generic = new Intl.DateTimeFormat(lang, { timeZone: id, timeZoneName: 'longGeneric' }).formatToParts(new Date())
      .find((part) => part.type === 'timeZoneName')?.value;
    const city = zoneCity(id);
    name = generic && !/^(GMT|UTC)([+\u2212-]|$)/.test(generic) ? `${city} — ${generic}` : zoneName(id, lang).label;
  } catch {
    // Not a zone this runtime knows: its id, without underscores, is all there is to say.
    return id.replaceAll('_', ' ');
  }
  names.set(key, name);
  return name;
}
