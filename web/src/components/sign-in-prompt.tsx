// Shown where a page needs a signed-in reader; sign-in brings them back here afterwards.
import { useLocation } from 'preact-iso/router';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Notice } from './notice.tsx';

export function signInHref(next: string): string {
  return `/sign-in?next=${encodeURIComponent(next)}`;
}

export function SignInPrompt({ message }: { message?: string }) {
  const { t } = useI18n();
  const { url } = useLocation();
  return (
    <Notice>
      <p>{message ?? t('signInPrompt.message')}</p>
      <p>
        <a href={signInHref(url)}>{t('nav.signIn')}</a>
        {' · '}
        <a href="/register">{t('signInPrompt.register')}</a>
      </p>
    </Notice>
  );
}
