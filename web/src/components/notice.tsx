// A boxed message: errors, confirmations and explanations the reader should not miss.
import type { ComponentChildren } from 'preact';

export function Notice({
  kind = 'info',
  children,
}: {
  kind?: 'info' | 'ok' | 'warn' | 'error';
  children: ComponentChildren;
}) {
  return <div class={`notice notice-${kind}`}>{children}</div>;
}

/**
 * Announces its content to screen readers whenever it changes. The region stays in the page
 * even when empty, because a live region added together with its text is often not read.
 */
export function LiveMessage({
  kind = 'error',
  message,
  id,
}: {
  kind?: 'ok' | 'error';
  message: string | null;
  id?: string;
}) {
  return (
    <div
      id={id}
      class={message ? `notice notice-${kind} live-region` : 'live-region'}
      role={kind === 'error' ? 'alert' : 'status'}
      aria-live={kind === 'error' ? 'assertive' : 'polite'}
    >
      {message ? <p>{message}</p> : null}
    </div>
  );
}
