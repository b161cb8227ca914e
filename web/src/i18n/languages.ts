// The three languages Tertulia speaks, each named in itself for pickers that every reader can use.
import type { Lang } from '../api/types.ts';

export const LANGS: readonly Lang[] = ['en', 'es', 'fr'];

export const ENDONYMS: Record<Lang, string> = { en: 'English', es: 'Español', fr: 'Français' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
