// Loads a page's data, and loads it again when the interface language (content and messages
// come back in it) or the signed-in user (roles and access) changes.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client.ts';
import { i18n } from '../i18n/i18n.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';

export interface ApiState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
}

export function useApi<T>(
  path: string,
): [ApiState<T>, (update: (data: T) => T) => void, () => void, () => Promise<void>] {
  const { lang } = useI18n();
  const { me } = useSession();
  const userId = me?.id ?? null;
  const [state, setState] = useState<ApiState<T>>({ data: null, error: null, loading: true });
  const [attempt, setAttempt] = useState(0);
  const loadedPath = useRef(path);

  useEffect(() => {
    const controller = new AbortController();
    // Another page's data must not linger; the same page in another language may, until replaced.
    const samePage = loadedPath.current === path;
    loadedPath.current = path;
    setState((previous) => ({ data: samePage ? previous.data : null, error: null, loading: true }));
    api<T>(path, { signal: controller.signal }).then(
      (data) => setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = error instanceof ApiError ? error : new ApiError(0, 'network', i18n.t('errors.network'));
        setState({ data: null, error: apiError, loading: false });
      },
    );
    return () => controller.abort();
  }, [path, lang, userId, attempt]);

  const update = useCallback((change: (data: T) => T) => {
    setState((previous) => (previous.data === null ? previous : { ...previous, data: change(previous.data) }));
  }, []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  // Fetches the page's data again in the background (after a live event): what is shown stays
  // until the new data arrives, and stays as it is if the refresh fails.
  const currentPath = useRef(path);
  currentPath.current = path;
  const refresh = useCallback(async () => {
    const requested = currentPath.current;
    try {
      const data = await api<T>(requested);
      if (currentPath.current === requested) setState({ data, error: null, loading: false });
    } catch {
      /* the next event or visit tries again */
    }
  }, []);

  return [state, update, retry, refresh];
}
