// Live updates for the page being shown: subscribes while mounted, hands each event to the
// page, and counts the new posts held back until the reader has answered a prompt.
import { useEffect, useRef, useState } from 'preact/hooks';
import { live, subscriptionKey, type LiveEvent, type LiveSpec } from '../live/live-connection.ts';
import { useSession } from '../session/session-context.tsx';

export interface LiveHandlers {
  onEvent(event: LiveEvent): void;
  /** Subscribed. When not `resumed`, events may have been missed since the page's data was read. */
  onReady?(resumed: boolean): void;
}

/**
 * Subscribes to `spec` (null: nothing to follow yet), after `after`, the event id the page's
 * data came with; returns how many gated posts arrived.
 */
export function useLive(spec: LiveSpec | null, handlers: LiveHandlers, after: number | null = null): number {
  const { me } = useSession();
  const userId = me?.id ?? null;
  const latest = useRef(handlers);
  latest.current = handlers;
  const startAfter = useRef(after);
  startAfter.current = after;
  const [gated, setGated] = useState(0);

  // A new identity needs a new socket: the server reads the session cookie when it opens.
  const identity = useRef(userId);
  useEffect(() => {
    if (identity.current === userId) return;
    identity.current = userId;
    live.restart();
  }, [userId]);

  const key = spec ? `${spec.forum}/${subscriptionKey(spec)}` : null;
  useEffect(() => {
    if (!spec || typeof WebSocket === 'undefined') return;
    let active = true;
    setGated(0);
    const unsubscribe = live.subscribe(
      spec,
      {
        onEvent(event) {
          if (!active) return;
          // Only new answers are counted; other held-back events (a translation of one) say nothing new.
          if (event.payload.gated) {
            if (event.event === 'post.created') setGated((n) => n + 1);
            // A public archive's reader reads the page again, which shows each author as they chose.
          } else if (event.payload.reread) latest.current.onReady?.(false);
          else latest.current.onEvent(event);
        },
        onReady(resumed) {
          if (active) latest.current.onReady?.(resumed);
        },
      },
      startAfter.current,
    );
    return () => {
      active = false;
      unsubscribe();
    };
    // The spec is compared by its key; `after` counts only when the subscription starts.
  }, [key]);

  return gated;
}
