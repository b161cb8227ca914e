// The benchmark's own PostgreSQL database: dropped and created afresh on every run so runs
// are repeatable. Because it drops a database, it refuses any whose name does not say
// "bench" — a DATABASE_URL left pointing at a real site must never be wiped by `npm run bench`.
import pg from 'pg';

export class BenchSetupError extends Error {}

export function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new BenchSetupError(`Unusable database name "${name}" in DATABASE_URL`);
  if (!name.includes('bench')) {
    throw new BenchSetupError(
      `Refusing to drop and recreate "${name}": the benchmark's database name must contain "bench" (e.g. tertulia_bench)`,
    );
  }
  return name;
}

/** Drops and recreates the database named by the URL, through the server's `postgres` database. */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString(), connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new BenchSetupError(
      `PostgreSQL is unreachable at ${adminUrl.host} (${reason}).\n` +
        '  Start it (e.g. pg_ctlcluster --skip-systemctl-redirect 15 main start) or set DATABASE_URL.',
    );
  }
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
}
