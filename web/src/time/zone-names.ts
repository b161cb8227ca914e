// Time zones under names a reader recognises in their own language: the city from the IANA id,
// the zone's generic name and its offset now, as Intl gives them, e.g.
// "Bogotá — hora estándar de Colombia (UTC−5)". Intl has no list of translated city names, so
// the city keeps its local spelling.
// The server reuses this module, which may therefore take only types, and only from the server.
import type { Lang } from '../../../server/db/schema.ts';

export interface ZoneName {
  id: string;
  city: string;
  label: string;
  /** Offset from UTC now, in minutes. */
  offsetMinutes: number;
  /** Lower-case, unaccented words a search matches against: label, id and offset. */
  search: string;
}

const MINUS = '\u2212';

/**
 * Cities whose IANA id drops the accents of their own spelling, or keeps an old name that Intl
 * still uses as its id. Local spellings, the same in every language.
 */
const LOCAL_SPELLING: Record<string, string> = {
  'America/Araguaina': 'Araguaína',
  'America/Asuncion': 'Asunción',
  'America/Belem': 'Belém',
  'America/Bogota': 'Bogotá',
  'America/Cancun': 'Cancún',
  'America/Cuiaba': 'Cuiabá',
  'America/Curacao': 'Curaçao',
  'America/Eirunepe': 'Eirunepé',
  'America/Godthab': 'Nuuk',
  'America/Maceio': 'Maceió',
  'America/Mazatlan': 'Mazatlán',
  'America/Merida': 'Mérida',
  'America/Mexico_City': 'Ciudad de México',
  'America/Santarem': 'Santarém',
  'America/Sao_Paulo': 'São Paulo',
  'America/St_Johns': 'St. John’s',
  'Asia/Calcutta': 'Kolkata',
  'Asia/Katmandu': 'Kathmandu',
  'Asia/Rangoon': 'Yangon',
  'Asia/Saigon': 'Ho Chi Minh',
  'Atlantic/Faeroe': 'Faroe',
  'Atlantic/Reykjavik': 'Reykjavík',
  'Europe/Kiev': 'Kyiv',
  'Europe/Zurich': 'Zürich',
  'Africa/Asmera': 'Asmara',
};

/** "America/Argentina/Buenos_Aires" → "Buenos Aires"; ids without a region ("UTC") stay as they are. */
export function zoneCity(id: string): string {
  return LOCAL_SPELLING[id] ?? (id.split('/').at(-1) ?? id).replaceAll('_', ' ');
}

export function formatOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes < 0 ? MINUS : '+';
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[_/]/g, ' ')
    .replace(/[\u2212\u2013]/g, '-');
}

/** The zone's generic name ("hora de Europa central"), or null where Intl only has an offset. */
function genericName(parts: Intl.DateTimeFormatPart[]): string | null {
  const name = parts.find((part) => part.type === 'timeZoneName')?.value;
  return name && !/^(GMT|UTC)([+\u2212-]|$)/.test(name) ? name : null;
}

function offsetMinutes(parts: Intl.DateTimeFormatPart[], at: Date): number {
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'));
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

const cache = new Map<string, ZoneName>();

/** One formatter per zone gives both the name and the offset; building formatters is the cost, so names are kept. */
export function zoneName(id: string, lang: Lang, at = new Date()): ZoneName {
  const key = `${lang}|${id}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat(lang, {
      timeZone: id,
      timeZoneName: 'longGeneric',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    }).formatToParts(at);
  } catch {
    // A zone this browser does not know (its time-zone data is older than the server's): the id alone.
    return { id, city: zoneCity(id), label: id.replaceAll('_', ' '), offsetMinutes: 0, search: normalizeForSearch(id) };
  }
  const city = zoneCity(id);
  const generic = genericName(parts);
  const minutes = offsetMinutes(parts, at);
  const offset = formatOffset(minutes);
  const label = city === offset ? city : generic ? `${city} — ${generic} (${offset})` : `${city} (${offset})`;
  const plainOffset = offset.replace(MINUS, '-');
  const name: ZoneName = {
    id,
    city,
    label,
    offsetMinutes: minutes,
    search: normalizeForSearch(`${label} ${id} ${plainOffset} ${plainOffset.replace('UTC', 'GMT')}`),
  };
  cache.set(key, name);
  return name;
}

const namesInWords = new Map<string, string>();

/**
 * A time zone in words, for sentences (pages, emails, API messages): the city the zone is named
 * after and the zone's generic name as Intl gives it ("Bogotá — hora de Colombia"), which stays
 * true across daylight-saving changes; where Intl has only an offset, the picker's label with it.
 */

export function zoneInWords(id: string, lang: Lang): string {
  const key = `${lang}|${id}`;
  const known = namesInWords.get(key);
  if (known) return known;
  let name: string;
  try {
    const generic = new Intl.DateTimeFormat(lang, { timeZone: id, timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((part) => part.type === 'timeZoneName')?.value;
    const city = zoneCity(id);
    name = generic && !/^(GMT|UTC)([+\u2212-]|$)/.test(generic) ? `${city} — ${generic}` : zoneName(id, lang).label;
  } catch {
    // Not a zone this runtime knows: its id, without underscores, is all there is to say.
    return id.replaceAll('_', ' ');
  }
  namesInWords.set(key, name);
  return name;
}
