// Counts route handlers still running. Fastify's close() resolves once the sockets are gone,
// but a handler whose client hung up keeps running, and may still be writing; the database
// must stay open until it finishes. `app.handlersSettled()` resolves when none are running.
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    handlersSettled(): Promise<void>;
  }
}

export default fp(
  async (app) => {
    let running = 0;
    let waiters: (() => void)[] = [];
    const settle = () => {
      if (running > 0) return;
      for (const wake of waiters) wake();
      waiters = [];
    };

    app.decorate('handlersSettled', () =>
      running === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
    );

    app.addHook('onRoute', (route) => {
      const handler = route.handler;
      route.handler = async function trackedHandler(this: unknown, ...args: Parameters<typeof handler>) {
        running++;
        try {
          return await (handler as (...a: typeof args) => unknown).apply(this, args);
        } finally {
          running--;
          settle();
        }
      };
    });
  },
  { name: 'in-flight' },
);
