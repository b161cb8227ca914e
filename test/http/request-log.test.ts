// What the log says about requests (server/http/request-log.ts): nothing at info for a normal one, a warning with method,
// url, status and duration for a slow one, an error for a failure.
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { buildApp } from '../../server/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { testConfig } from '../helpers/test-app.ts';

interface LogLine {
  level: number;
  msg: string;
  method?: string;
  url?: string;
  statusCode?: number;
  durationMs?: number;
}
const INFO = 30;
const WARN = 40;
const ERROR = 50;

let lines: LogLine[] = [];
let app: FastifyInstance;
let testDatabase: TestDatabase;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  app = await buildApp({ config: testConfig, database: testDatabase.database, logger: { level: 'debug', stream } });
  app.get('/test/slow', async () => {
    await sleep(600);
    return { ok: true };
  });
  app.get('/test/broken', async () => {
    throw new Error('broken on purpose');
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await testDatabase?.drop();
});
beforeEach(() => {
  lines = [];
});

const requestLines = () => lines.filter((line) => line.statusCode !== undefined);

describe('request logging', () => {
  it('logs a normal request at debug only, and nothing at info or above', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(lines.filter((line) => line.level >= INFO)).toEqual([]);
    expect(requestLines()).toEqual([
      expect.objectContaining({ level: 20, method: 'GET', url: '/healthz', statusCode: 200 }),
    ]);
  });

  it('logs a request slower than 500 ms as a warning with method, url, status and duration', async () => {
    await app.inject({ method: 'GET', url: '/test/slow?page=2' });
    const warnings = lines.filter((line) => line.level === WARN);
    expect(warnings).toEqual([
      expect.objectContaining({ msg: 'slow request', method: 'GET', url: '/test/slow?page=2', statusCode: 200 }),
    ]);
    expect(warnings[0]!.durationMs).toBeGreaterThanOrEqual(500);
  });

  it('logs a failed request as an error', async () => {
    const response = await app.inject({ method: 'GET', url: '/test/broken' });
    expect(response.statusCode).toBe(500);
    expect(requestLines()).toEqual([
      expect.objectContaining({ level: ERROR, method: 'GET', url: '/test/broken', statusCode: 500 }),
    ]);
  });

  it('does not count a live socket’s lifetime as a slow request', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/live`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    await sleep(700);
    socket.close();
    await new Promise((resolve) => socket.once('close', resolve));
    await sleep(50);
    expect(
      lines.filter((line) => line.level >= INFO && line.msg !== 'Server listening at http://127.0.0.1:' + port),
    ).toEqual([]);
  });
});
