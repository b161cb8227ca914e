// The proceedings job on its own loop, apart from the notification tick: an edition takes seconds
// and must not hold up mail, and an organizer who asks for one should see it start at once, so
// a request on this instance wakes the loop (`app.proceedingsJobs.wake()`). The timer still runs
// so that an edition asked for on another instance, or cut short by a crash (its lease expires),
// is taken up here too; the job's claim keeps two instances off the same edition.
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { runDueEditions } from './proceedings-job.ts';

const TICK_MS = 30_000;

declare module 'fastify' {
  interface FastifyInstance {
    proceedingsJobs: { wake(): void };
  }
}

/** `tickMs` lets a test see the timer without waiting. */
export default fp<{ config: Config; tickMs?: number }>(
  async (app, { config, tickMs = TICK_MS }) => {
    let running: Promise<void> | null = null;
    let wokenWhileRunning = false;
    const run = (): void => {
      if (running) {
        // An edition asked for while the loop drains the queue may have been claimed already; one more pass settles it.
        wokenWhileRunning = true;
        return;
      }
      running = runDueEditions(app.db, { proceedingsDir: config.proceedingsDir })
        .then(() => undefined)
        .catch((error) => app.log.error({ err: error }, 'proceedings generation failed'))
        .finally(() => {
          running = null;
          if (wokenWhileRunning) {
            wokenWhileRunning = false;
            run();
          }
        });
    };
    // Without background jobs (tests, a CLI) nothing runs here: the caller runs the job itself.
    app.decorate('proceedingsJobs', { wake: config.backgroundJobs ? run : () => {} });
    if (!config.backgroundJobs) return;
    const timer = setInterval(run, tickMs);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      wokenWhileRunning = false;
      await running;
    });
  },
  { name: 'proceedings-jobs', dependencies: ['db'] },
);
