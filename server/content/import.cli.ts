// `npm run content:import [-- --reschedule]`: loads content/forums into the configured database.
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { importContent } from './import.service.ts';

const config = readConfig();
const database = await openDatabase(config);
try {
  await migrateToLatest(database.db);
  const result = await importContent(database.db, config.contentDir, { reschedule: process.argv.includes('--reschedule'), attachmentsDir: config.attachmentsDir });
  console.log(`Imported ${result.forums.join(', ')}: ${result.changedRows} row(s) changed.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
