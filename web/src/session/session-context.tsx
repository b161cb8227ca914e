// Who is signed in, shared by every page. The first answer of /api/me arrives with the app's
// start (see main.tsx); pages then update it when the user signs in, out, or edits the profile.
import type { MeAnswer } from './session-types.ts';
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import type { Me } from '../../../server/auth/auth.schemas.ts';
import { changeLang, storedLang } from '../i18n/i18n.ts';
import { forgetSyncedCopies } from './forget-synced-copies.ts';

interface Session {
  me: Me | null;
  /**
   * Adopts a user the API returned (after sign-in or a profile change), or null once signed
   * out; resolves once the interface speaks the profile's language, if it should.
   */
  setMe(me: Me | null): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session>({ me: null, setMe: async () => {}, signOut: async () => {} });

/** Fetched before the first render so a signed-in user's language and roles show at once. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return (await api<MeAnswer>('/api/me')).user;
  } catch {
    return null; // the site still works signed out
  }
}

/** A language chosen on this browser wins; otherwise the profile's language is the interface's. */
export async function adoptProfileLang(me: Me | null): Promise<void> {
  if (me && !storedLang()) await changeLang(me.interfaceLang, false);
}

export function SessionProvider({ initialMe, children }: { initialMe: Me | null; children: ComponentChildren }) {
  const [me, setMeState] = useState(initialMe);

  const setMe = useCallback(async (next: Me | null) => {
    setMeState(next);
    await adoptProfileLang(next);
  }, []);

  const signedOut = useRef<number | null>(null);
  const signOut = useCallback(async () => {
    await api('/api/auth/sign-out', { method: 'POST' });
    signedOut.current = me?.id ?? null;
    setMeState(null);
  }, [me]);
  // After the signed-out render: open composers save their text as they unmount, so forgetting
  // earlier would leave it behind.
  useEffect(() => {
    if (me || signedOut.current === null) return;
    forgetSyncedCopies(signedOut.current);
    signedOut.current = null;
  }, [me]);

  const value = useMemo(() => ({ me, setMe, signOut }), [me, setMe, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}
