// Input a hostile or careless client sends: control characters in any text field, ids beyond
// their column's range, names and titles that show nothing. Each gets a 400 naming the field,
// in the caller's language, and changes nothing; names are stored normalized.
import { fieldLabel } from '../../server/i18n/field-labels.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../server/auth/accounts.service.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, newKey, reply, startThread, type Member } from '../helpers/forum-fixture.ts';

let t: TestApp;
let ana: Member;
let ben: Member;
let organizer: Member;
let translator: Member;

const BEYOND_INT4 = 2_147_483_648;

/** A 400 `validation` naming the field, in Spanish. */
function expectValidation(
  response: { status: number; body: { error?: { code: string; message: string } } },
  field: string,
) {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.body.error).toEqual({
    code: 'validation',
    message: `Revise «${fieldLabel('es', field)}»: falta o no es válido.`,
  });
}

async function taskFor(itemType: 'post' | 'thread_title', itemId: number) {
  return (
    await t.db
      .selectFrom('translation_tasks')
      .select('id')
      .where('item_type', '=', itemType)
      .where('item_id', '=', itemId)
      .executeTakeFirstOrThrow()
  ).id;
}

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
  [ana, ben, organizer, translator] = [
    await member(t, 'participant', 'es'),
    await member(t, 'participant'),
    await member(t, 'organizer'),
    await member(t, 'participant'),
  ];
  await ensureAccount(t.db, {
    email: translator.email,
    displayName: 'Traductora',
    password: translator.password,
    roles: [{ forumSlug: LIVE, role: 'translator' }],
  });
});
afterAll(async () => {
  await t?.close();
});

