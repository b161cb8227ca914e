// Leaving the page, or the tab going to the background (phones kill those), saves what is
// being written at once; unmounting saves it and cancels the next timed server save.
import { useEffect } from 'preact/hooks';

interface AutosaveState {
  serverTimer: ReturnType<typeof setTimeout> | null;
}

export function useFlushOnLeave(flush: () => void, autosave: { current: AutosaveState }): void {
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      flush();
      const state = autosave.current;
      if (state.serverTimer) clearTimeout(state.serverTimer);
      state.serverTimer = null;
    };
  }, [flush, autosave]);
}
