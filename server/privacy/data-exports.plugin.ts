// The data-export job on its own loop, like the proceedings job: building a large account's
// export takes a while and must not hold up mail. A request on this instance wakes the loop; the
// timer picks up exports asked for on another instance or left by a crash.
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { runDueExports } from './data-export-job.ts';

const TICK_MS = 30_000;

declare module 'fastify' {
  interface FastifyInstance {
    dataExportJobs: { wake(): void };
  }
}

export default fp<{ config: Config; tickMs?: number }>(
  async (app, { config, tickMs = TICK_MS }) => {
    let running: Promise<void> | null = null;
    let wokenWhileRunning = false;
    const run = (): void => {
      if (running) {
        wokenWhileRunning = true;
        return;
      }
      running = runDueExports(app.db, { lifetimeHours: config.exportLifetimeHours })
        .then(() => undefined)
        .catch((error) => app.log.error({ err: error }, 'data export failed'))
        .finally(() => {
          running = null;
          if (wokenWhileRunning) {
            wokenWhileRunning = false;
            run();
          }
        });
    };
    // Without background jobs (tests, a CLI) nothing runs here: the caller runs the job itself.
    app.decorate('dataExportJobs', { wake: config.backgroundJobs ? run : () => {} });
    if (!config.backgroundJobs) return;
    const timer = setInterval(run, tickMs);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      wokenWhileRunning = false;
      await running;
    });
  },
  { name: 'data-export-jobs', dependencies: ['db'] },
);