describe('control characters in text fields', () => {
  const controls = ['\u0000', '\u0001', '\u001b', '\u007f'];

  it('refuses them in posts, titles, edits, drafts and previews, naming the field, and stores nothing', async () => {
    const { threadId, firstPostId } = await startThread(t, ana);
    const posts = await t.db.selectFrom('posts').select('id').execute();
    for (const control of controls) {
      const text = `antes${control}después`;
      expectValidation(
        await t
          .post(`/api/forums/${LIVE}/weeks/2/threads`)
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ title: text, bodyMd: 'Cuerpo', lang: 'es', idempotencyKey: newKey() }),
        'title',
      );
      expectValidation(
        await t
          .post(`/api/forums/${LIVE}/weeks/2/threads`)
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ title: 'Título', bodyMd: text, lang: 'es', idempotencyKey: newKey() }),
        'bodyMd',
      );
      expectValidation(
        await t
          .post(`/api/threads/${threadId}/posts`)
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ bodyMd: text, lang: 'es', idempotencyKey: newKey() }),
        'bodyMd',
      );
      expectValidation(
        await t
          .patch(`/api/posts/${firstPostId}`)
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ bodyMd: text, lang: 'es', baseRevision: 1 }),
        'bodyMd',
      );
      expectValidation(
        await t
          .put(`/api/drafts/reply:thread:${threadId}`)
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ bodyMd: text, lang: 'es' }),
        'bodyMd',
      );
      expectValidation(
        await t
          .put(`/api/drafts/thread:week:1`)
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ title: text, bodyMd: 'x', lang: 'es' }),
        'title',
      );
      expectValidation(
        await t
          .post('/api/markdown/preview')
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ bodyMd: text }),
        'bodyMd',
      );
    }
    expect(await t.db.selectFrom('posts').select('id').execute()).toEqual(posts);
    expect(await t.db.selectFrom('drafts').selectAll().execute()).toEqual([]);
    expect(
      (await t.db.selectFrom('posts').select('revision').where('id', '=', firstPostId).executeTakeFirstOrThrow())
        .revision,
    ).toBe(1);
  });

  it('keeps tabs and line breaks, which texts need', async () => {
    const { threadId } = await startThread(t, ana);
    const post = await reply(t, ana, threadId, { bodyMd: 'Uno\tdos\r\n\r\nTres' });
    expect(post).toMatchObject({ markdown: 'Uno\tdos\r\n\r\nTres' });
  });

  it('refuses them in profile fields and registration, and changes nothing', async () => {
    const before = await t.db.selectFrom('users').selectAll().where('id', '=', ana.id).executeTakeFirstOrThrow();
    for (const field of ['displayName', 'organisation', 'region', 'country', 'timeZone']) {
      expectValidation(
        await t
          .patch('/api/me')
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ [field]: 'Ana\u0000María' }),
        field,
      );
    }
    expectValidation(
      await t
        .patch('/api/me')
        .set('Cookie', ana.cookie)
        .set('Accept-Language', 'es')
        .send({ organisation: 'Red\nde cooperativas' }),
      'organisation',
    );
    expect(await t.db.selectFrom('users').selectAll().where('id', '=', ana.id).executeTakeFirstOrThrow()).toEqual(
      before,
    );

    const registration = {
      email: 'nul@example.test',
      displayName: 'Nul\u0000Name',
      password: 'long enough pw',
      interfaceLang: 'es',
      readingLangs: ['es'],
      timeZone: 'UTC',
      acceptTerms: true,
    };
    expectValidation(await t.post('/api/auth/register').set('Accept-Language', 'es').send(registration), 'displayName');
    expectValidation(
      await t
        .post('/api/auth/sign-in')
        .set('Accept-Language', 'es')
        .send({ email: 'a\u0000@example.test', password: 'whatever pw' }),
      'email',
    );
    expect(await t.db.selectFrom('users').select('id').where('email', '=', registration.email).execute()).toEqual([]);
  });

  it('refuses them in reports, moderation reasons, glossary terms and translations', async () => {
    const { firstPostId, threadId } = await startThread(t, ana, 2, {
      lang: 'es',
      title: 'Glosario',
      bodyMd: 'Texto en español',
    });
    expectValidation(
      await t
        .post(`/api/posts/${firstPostId}/reports`)
        .set('Cookie', ben.cookie)
        .set('Accept-Language', 'es')
        .send({ reason: 'spam\u0000' }),
      'reason',
    );
    expectValidation(
      await t
        .post(`/api/posts/${firstPostId}/hide`)
        .set('Cookie', organizer.cookie)
        .set('Accept-Language', 'es')
        .send({ reason: 'spam\u0000' }),
      'reason',
    );
    expect(await t.db.selectFrom('reports').selectAll().where('post_id', '=', firstPostId).execute()).toEqual([]);

    expectValidation(
      await t
        .post(`/api/forums/${LIVE}/glossary`)
        .set('Cookie', organizer.cookie)
        .set('Accept-Language', 'es')
        .send({ en: 'social\u0000economy' }),
      'en',
    );
    expectValidation(
      await t
        .post(`/api/forums/${LIVE}/glossary`)
        .set('Cookie', organizer.cookie)
        .set('Accept-Language', 'es')
        .send({ en: 'ok', note: 'a\u0000b' }),
      'note',
    );
    const glossary = await t.db.selectFrom('glossary_terms').selectAll().execute();
    const csv = await t
      .put(`/api/forums/${LIVE}/glossary.csv`)
      .set('Cookie', organizer.cookie)
      .type('text/csv')
      .send('en,es,fr,note\nsocial\u0000economy,economía social,économie sociale,\n');
    expect(csv.status).toBe(400);
    expect(await t.db.selectFrom('glossary_terms').selectAll().execute()).toEqual(glossary);

    const task = await taskFor('post', firstPostId);
    await t.post(`/api/translation-tasks/${task}/claim`).set('Cookie', translator.cookie).expect(200);
    expectValidation(
      await t
        .put(`/api/translation-tasks/${task}/draft`)
        .set('Cookie', translator.cookie)
        .set('Accept-Language', 'es')
        .send({ bodyMd: 'Text\u0000' }),
      'bodyMd',
    );
    expectValidation(
      await t
        .post(`/api/translation-tasks/${task}/publish`)
        .set('Cookie', translator.cookie)
        .set('Accept-Language', 'es')
        .send({ bodyMd: 'Text\u0000' }),
      'bodyMd',
    );
    expectValidation(
      await t
        .post(`/api/posts/${firstPostId}/translations`)
        .set('Cookie', ana.cookie)
        .set('Accept-Language', 'es')
        .send({ targetLang: 'en', bodyMd: 'Text\u0000' }),
      'bodyMd',
    );
    expect(
      await t.db.selectFrom('translations').selectAll().where('item_id', 'in', [firstPostId, threadId]).execute(),
    ).toEqual([]);
  });

  it('refuses a lone surrogate, which JSON allows and UTF-8 cannot carry, and keeps a valid pair', async () => {
    const { threadId } = await startThread(t, ana);
    const before = await t.db.selectFrom('posts').select('id').execute();
    for (const escaped of ['\\ud800', '\\udfff', '\\udc00\\ud800']) {
      expectValidation(
        await t
          .post(`/api/threads/${threadId}/posts`)
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .set('Content-Type', 'application/json')
          .send(`{"bodyMd":"mitad ${escaped} de un par","lang":"es","idempotencyKey":"${newKey()}"}`),
        'bodyMd',
      );
      expectValidation(
        await t
          .patch('/api/me')
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .set('Content-Type', 'application/json')
          .send(`{"displayName":"Ana ${escaped}"}`),
        'displayName',
      );
    }
    expect(await t.db.selectFrom('posts').select('id').execute()).toEqual(before);
    const post = await reply(t, ana, threadId, { bodyMd: 'con emoji \ud83d\ude00 entero' });
    expect(post).toMatchObject({ markdown: 'con emoji 😀 entero' });
  });

  it('refuses NEL and every other Unicode line break or control in one-line names, and C1 controls in any text', async () => {
    const before = await t.db.selectFrom('users').selectAll().where('id', '=', ana.id).executeTakeFirstOrThrow();
    for (const breaker of ['\u0085', '\u2028', '\u2029', '\u000b', '\u000c', '\u0080', '\u009f', '\r', '\n']) {
      expectValidation(
        await t
          .patch('/api/me')
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ displayName: `Ana${breaker}María` }),
        'displayName',
      );
      expectValidation(
        await t
          .post(`/api/forums/${LIVE}/weeks/2/threads`)
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ title: `Uno${breaker}dos`, bodyMd: 'Cuerpo', lang: 'es', idempotencyKey: newKey() }),
        'title',
      );
    }
    expect(await t.db.selectFrom('users').selectAll().where('id', '=', ana.id).executeTakeFirstOrThrow()).toEqual(
      before,
    );
    const { threadId } = await startThread(t, ana);
    expectValidation(
      await t
        .post(`/api/threads/${threadId}/posts`)
        .set('Cookie', ana.cookie)
        .set('Accept-Language', 'es')
        .send({ bodyMd: 'uno\u0085dos', lang: 'es', idempotencyKey: newKey() }),
      'bodyMd',
    );
  });

  it('refuses a number, a boolean or an array where a text is expected, and stores nothing', async () => {
    const { threadId, firstPostId } = await startThread(t, ana);
    const before = await t.db.selectFrom('posts').select('id').execute();
    for (const bodyMd of [12345, true, ['texto'], { text: 'x' }]) {
      expectValidation(
        await t
          .post(`/api/threads/${threadId}/posts`)
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ bodyMd, lang: 'es', idempotencyKey: newKey() }),
        'bodyMd',
      );
      expectValidation(
        await t
          .patch(`/api/posts/${firstPostId}`)
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ bodyMd, lang: 'es', baseRevision: 1 }),
        'bodyMd',
      );
    }
    expectValidation(
      await t
        .post(`/api/forums/${LIVE}/weeks/2/threads`)
        .set('Cookie', ana.cookie)
        .set('Accept-Language', 'es')
        .send({ title: 2026, bodyMd: 'Cuerpo', lang: 'es', idempotencyKey: newKey() }),
      'title',
    );
    expect(await t.db.selectFrom('posts').select('id').execute()).toEqual(before);
    // Querystrings are still read as numbers and booleans.
    expect((await t.get(`/api/threads/${threadId}?page=1`).set('Cookie', ana.cookie)).status).toBe(200);
  });
});

