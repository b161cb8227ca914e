// The signed-in user's unread notification count, shared by the header and the notifications
// page: read once, then kept current by the server's pushes on the live socket, and read again
// whenever the socket (re)opens, since pushes sent while it was down are not replayed.
import type { UnreadCount } from './types.ts';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import { live } from '../live/live-connection.ts';

let current: number | null = null;
const watchers = new Set<(count: number | null) => void>();

export function setUnreadCount(count: number | null): void {
  current = count;
  for (const watcher of watchers) watcher(count);
}

function readCount(): void {
  api<UnreadCount>('/api/notifications/unread').then(
    (answer) => setUnreadCount(answer.unread),
    () => {},
  );
}

/** The count for the signed-in user (null while unknown or signed out); follows it live. */
export function useUnreadCount(userId: number | null): number | null {
  const [count, setCount] = useState(current);
  useEffect(() => {
    watchers.add(setCount);
    return () => {
      watchers.delete(setCount);
    };
  }, []);
  useEffect(() => {
    if (userId === null) {
      setUnreadCount(null);
      return undefined;
    }
    readCount();
    let readAt = Date.now();
    return live.onPersonal((message) => {
      if (message) {
        setUnreadCount(message.unread);
      } else if (Date.now() - readAt > 2000) {
        // A socket opened now (not the one this read was made for): something may have been missed.
        readAt = Date.now();
        readCount();
      }
    });
  }, [userId]);
  return count;
}
