// Forms whose only answer is "we emailed you a link" (register, forgot password): the API
// answers alike whether or not the address has an account, so both pages keep the same state
// (busy, error, the address it went to) and end on the same "check your email" view.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { errorMessage } from '../api/client.ts';
import { Notice } from './notice.tsx';
import { PageHeading } from './page-heading.tsx';

/** The message for an email field, or null when the address looks usable. */
export function emailProblem(address: string, t: (key: string) => string): string | null {
  if (!address) return t('validation.required');
  return /^[^\s@]+@[^\s@]+$/.test(address) ? null : t('validation.email');
}

/** Sends the request once at a time; on success remembers the address the link went to. */
export function useEmailedLink() {
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(address: string, request: () => Promise<unknown>) {
    setBusy(true);
    try {
      await request();
      setSentTo(address);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, setError, sentTo, setSentTo, send };
}

/** The page shown once the link is on its way. */
export function CheckEmail({
  title,
  message,
  hint,
  children,
}: {
  title: string;
  message: string;
  hint: string;
  children?: ComponentChildren;
}) {
  return (
    <>
      <PageHeading text={title} />
      <Notice kind="ok">
        <p role="status">{message}</p>
      </Notice>
      <p>{hint}</p>
      {children}
    </>
  );
}
