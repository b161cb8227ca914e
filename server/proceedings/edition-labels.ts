// The words of an edition, in its language, from locales/*/proceedings.json.
import type { Lang } from '../db/schema.ts';
import { translatorFor } from '../i18n/i18n.ts';
import type { Byline, EditionThread } from './edition-content.ts';
import type { TextNote } from './edition-text.ts';

export type EditionLabels = ReturnType<typeof editionLabels>;

const dateLocales: Record<Lang, string> = { en: 'en-GB', es: 'es', fr: 'fr' };

export function editionLabels(lang: Lang, timeZone = 'UTC') {
  const t = translatorFor(lang);
  const day = new Intl.DateTimeFormat(dateLocales[lang], { dateStyle: 'long', timeZone });
  const language = (l: Lang) => t(`proceedings:languages.${l}`);
  return {
    t: (key: string, values?: Record<string, unknown>) => t(`proceedings:${key}`, values ?? {}),
    language,
    date: (d: Date) => day.format(d),
    byline: (who: Byline) =>
      who.kind === 'named'
        ? who.name
        : who.region
          ? t('proceedings:anonymous', { region: who.region })
          : t('proceedings:anonymousNoRegion'),
    note: (note: TextNote): string | null => {
      if (!note) return null;
      if (note.kind === 'translated' && note.by === null)
        return t(note.outdated ? 'proceedings:translatedFromOutdated' : 'proceedings:translatedFrom', {
          language: language(note.from),
        });
      if (note.kind === 'translated')
        return t(note.outdated ? 'proceedings:translatedOutdated' : 'proceedings:translatedBy', {
          language: language(note.from),
          translator: note.by,
        });
      return t('proceedings:untranslated', { language: language(note.from), edition: language(lang) });
    },
    threadTitle: (thread: EditionThread) =>
      thread.title.value || t('proceedings:untitledThread', { number: thread.weekNumber }),
    step: (step: string) => t(`proceedings:steps.${step}`, { defaultValue: t('proceedings:steps.start') }),
  };
}
