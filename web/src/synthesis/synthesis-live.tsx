// The synthesis follows the forum live: every accepted, merged or edited element appends a
// forum-level 'synthesis.changed' event, and the page reads its data again when one arrives (or
// after a reconnection that could not replay what was missed).
import { useRef } from 'preact/hooks';
import { useLive } from '../hooks/use-live.ts';

export function SynthesisLive({ slug, onChanged }: { slug: string; onChanged(): void }) {
  const subscribedOnce = useRef(false);
  useLive(
    { forum: slug, synthesis: true },
    {
      onEvent(event) {
        if (event.event === 'synthesis.changed') onChanged();
      },
      onReady(resumed) {
        if (subscribedOnce.current && !resumed) onChanged();
        subscribedOnce.current = true;
      },
    },
  );
  return null;
}
