// Counting the SQL statements one HTTP request sends, shared by the benches that hold a route
// to a fixed statement count (bench/run.ts, bench/home.ts).
import type { ServerHandle } from './server-process.ts';

/** Statements one request sends, read on its second call so one-off work (pool connections, caches) is not counted. */
export async function statementsPerRequest(server: ServerHandle, url: string, cookie: string): Promise<number> {
  const get = async () => {
    const response = await fetch(url, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  await get();
  return (await server.traceStatements(get)).length;
}
