// A background job on its own loop, apart from the notification tick, so a slow job never holds up
// mail: a request on this instance wakes it at once, and a timer picks up work asked for on another
// instance or left by a crash. A wake while a pass runs asks for one more pass, since the running one
// may have read the queue before the new work arrived. Without background jobs (tests, a CLI)
// nothing runs here: the caller runs the job itself.
import type { FastifyInstance } from 'fastify';

export interface JobLoop {
  wake(): void;
}

export function startJobLoop(
  app: FastifyInstance,
  options: { enabled: boolean; tickMs: number; pass: () => Promise<unknown>; failure: string },
): JobLoop {
  if (!options.enabled) return { wake: () => {} };
  let running: Promise<void> | null = null;
  let wokenWhileRunning = false;
  const run = (): void => {
    if (running) {
      wokenWhileRunning = true;
      return;
    }
    running = options
      .pass()
      .then(() => undefined)
      .catch((error) => app.log.error({ err: error }, options.failure))
      .finally(() => {
        running = null;
        if (wokenWhileRunning) {
          wokenWhileRunning = false;
          run();
        }
      });
  };
  const timer = setInterval(run, options.tickMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    wokenWhileRunning = false;
    await running;
  });
  return { wake: run };
}
