// The reading rule, in the page: where the API sends a translation into one of the reader's
// languages, it is shown by default, in its own language, saying from which language and by
// whom it was translated, with a one-click way to the original (remembered per reader and per
// item on this browser). Where a translation is still to come, the original is shown and says so.
import { useState } from 'preact/hooks';
import type { Html, Text } from './content.tsx';
import type { Lang } from '../i18n/languages.ts';
import type { Me } from '../../../server/auth/auth.schemas.ts';
import type { Post, ThreadSummary } from '../discussion/discussion-types.ts';
import { currentLang } from '../i18n/i18n.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { LangHtml } from './content.tsx';

/** A published translation as the API gives it for a post, a reading, a week or a case study (the same shape in each). */
type ShownTranslation = NonNullable<Post['translation']>;
type TitleTranslation = NonNullable<ThreadSummary['titleTranslation']>;

const PREFIX = 'tertulia.original.';

function storageKey(userId: number | null, itemKey: string): string {
  return `${PREFIX}${userId ?? 0}.${itemKey}`;
}

function readChoice(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false; // storage disabled: the choice lasts while the page is open
  }
}

function writeChoice(key: string, original: boolean): void {
  try {
    if (original) localStorage.setItem(key, '1');
    else localStorage.removeItem(key);
  } catch {
    /* see readChoice */
  }
}

/** Whether this reader reads `lang` (as the server decides: the interface language or a reading language). */
export function readsLang(me: Me | null, lang: Lang): boolean {
  const ui = currentLang();
  return lang === ui || (me ? me.readingLangs.includes(lang) : false);
}

function roleKey(role: string): 'organizer' | 'translator' | 'author' {
  return role === 'organizer' || role === 'author' ? role : 'translator';
}

/** "Translated from Spanish by Ana — organizer", in the interface language. */
export function useProvenance() {
  const { t } = useI18n();
  return (from: Lang, translator: { displayName: string; role: string }) =>
    // No name: a translator the public archive may not name (they chose not to appear).
    t(
      `translation.by.${translator.displayName === '' && translator.role !== 'author' ? 'unnamed' : roleKey(translator.role)}`,
      {
        language: t(`languageNames.${from}`),
        name: translator.displayName,
      },
    );
}

interface Props {
  /** Identifies the item for the remembered choice: `post:12`, `reading:3`. */
  itemKey: string;
  original: Html;
  translation: ShownTranslation | null;
  pending: boolean;
  class?: string;
  /** Ids of what names the item (the post's header), for the toggle's description. */
  describedBy?: string;
}

export function TranslatedBody({ itemKey, original, translation, pending, class: className, describedBy }: Props) {
  const { t } = useI18n();
  const { me } = useSession();
  const provenance = useProvenance();
  const key = storageKey(me?.id ?? null, itemKey);
  const [showOriginal, setShowOriginal] = useState(() => readChoice(key));

  if (!translation) {
    return (
      <>
        {pending ? <p class="translation-note translation-pending">{t('translation.pending')}</p> : null}
        <LangHtml html={original} class={className} />
      </>
    );
  }

  const toggle = () => {
    const next = !showOriginal;
    writeChoice(key, next);
    setShowOriginal(next);
  };
  return (
    <div class="translated">
      <p class="translation-note">
        <span>
          {showOriginal
            ? t('translation.showingOriginal', { language: t(`languageNames.${original.lang}`) })
            : provenance(original.lang, translation.translator)}
        </span>
        {!showOriginal && translation.outdated ? (
          <span class="badge badge-outdated">{t('translation.outdated')}</span>
        ) : null}
        <button type="button" class="link-button translation-toggle" aria-describedby={describedBy} onClick={toggle}>
          {showOriginal ? t('translation.showTranslation') : t('translation.showOriginal')}
        </button>
      </p>
      {showOriginal ? (
        <LangHtml html={original} class={className} />
      ) : (
        <LangHtml html={{ lang: translation.lang, html: translation.html }} class={className} />
      )}
    </div>
  );
}

/** A thread's title as shown: its translation where there is one, its original at hand. */
export function shownTitle(title: Text, translation: TitleTranslation | null): Text {
  return translation ? { lang: translation.lang, value: translation.value } : title;
}

/** The original of a translated title, in its language, with who translated it. */
export function OriginalTitle({
  title,
  translation,
  long = false,
}: {
  title: Text;
  translation: TitleTranslation | null;
  long?: boolean;
}) {
  const { t } = useI18n();
  const provenance = useProvenance();
  if (!translation) return null;
  return (
    <span class="original-title">
      {t('translation.originalTitle')} <span lang={title.lang}>{title.value}</span>
      {long ? <> · {provenance(title.lang, translation.translator)}</> : null}
    </span>
  );
}

/** Under a thread's title: its original where a translation is shown, else that one is on its way. */
export function TitleNote({
  thread,
  long = false,
}: {
  thread: { title: Text; titleTranslation: TitleTranslation | null; titleTranslationPending: boolean };
  long?: boolean;
}) {
  const { t } = useI18n();
  if (thread.titleTranslation)
    return (
      <p class="meta">
        <OriginalTitle title={thread.title} translation={thread.titleTranslation} long={long} />
      </p>
    );
  return thread.titleTranslationPending ? (
    <p class="meta translation-pending">{t('translation.titlePending')}</p>
  ) : null;
}