describe('ids beyond their column', () => {
  it('refuses them in every id of a path, a query or a body with a 400 naming the field', async () => {
    const { threadId, firstPostId } = await startThread(t, ana);
    const task = await taskFor('post', (await reply(t, ana, threadId, { lang: 'es' })).id);
    const big = BEYOND_INT4;
    const cases: [Promise<{ status: number; body: { error?: { code: string; message: string } } }>, string][] = [
      [t.get(`/api/threads/${big}`).set('Accept-Language', 'es'), 'id'],
      [
        t
          .post(`/api/threads/${big}/posts`)
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ bodyMd: 'x', lang: 'es', idempotencyKey: newKey() }),
        'id',
      ],
      [
        t
          .post(`/api/threads/${threadId}/posts`)
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ parentId: big, bodyMd: 'x', lang: 'es', idempotencyKey: newKey() }),
        'parentId',
      ],
      [
        t
          .put(`/api/threads/${threadId}/read`)
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ lastReadPostId: big }),
        'lastReadPostId',
      ],
      [
        t
          .patch(`/api/posts/${firstPostId}`)
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ bodyMd: 'x', lang: 'es', baseRevision: big }),
        'baseRevision',
      ],
      [t.get(`/api/posts/${big}/revisions`).set('Accept-Language', 'es'), 'id'],
      [
        t
          .post(`/api/posts/${big}/reports`)
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ reason: 'spam' }),
        'id',
      ],
      [t.post(`/api/reports/${big}/resolve`).set('Cookie', organizer.cookie).set('Accept-Language', 'es'), 'id'],
      [t.get(`/api/translation-tasks/${big}`).set('Cookie', translator.cookie).set('Accept-Language', 'es'), 'id'],
      [
        t
          .post(`/api/translation-tasks/${task}/reassign`)
          .set('Cookie', organizer.cookie)
          .set('Accept-Language', 'es')
          .send({ userId: big }),
        'userId',
      ],
      [
        t
          .post('/api/translation-requests')
          .set('Cookie', organizer.cookie)
          .set('Accept-Language', 'es')
          .send({ kind: 'post', itemId: big, targetLang: 'fr' }),
        'itemId',
      ],
      [
        t
          .put(`/api/forums/${LIVE}/glossary/${big}`)
          .set('Cookie', organizer.cookie)
          .set('Accept-Language', 'es')
          .send({ en: 'x' }),
        'id',
      ],
      [
        t.delete(`/api/forums/${LIVE}/glossary/${big}`).set('Cookie', organizer.cookie).set('Accept-Language', 'es'),
        'id',
      ],
      [
        t.put(`/api/forums/${LIVE}/translators/${big}`).set('Cookie', organizer.cookie).set('Accept-Language', 'es'),
        'userId',
      ],
      [
        t
          .put(`/api/drafts/reply:thread:${big}`)
          .set('Cookie', ana.cookie)
          .set('Accept-Language', 'es')
          .send({ bodyMd: 'x', lang: 'es' }),
        'key',
      ],
      [t.get(`/api/threads/${threadId}?page=${big}`).set('Accept-Language', 'es'), 'page'],
    ];
    for (const [pending, field] of cases) {
      const response = await pending;
      expect(response.status, `${field}: ${JSON.stringify(response.body)}`).toBe(400);
      expect(response.body.error?.code).toBe('validation');
      expect(response.body.error?.message).toContain(`«${fieldLabel('es', field)}»`);
    }
  });
});

