// The three languages Tertulia speaks, each named in itself for pickers that every reader can use.
import type { Static } from 'typebox';
import type { LangSchema } from '../../../server/http/common.schemas.ts';

export type Lang = Static<typeof LangSchema>;

export const LANGS: readonly Lang[] = ['en', 'es', 'fr'];

export const ENDONYMS: Record<Lang, string> = { en: 'English', es: 'Español', fr: 'Français' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
