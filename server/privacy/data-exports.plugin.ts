// The data-export job on its own loop (server/plugins/job-loop.ts): building a large account's
// export takes a while and must not hold up mail.
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { startJobLoop, type JobLoop } from '../plugins/job-loop.ts';
import { runDueExports } from './data-export-job.ts';

const TICK_MS = 30_000;

declare module 'fastify' {
  interface FastifyInstance {
    dataExportJobs: JobLoop;
  }
}

export default fp<{ config: Config; tickMs?: number }>(
  async (app, { config, tickMs = TICK_MS }) => {
    app.decorate(
      'dataExportJobs',
      startJobLoop(app, {
        enabled: config.backgroundJobs,
        tickMs,
        pass: () => runDueExports(app.db, { lifetimeHours: config.exportLifetimeHours }),
        failure: 'data export failed',
      }),
    );
  },
  { name: 'data-export-jobs', dependencies: ['db'] },
);
