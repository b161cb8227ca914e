// The one way the app talks to the API: JSON in and out, the session cookie, and the
// interface language in Accept-Language so errors and content come back in it.
import { currentLang, i18n } from '../i18n/i18n.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Options {
  method?: Method;
  body?: unknown;
  /** A body sent as is, with its own type (a CSV file), instead of JSON. */
  text?: { type: string; value: string };
  signal?: AbortSignal;
  keepalive?: boolean;
}

export async function api<T>(path: string, options: Options = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLang() };
  if (options.text) headers['Content-Type'] = options.text.type;
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.text ? options.text.value : options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
      // Lets a last draft save finish while the page is being closed.
      keepalive: options.keepalive,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'internal', error?.message ?? i18n.t('errors.unexpected'));
  }
  // A connection that drops while the answer arrives: the request may or may not have been
  // applied, so it is reported like any network failure (writes are safe to send again).
  if (payload === null) throw new ApiError(0, 'network', i18n.t('errors.network'));
  return payload as T;
}

/** No answer, or the server failed: the same request may well succeed if sent again. */
export function isRetryable(error: unknown): boolean {
  return error instanceof ApiError ? error.status === 0 || error.status >= 500 : true;
}

export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : i18n.t('errors.unexpected');
}
