// Notifications in a running instance: pushes unread counts to the user's sockets on the
// existing /api/live stream when any instance signals a change (LISTEN), and, when background
// jobs are on, ticks the scheduler (week openings, overdue translations, batches, digests) and
// the SMTP worker.
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { deliverDue, type MailTransport } from '../mail/mail-worker.ts';
import {
  announceOverdueTranslations,
  announceWeekOpenings,
  queueDueBatches,
  queueDueDigests,
} from './notification-jobs.ts';
import { countUnreadOf } from './notifications.queries.ts';
import { NOTIFICATIONS_CHANNEL } from './notify.ts';
import type { MailComposers, RenderContext } from '../mail/outbox-render.ts';
import { loadUnsubscribeSecret } from '../mail/unsubscribe-token.ts';

/** What a signed-in user's sockets receive when their unread count changes (the SPA reads it by this type). */
export interface UnreadMessage {
  type: 'notifications';
  unread: number;
}

const TICK_MS = 30_000;

export interface NotificationsRuntime {
  /** Signing key and base URL for links in mail (loaded once). */
  renderContext(): Promise<RenderContext>;
  smtpConfigured: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    notifications: NotificationsRuntime;
  }
}

export interface NotificationsOptions {
  config: Config;
  transport?: MailTransport;
  /** Every domain's mail composers, by template (the app puts them together). */
  composers: MailComposers;
  /** Other domains' scheduled announcements (overdue questions): each tick runs them before batches and digests are queued. */
  announcers?: ReadonlyArray<(db: Kysely<DB>) => Promise<unknown>>;
}

export default fp<NotificationsOptions>(
  async (app, { config, transport, composers, announcers = [] }) => {
    const db = app.db;
    let context: Promise<RenderContext> | undefined;
    const runtime: NotificationsRuntime = {
      renderContext: () =>
        (context ??= loadUnsubscribeSecret(db, config.notificationSecret).then((secret) => ({
          secret,
          publicUrl: config.publicUrl,
          composers,
        }))),
      smtpConfigured: Boolean(config.smtpUrl || transport),
    };
    app.decorate('notifications', runtime);

    let pushes = Promise.resolve();
    /** Sends the current unread count to the sockets of the given users (all signed-in sockets when null). */
    const pushCounts = (changed: Set<number> | null) => {
      pushes = pushes
        .then(async () => {
          const sockets = [...app.liveHub.clients].filter(
            (client) => client.user && (!changed || changed.has(client.user.id)),
          );
          if (sockets.length === 0) return;
          const counts = await countUnreadOf(db, [...new Set(sockets.map((client) => client.user!.id))]);
          for (const client of sockets) {
            if (client.socket.readyState !== client.socket.OPEN) continue;
            const message: UnreadMessage = { type: 'notifications', unread: counts.get(client.user!.id) ?? 0 };
            client.socket.send(JSON.stringify(message));
          }
        })
        .catch((error) => app.log.error({ err: error }, 'unread count push failed'));
    };
    const unlisten = await app.database.listen(NOTIFICATIONS_CHANNEL, {
      onNotify: (payload) => pushCounts(new Set(payload.split(',').map(Number))),
      // Counts that changed while the listening connection was down were never announced.
      onRestored: () => pushCounts(null),
    });

    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | null = null;
    if (config.backgroundJobs) {
      const mail = transport ?? (config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : undefined);
      const tick = async () => {
        await announceWeekOpenings(db);
        await announceOverdueTranslations(db);
        for (const announce of announcers) await announce(db);
        await queueDueBatches(db);
        await queueDueDigests(db);
        if (mail) {
          const render = await runtime.renderContext();
          while ((await deliverDue(db, { ...render, transport: mail, from: config.mailFrom })) > 0);
        }
      };
      // A tick still running when the next is due is not doubled: the next one catches up.
      timer = setInterval(() => {
        running ??= tick()
          .catch((error) => app.log.error({ err: error }, 'notification jobs failed'))
          .finally(() => {
            running = null;
          });
      }, TICK_MS);
      timer.unref();
    }

    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
      await running;
      await unlisten();
      await pushes;
    });
  },
  { name: 'notifications', dependencies: ['db', 'realtime'] },
);
