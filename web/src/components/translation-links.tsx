// Where translators and organizers find their work: the queue, the glossary and, for
// organizers, the dashboard. Shown on the forum's and the weeks' pages.
import type { Role } from '../forums/forum-types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { canTranslate } from '../session/forum-info.ts';

export function translationHref(slug: string, page: 'translate' | 'glossary' | 'translation-dashboard'): string {
  return `/forums/${encodeURIComponent(slug)}/${page}`;
}

export function TranslationLinks({ slug, roles }: { slug: string; roles: readonly Role[] | undefined }) {
  const { t } = useI18n();
  if (!canTranslate(roles)) return null;
  return (
    <nav class="translation-links" aria-label={t('translate.linksLabel')}>
      <ul>
        <li>
          <a href={translationHref(slug, 'translate')}>{t('translate.queueLink')}</a>
        </li>
        <li>
          <a href={translationHref(slug, 'glossary')}>{t('glossary.link')}</a>
        </li>
        {roles?.includes('organizer') ? (
          <li>
            <a href={translationHref(slug, 'translation-dashboard')}>{t('dashboard.link')}</a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
