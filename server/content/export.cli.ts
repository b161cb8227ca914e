// `npm run content:export -- <forum-slug> <dir>`: writes the forum's programme to
// <dir>/forums/<forum-slug>/, so `CONTENT_DIR=<dir> npm run content:import` reads it back.
// Refuses to write over a folder that already holds files.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { writeProgrammeFiles } from './content-writer.ts';
import { exportForumFiles } from './export.service.ts';

const [slug, dir] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
if (!slug || !dir) {
  console.error('Usage: npm run content:export -- <forum-slug> <dir>');
  process.exit(2);
}
const target = path.resolve(dir, 'forums', slug);
if (existsSync(target) && readdirSync(target).length > 0) {
  console.error(`${target} already holds files: choose an empty folder.`);
  process.exit(1);
}

const config = readConfig();
const database = await openDatabase(config);
try {
  await migrateToLatest(database.db);
  const files = await exportForumFiles(database.db, slug, { attachmentsDir: config.attachmentsDir });
  if (!files) {
    console.error(`No forum "${slug}".`);
    process.exitCode = 1;
  } else {
    writeProgrammeFiles(target, files);
    console.log(`Exported ${slug} to ${target}: ${files.length} file(s).`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
