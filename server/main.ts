// Starts the site: read config, open and migrate the database, seed the demo on a fresh
// site, listen, and close cleanly on SIGTERM/SIGINT so no request is cut mid-write.
import { mkdirSync } from 'node:fs';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemo } from './demo/demo-seed.ts';

const config = readConfig();
if (!config.databaseUrl && !config.dataDir.startsWith('memory://')) mkdirSync(config.dataDir, { recursive: true });
const database = await openDatabase(config);
await migrateToLatest(database.db);
const credentials = config.seedDemo ? await seedDemo(database.db, config) : [];

const app = await buildApp({ config, database });
let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'closing');
  const timer = setTimeout(() => process.exit(1), 10_000).unref();
  try {
    await app.close();
    // A request whose client hung up may still be writing: let it finish before the database goes.
    await app.handlersSettled();
    await database.close();
  } finally {
    clearTimeout(timer);
  }
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ host: config.host, port: config.port });
const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
if (credentials.length) {
  // Printed once: the accounts were created on this start and their passwords are not stored in clear.
  console.log('\nDemo accounts (shown only now, keep them):');
  for (const account of credentials)
    console.log(`  ${account.role.padEnd(15)} ${account.email}  password: ${account.password}`);
}
console.log(
  `\nTertulia is running on http://${shownHost}:${config.port}  (${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})\n`,
);
