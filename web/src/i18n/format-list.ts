// Lists such as "participant and organizer", joined the way the interface language joins them.
import type { Lang } from './languages.ts';

export function formatList(items: string[], lang: Lang): string {
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items);
}
