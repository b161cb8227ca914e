// The proceedings job on its own loop (server/plugins/job-loop.ts): an edition takes seconds and
// must not hold up mail, and an organizer who asks for one should see it start at once, so a
// request wakes the loop (`app.proceedingsJobs.wake()`). The job's claim keeps two instances off
// the same edition; an edition cut short by a crash is taken up again once its lease expires.
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { startJobLoop, type JobLoop } from '../plugins/job-loop.ts';
import { runDueEditions } from './proceedings-job.ts';

const TICK_MS = 30_000;

declare module 'fastify' {
  interface FastifyInstance {
    proceedingsJobs: JobLoop;
  }
}

/** `tickMs` lets a test see the timer without waiting. */
export default fp<{ config: Config; tickMs?: number }>(
  async (app, { config, tickMs = TICK_MS }) => {
    app.decorate(
      'proceedingsJobs',
      startJobLoop(app, {
        enabled: config.backgroundJobs,
        tickMs,
        pass: () => runDueEditions(app.db, { proceedingsDir: config.proceedingsDir }),
        failure: 'proceedings generation failed',
      }),
    );
  },
  { name: 'proceedings-jobs', dependencies: ['db'] },
);