describe('ids that are not integers', () => {
  const notIntegers = ['Infinity', '-Infinity', '1e400', '1e3', '0x10', 'NaN', '1.5', '%201'];

  it("answers 400 naming the field for a sample of id and week routes, in the caller's language", async () => {
    const { threadId } = await startThread(t, ana);
    for (const value of notIntegers) {
      const cases: [Promise<{ status: number; body: { error?: { code: string; message: string } } }>, string][] = [
        [t.get(`/api/threads/${value}`).set('Cookie', ana.cookie).set('Accept-Language', 'es'), 'id'],
        [
          t
            .post(`/api/threads/${value}/posts`)
            .set('Cookie', ana.cookie)
            .set('Accept-Language', 'es')
            .send({ bodyMd: 'x', lang: 'es', idempotencyKey: newKey() }),
          'id',
        ],
        [t.get(`/api/posts/${value}/revisions`).set('Accept-Language', 'es'), 'id'],
        [t.get(`/api/forums/${LIVE}/weeks/${value}`).set('Cookie', ana.cookie).set('Accept-Language', 'es'), 'number'],
        [t.get(`/api/threads/${threadId}?page=${value}`).set('Accept-Language', 'es'), 'page'],
      ];
      for (const [pending, field] of cases) expectValidation(await pending, field);
    }
  });

  it('answers 400, never 500, on every registered route with a numeric path parameter', async () => {
    const admin = await member(t, null);
    await t.db.updateTable('users').set({ is_admin: true }).where('id', '=', admin.id).execute();
    const paths = (
      t.app.swagger() as {
        paths: Record<
          string,
          Record<string, { parameters?: { in: string; name: string; schema: { type?: string } }[] }>
        >;
      }
    ).paths;
    let checked = 0;
    for (const [openApiPath, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const numeric = (operation.parameters ?? [])
          .filter((p) => p.in === 'path' && (p.schema.type === 'integer' || p.schema.type === 'number'))
          .map((p) => p.name);
        if (numeric.length === 0) continue;
        for (const value of ['Infinity', '1e400']) {
          const url = openApiPath.replace(/\{([^}]+)\}/g, (_, name: string) =>
            numeric.includes(name) ? value : name === 'slug' ? LIVE : 'x',
          );
          const send = t[method as 'get' | 'post' | 'put' | 'patch' | 'delete'];
          const response = await send(url).set('Cookie', admin.cookie).set('Accept-Language', 'es');
          expect(response.status, `${method.toUpperCase()} ${url}: ${JSON.stringify(response.body)}`).toBe(400);
          expect(response.body.error?.code).toBe('validation');
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});

describe('names and titles that show nothing', () => {
  const invisible = [
    '\u200b\u200b',
    '\u202e',
    '\u2066\u2069',
    '\u3164',
    '\u2800\u2800',
    '\u200d',
    '\u00a0 \u2003',
    '\u0301',
  ];

  it('refuses a display name or a thread title made only of invisible characters', async () => {
    for (const name of invisible) {
      expectValidation(
        await t.patch('/api/me').set('Cookie', ben.cookie).set('Accept-Language', 'es').send({ displayName: name }),
        'displayName',
      );
      expectValidation(
        await t
          .post('/api/auth/register')
          .set('Accept-Language', 'es')
          .send({
            email: 'ghost@example.test',
            displayName: name,
            password: 'long enough pw',
            interfaceLang: 'es',
            readingLangs: ['es'],
            timeZone: 'UTC',
            acceptTerms: true,
          }),
        'displayName',
      );
      expectValidation(
        await t
          .post(`/api/forums/${LIVE}/weeks/2/threads`)
          .set('Cookie', ben.cookie)
          .set('Accept-Language', 'es')
          .send({ title: name, bodyMd: 'Cuerpo', lang: 'en', idempotencyKey: newKey() }),
        'title',
      );
    }
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'ghost@example.test').execute()).toEqual([]);
  });

  it('refuses a post, a report or a translation that shows nothing', async () => {
    const { threadId, firstPostId } = await startThread(t, ana, 2, { lang: 'es', bodyMd: 'Algo visible' });
    expectValidation(
      await t
        .post(`/api/threads/${threadId}/posts`)
        .set('Cookie', ana.cookie)
        .set('Accept-Language', 'es')
        .send({ bodyMd: '\u200b\u2060', lang: 'es', idempotencyKey: newKey() }),
      'bodyMd',
    );
    expectValidation(
      await t
        .post(`/api/posts/${firstPostId}/reports`)
        .set('Cookie', ben.cookie)
        .set('Accept-Language', 'es')
        .send({ reason: '\u3164' }),
      'reason',
    );
    expectValidation(
      await t
        .post(`/api/posts/${firstPostId}/translations`)
        .set('Cookie', ana.cookie)
        .set('Accept-Language', 'es')
        .send({ targetLang: 'en', bodyMd: '\u202e' }),
      'bodyMd',
    );
  });

  it('stores names and titles in NFC without the characters that hide or reorder text', async () => {
    const renamed = await t
      .patch('/api/me')
      .set('Cookie', ben.cookie)
      .send({ displayName: ' Jose\u0301\u202e Mar\u200bia \u2066' })
      .expect(200);
    expect(renamed.body.user.displayName).toBe('José Maria');
    const { body } = await startThread(t, ben, 2, { lang: 'es', title: 'Econom\u0131\u0301a\u200b \u202esocial' });
    expect(body.thread.title.value).toBe('Econom\u0131\u0301a social'.normalize('NFC'));
    // Emoji sequences keep their joiners.
    const emoji = await t.patch('/api/me').set('Cookie', ben.cookie).send({ displayName: 'Ben 👩‍💻' }).expect(200);
    expect(emoji.body.user.displayName).toBe('Ben 👩‍💻');
  });

  it('applies the same rule to a thread title’s translation', async () => {
    const { threadId } = await startThread(t, ana, 2, { lang: 'es', title: 'Finanzas', bodyMd: 'Texto' });
    const task = await taskFor('thread_title', threadId);
    await t.post(`/api/translation-tasks/${task}/claim`).set('Cookie', translator.cookie).expect(200);
    expectValidation(
      await t
        .post(`/api/translation-tasks/${task}/publish`)
        .set('Cookie', translator.cookie)
        .set('Accept-Language', 'es')
        .send({ bodyMd: '\u200b\u202e' }),
      'bodyMd',
    );
    await t
      .post(`/api/translation-tasks/${task}/publish`)
      .set('Cookie', translator.cookie)
      .send({ bodyMd: 'Fi\u202enance\u200b' })
      .expect(200);
    const stored = await t.db
      .selectFrom('translations')
      .select(['body_md', 'body_html'])
      .where('item_type', '=', 'thread_title')
      .where('item_id', '=', threadId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ body_md: 'Finance', body_html: 'Finance' });
  });
});
