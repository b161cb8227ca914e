// Composer drafts kept in this browser's localStorage, under
// `tertulia.draft.<userId>.<draftKey>`, with the server's draft key patterns:
// thread:week:<weekId>, reply:thread:<id>, reply:post:<id>, edit:post:<id>.
import type { Lang } from '../i18n/languages.ts';
import { isLang } from '../i18n/languages.ts';

export interface DraftText {
  title: string;
  bodyMd: string;
  lang: Lang;
}

export interface LocalDraft extends DraftText {
  v: 1;
  /** When this browser last changed the text, in ms since 1970 (this device's clock). */
  changedAt: number;
  /** The server copy's `updatedAt` after this browser last saved it, or adopted it. */
  serverUpdatedAt: string | null;
  /** Whether the server holds exactly this text. */
  synced: boolean;
  /** The idempotency key sent with this text: every retry of the same text reuses it. */
  submission: { key: string; fingerprint: string } | null;
  /** Composer-specific state that must survive a reload (the revision an edit started from). */
  extra: Record<string, number | string | boolean>;
}

const PREFIX = 'tertulia.draft.';

export function storageKey(userId: number, draftKey: string): string {
  return `${PREFIX}${userId}.${draftKey}`;
}

export function readLocalDraft(userId: number, draftKey: string): LocalDraft | null {
  try {
    const raw = localStorage.getItem(storageKey(userId, draftKey));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<LocalDraft>;
    if (value.v !== 1 || typeof value.bodyMd !== 'string' || !isLang(value.lang)) return null;
    return {
      v: 1,
      title: typeof value.title === 'string' ? value.title : '',
      bodyMd: value.bodyMd,
      lang: value.lang,
      changedAt: Number(value.changedAt) || 0,
      serverUpdatedAt: typeof value.serverUpdatedAt === 'string' ? value.serverUpdatedAt : null,
      synced: value.synced === true,
      submission: value.submission && typeof value.submission.key === 'string' ? value.submission : null,
      extra: value.extra && typeof value.extra === 'object' ? value.extra : {},
    };
  } catch {
    return null; // storage disabled, or a damaged entry
  }
}

/** False when the browser refused (storage full or disabled): the server copy is then the only one. */
export function writeLocalDraft(userId: number, draftKey: string, draft: LocalDraft): boolean {
  try {
    localStorage.setItem(storageKey(userId, draftKey), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

export function removeLocalDraft(userId: number, draftKey: string): void {
  try {
    localStorage.removeItem(storageKey(userId, draftKey));
  } catch {
    /* nothing to remove */
  }
}

/** The ids in this user's local drafts whose key is `<prefix><id>` (e.g. replies to posts). */
export function localDraftIds(userId: number, prefix: string): Set<number> {
  const ids = new Set<number>();
  try {
    const start = storageKey(userId, prefix);
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(start)) {
        const id = Number(key.slice(start.length));
        if (Number.isInteger(id) && id > 0) ids.add(id);
      }
    }
  } catch {
    /* storage disabled */
  }
  return ids;
}
