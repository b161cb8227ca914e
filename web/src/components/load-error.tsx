// What a page shows when its data could not be loaded.
import type { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Notice } from './notice.tsx';
import { PageHeading } from './page-heading.tsx';
import { SignInPrompt } from './sign-in-prompt.tsx';

export function LoadError({ error, retry }: { error: ApiError; retry(): void }) {
  const { t } = useI18n();
  if (error.status === 401) return <SignInPrompt message={error.message} />;
  const canRetry = error.status === 0 || error.status >= 500;
  return (
    <Notice kind={error.status === 404 ? 'info' : 'error'}>
      <p>{error.message}</p>
      {canRetry ? (
        <p>
          <button type="button" onClick={retry}>
            {t('app.retry')}
          </button>
        </p>
      ) : (
        <p>
          <a href="/">{t('notFound.home')}</a>
        </p>
      )}
    </Notice>
  );
}

/** The page title to show while a page's data is missing. */
export function useFallbackTitle(error: ApiError | null): string {
  const { t } = useI18n();
  if (!error) return t('app.loading');
  if (error.status === 401) return t('signInPrompt.title');
  if (error.status === 404) return t('notFound.title');
  return t('errors.title');
}

/** A page whose data has not arrived yet, or will not: a heading that says which, and a way on. */
export function PageNotLoaded({ error, retry }: { error: ApiError | null; retry(): void }) {
  const title = useFallbackTitle(error);
  return (
    <>
      <PageHeading text={title} />
      {error ? <LoadError error={error} retry={retry} /> : null}
    </>
  );
}

/** Part of a page whose heading is already shown: the same news, without a second <h1>. */
export function SectionNotLoaded({ error, retry }: { error: ApiError | null; retry(): void }) {
  const { t } = useI18n();
  return error ? <LoadError error={error} retry={retry} /> : <p class="muted">{t('app.loading')}</p>;
}
