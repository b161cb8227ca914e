// A field (or a notification kind) an error names, as the person filling the form knows it: the
// label in their language (locales/*/errors.json `fields`), never the schema's property name.
import type { Lang } from '../db/schema.ts';
import { translatorFor } from './i18n.ts';

/** The property a field path ends with: `texts.0.title` → `title`, `/readingLangs/1` → `readingLangs`. */
export function fieldName(field: string): string {
  return (
    field
      .split(/[./]/)
      .filter((part) => part !== '' && !/^\d+$/.test(part))
      .at(-1) ?? 'body'
  );
}

/** The label of a property name, or undefined when the locales have none. */
export function labelOf(lang: Lang, name: string): string | undefined {
  return translatorFor(lang)(`fields.${name}`, { defaultValue: '' }) || undefined;
}

export function fieldLabel(lang: Lang, field: string): string {
  return labelOf(lang, fieldName(field)) ?? translatorFor(lang)('fields.unknown');
}

/** A notification kind (`application.decided`) by the name the preferences page gives it. */
export function notificationTypeLabel(lang: Lang, type: string): string {
  return (
    translatorFor(lang)(`notificationTypes.${type.replaceAll('.', '_')}`, { defaultValue: '' }) ||
    translatorFor(lang)('fields.unknown')
  );
}
