// `npm run admin -- create-user --email E --name N [--admin] [--organizer SLUG]... [--password P]`
// creates a site admin or a forum organizer on a real deployment. Without --password one is
// generated and printed once.
import { parseArgs } from 'node:util';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ensureAccount, generatePassword } from './accounts.service.ts';
import { PASSWORD_MIN_LENGTH } from './password.ts';

const usage =
  'usage: npm run admin -- create-user --email E --name N [--admin] [--organizer FORUM_SLUG]... [--password P]';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    admin: { type: 'boolean', default: false },
    organizer: { type: 'string', multiple: true, default: [] },
  },
});

if (
  positionals[0] !== 'create-user' ||
  !values.email ||
  !values.name ||
  (!values.admin && values.organizer.length === 0)
) {
  console.error(usage);
  process.exit(2);
}
if (values.password !== undefined && values.password.length < PASSWORD_MIN_LENGTH) {
  console.error(`The password needs at least ${PASSWORD_MIN_LENGTH} characters.`);
  process.exit(2);
}

const database = await openDatabase(readConfig());
try {
  await migrateToLatest(database.db);
  const password = values.password ?? generatePassword();
  const { created, verified } = await ensureAccount(database.db, {
    email: values.email,
    displayName: values.name,
    password,
    isAdmin: values.admin,
    roles: values.organizer.map((forumSlug) => ({ forumSlug, role: 'organizer' as const })),
  });
  console.log(
    created ? `Created ${values.email}.` : `${values.email} already existed; roles granted, password unchanged.`,
  );
  if (created && values.password === undefined) console.log(`Password (shown once): ${password}`);
  if (!verified)
    console.log(
      `${values.email} registered but has not followed the link emailed to it yet: it cannot sign in until it does.`,
    );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
