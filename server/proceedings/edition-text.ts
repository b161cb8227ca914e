// Each text of an edition in the edition's language by the reading rule, for a reader whose only
// language is the edition's: the original when it is in that language, else its published
// translation with who made it, else the original with a note saying no translation exists.
// A translator is named only if they chose to appear by name; the note says "translated" either way.
import type { Kysely } from 'kysely';
import type { DB, Lang, TranslatableType } from '../db/schema.ts';
import { findReaderTranslations } from '../translation-policy/reader-translations.queries.ts';
import { readingOrder } from '../translation-policy/text-choice.ts';
import type { Person } from './content.queries.ts';

/** The name a translator chose to appear under, or null: anonymous, "not at all" and no choice hide it. */
export function translatorShown(people: Map<number, Person>, translatorId: number | null): string | null {
  const person = translatorId === null ? undefined : people.get(translatorId);
  return person?.choice === 'named' ? person.displayName : null;
}

export type TextNote =
  | { kind: 'translated'; from: Lang; by: string | null; outdated: boolean }
  | { kind: 'untranslated'; from: Lang }
  | null;

export interface EditionText {
  lang: Lang;
  md: string;
  html: string;
  note: TextNote;
}

export interface Original {
  id: number;
  lang: Lang;
  revision: number;
  md: string;
  html: string;
}

/** Policy elements are items of the translation policy like posts; the queue's check admits them. */
type EditionItemType = TranslatableType | 'policy_element';

export async function inEditionLanguage(
  db: Kysely<DB>,
  itemType: EditionItemType,
  originals: Original[],
  lang: Lang,
  people: Map<number, Person>,
): Promise<Map<number, EditionText>> {
  const langs = readingOrder({ lang, readingLangs: [lang] });
  const needing = originals.filter((item) => !langs.includes(item.lang));
  const rows = await findReaderTranslations(
    db,
    itemType,
    needing.map((item) => item.id),
    langs,
  );
  const byItem = new Map(rows.map((row) => [row.item_id, row]));
  const texts = new Map<number, EditionText>();
  for (const item of originals) {
    const row = byItem.get(item.id);
    if (langs.includes(item.lang)) {
      texts.set(item.id, { lang: item.lang, md: item.md, html: item.html, note: null });
    } else if (row?.target_lang && row.body_md !== null && row.body_html !== null) {
      texts.set(item.id, {
        lang: row.target_lang,
        md: row.body_md,
        html: row.body_html,
        note: {
          kind: 'translated',
          from: item.lang,
          by: translatorShown(people, row.translator_id),
          outdated: (row.source_revision ?? item.revision) < item.revision,
        },
      });
    } else {
      texts.set(item.id, {
        lang: item.lang,
        md: item.md,
        html: item.html,
        note: { kind: 'untranslated', from: item.lang },
      });
    }
  }
  return texts;
}
