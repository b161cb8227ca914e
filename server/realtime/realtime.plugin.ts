// Live updates over @fastify/websocket. Each instance LISTENs on the events channel of the
// shared database and fans out to its own sockets, so instances need no other broker.
// The protocol is described in live-socket.ts.
import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import { isSiteOrigin, type SiteOriginOptions } from '../http/site-origin.ts';
import { EventStream } from './event-stream.ts';
import { LiveHub } from './live-hub.ts';
import { acceptLiveSocket } from './live-socket.ts';

declare module 'fastify' {
  interface FastifyInstance {
    liveHub: LiveHub;
    /** `ready` is false while this instance is not hearing every committed event (see /readyz). */
    eventStream: EventStream;
  }
}

export default fp<{ allowedOrigins: readonly string[] } & SiteOriginOptions>(
  async (app, { allowedOrigins, ...site }) => {
    const hub = new LiveHub(app.db, (error, what) => app.log.error({ err: error }, what));
    const stream = new EventStream(app.database, hub, app.log);
    app.decorate('liveHub', hub);
    app.decorate('eventStream', stream);
    await stream.start();

    app.addHook('preClose', async () => {
      for (const client of hub.clients) client.socket.close(1001, 'server closing');
    });
    app.addHook('onClose', async () => {
      await stream.stop();
    });

    await app.register(websocket, {
      options: {
        maxPayload: 16 * 1024,
        // The handshake carries the user's cookie: a browser page of another site must not open
        // it. Browsers always send Origin here; non-browser clients send none.
        verifyClient: ({ origin, req }, done) => {
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- ws types it string; a client may send none
          if (origin === undefined || allowedOrigins.includes(origin)) return done(true);
          done(isSiteOrigin(origin, req, site), 403);
        },
      },
    });

    app.get(
      '/api/live',
      { websocket: true, config: { access: 'public' }, schema: { tags: ['realtime'], hide: true } },
      (socket, request) => {
        acceptLiveSocket(hub, socket, request);
      },
    );
  },
  { name: 'realtime', dependencies: ['db', 'auth'] },
);
