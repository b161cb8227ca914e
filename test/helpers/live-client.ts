// A websocket client of /api/live for tests: collects messages and waits for the ones wanted.
import WebSocket from 'ws';

export interface LiveTestClient {
  messages: Record<string, unknown>[];
  send(message: unknown): void;
  waitFor(predicate: (message: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
  /** Resolves with the close code once the server (or the client) has closed the socket. */
  closed(timeoutMs?: number): Promise<number>;
  readonly isOpen: boolean;
  close(): Promise<void>;
}

export async function connectLive(baseUrl: string, cookie?: string): Promise<LiveTestClient> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/live`, { headers: cookie ? { cookie } : {} });
  const messages: Record<string, unknown>[] = [];
  const waiters: { predicate: (m: Record<string, any>) => boolean; resolve: (m: Record<string, any>) => void }[] = [];
  socket.on('message', (raw) => {
    // ws hands a Buffer: binaryType is left at nodebuffer.
    const message = JSON.parse((raw as Buffer).toString());
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  const closeCode = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    messages,
    send: (message) => socket.send(JSON.stringify(message)),
    waitFor(predicate, timeoutMs = 5000) {
      const seen = messages.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(messages)}`)),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    closed(timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs);
        void closeCode.then((code) => {
          clearTimeout(timer);
          resolve(code);
        });
      });
    },
    get isOpen() {
      return socket.readyState === socket.OPEN;
    },
    close: () =>
      new Promise((resolve) => {
        if (socket.readyState === socket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}
