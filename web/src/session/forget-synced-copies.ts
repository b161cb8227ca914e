// On sign-out, a shared computer (an office, a library) should not keep a person's writing.
// Drafts and translations the server holds word for word are removed from this browser: they
// come back from the server at the next sign-in. A copy the server does not have yet stays,
// under its owner's id, because it may be the only one left.
import { storageKey } from '../compose/local-drafts.ts';
import { localTranslationKey } from '../translation/local-copy.ts';

export function forgetSyncedCopies(userId: number): void {
  const prefixes = [storageKey(userId, ''), localTranslationKey(userId, '')];
  let keys: string[];
  try {
    keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter(
      (key): key is string => key !== null && prefixes.some((prefix) => key.startsWith(prefix)),
    );
  } catch {
    return; // storage disabled: nothing was kept
  }
  for (const key of keys) {
    try {
      const value = JSON.parse(localStorage.getItem(key) ?? 'null') as { synced?: unknown } | null;
      if (value?.synced === true) localStorage.removeItem(key);
    } catch {
      /* a damaged entry: the readers ignore it too */
    }
  }
}
