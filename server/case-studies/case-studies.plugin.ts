// The publication job: when background jobs are on, every few seconds it publishes the approved
// case studies whose week has opened, so a week page left open receives them live at the
// opening. Readers' requests publish their week's due ones too (case-studies.service.ts): the
// job only keeps open pages on time.
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { publishDueCaseStudies } from './publication.service.ts';

const TICK_MS = 10_000;

/** `tickMs` lets a test see a tick without waiting ten seconds. */
export default fp<{ config: Config; tickMs?: number }>(
  async (app, { config, tickMs = TICK_MS }) => {
    if (!config.backgroundJobs) return;
    let running: Promise<void> | null = null;
    // A tick still running when the next is due is not doubled.
    const timer = setInterval(() => {
      running ??= publishDueCaseStudies(app.db)
        .then(() => undefined)
        .catch((error) => app.log.error({ err: error }, 'case study publication failed'))
        .finally(() => {
          running = null;
        });
    }, tickMs);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await running;
    });
  },
  { name: 'case-studies', dependencies: ['db', 'realtime'] },
);
