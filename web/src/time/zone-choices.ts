// Which time zones a picker offers and in what order: the likely ones first (the reader's
// current choice, the browser's zone, the forums' zones seen this visit, then the zones the
// forums' cohorts in the Americas and Europe usually live in), then every zone by city.
import type { Lang } from '../i18n/languages.ts';
import { normalizeForSearch, zoneName, type ZoneName } from './zone-names.ts';

/** Where this product's cohorts usually are: Canada, Latin America, and Europe's French and Spanish speakers. */
export const USUAL_ZONES = [
  'America/Vancouver',
  'America/Edmonton',
  'America/Winnipeg',
  'America/Toronto',
  'America/Halifax',
  'America/St_Johns',
  'America/Mexico_City',
  'America/Guatemala',
  'America/El_Salvador',
  'America/Managua',
  'America/Costa_Rica',
  'America/Panama',
  'America/Havana',
  'America/Santo_Domingo',
  'America/Puerto_Rico',
  'America/Bogota',
  'America/Caracas',
  'America/Guayaquil',
  'America/Lima',
  'America/La_Paz',
  'America/Santiago',
  'America/Asuncion',
  'America/Argentina/Buenos_Aires',
  'America/Montevideo',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Lisbon',
  'Europe/Madrid',
  'Europe/Paris',
  'Europe/Brussels',
];

/** The id Intl uses for a zone ("America/Montreal" → "America/Toronto"), or null for an unknown one. */
export function canonicalZone(id: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: id }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

function supportedZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  // Some engines leave UTC out of the list although they accept it.
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
}

/** Ids in order, each zone once (aliases folded onto Intl's id), unknown ids dropped. */
function distinct(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ids) {
    const canonical = canonicalZone(id);
    if (canonical === null || seen.has(canonical)) continue;
    seen.add(canonical);
    // The reader's own spelling of their zone is kept, so the picker shows what they chose.
    out.push(id);
  }
  return out;
}

export interface ZoneChoices {
  suggested: ZoneName[];
  others: ZoneName[];
}

/** Builds every name once per call: a few hundred formatters, so call it when the list is first wanted. */
export function zoneChoices(lang: Lang, likely: readonly string[]): ZoneChoices {
  const suggestedIds = distinct([...likely, ...USUAL_ZONES]);
  const taken = new Set(suggestedIds.map((id) => canonicalZone(id)));
  const suggested = suggestedIds.map((id) => zoneName(id, lang));
  const collator = new Intl.Collator(lang);
  const others = supportedZones()
    // Intl lists its own ids, so comparing with the suggestions' canonical ids is enough.
    .filter((id) => !taken.has(id))
    .map((id) => zoneName(id, lang))
    .sort((a, b) => collator.compare(a.label, b.label));
  return { suggested, others };
}

/** Every word of the query must appear in the zone's name, id or offset, accents and case aside. */
export function matchesZone(zone: ZoneName, query: string): boolean {
  const words = normalizeForSearch(query).split(/\s+/).filter(Boolean);
  return words.every((word) => zone.search.includes(word));
}
