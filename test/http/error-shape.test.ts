// Every error the HTTP layer can give has the one shape, `{ error: { code, message } }`, with a
// message in the caller's language and nothing left uninterpolated: errors Node's parser
// raises before Fastify sees a request, Fastify's own before routing, and every domain code
// in every locale, with the parameters its throw sites actually pass.
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../server/auth/accounts.service.ts';
import { errorCodes, type ErrorCode } from '../../server/errors/domain-error.ts';
import { formatErrorMessage } from '../../server/i18n/error-message.ts';
import { languages, translatorFor } from '../../server/i18n/i18n.ts';
import { projectRoot } from '../../server/project-root.ts';
import { importFixture, LIVE, member, startThread, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, ORIGIN, type TestApp } from '../helpers/test-app.ts';

interface RawResponse {
  status: number;
  headers: string;
  body: unknown;
}

/** Splits what a server wrote on one connection into its HTTP responses. */
function parseResponses(stream: Buffer): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = stream;
  while (rest.length > 0) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) throw new Error(`an incomplete response: ${rest.toString()}`);
    const headers = rest.subarray(0, end).toString('latin1');
    const length = Number(/^content-length:\s*(\d+)/im.exec(headers)?.[1] ?? 0);
    const body = rest.subarray(end + 4, end + 4 + length).toString('utf8');
    responses.push({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1]), headers, body: JSON.parse(body) });
    rest = rest.subarray(end + 4 + length);
  }
  return responses;
}

const ERROR_SHAPE = { error: { code: expect.any(String), message: expect.any(String) } };

describe('errors raised before a route runs', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Sends raw bytes on a new connection and reads until the server closes it. */
  function raw(request: string): Promise<RawResponse[]> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      const socket = connect(port, '127.0.0.1', () => socket.end(request));
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        try {
          resolve(parseResponses(Buffer.concat(chunks)));
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  const headers = `Host: tertulia.test\r\nOrigin: ${ORIGIN}\r\nAccept-Language: es\r\n`;

  it('answers a body longer than its Content-Length in the API’s shape', async () => {
    const responses = await raw(
      `POST /api/auth/sign-in HTTP/1.1\r\n${headers}Content-Type: application/json\r\nContent-Length: 5\r\n\r\n{"email":"a@b.c","password":"x"}`,
    );
    expect(responses.length).toBeGreaterThan(0);
    for (const response of responses) expect(response.body).toEqual(ERROR_SHAPE);
    expect(responses.at(-1)).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'malformed_request',
          message: 'No se pudo leer su solicitud. Vuelva a cargar la página e inténtelo de nuevo.',
        },
      },
    });
  });

  it('answers what Node’s parser refuses, in the language its headers asked for when it read them', async () => {
    const cases: [string, number, string][] = [
      [
        `POST /api/auth/sign-in HTTP/1.1\r\n${headers}Content-Type: application/json\r\nContent-Length: many\r\n\r\n{}`,
        400,
        'malformed_request',
      ],
      [`BREW /api/forums HTTP/1.1\r\n${headers}\r\n`, 400, 'malformed_request'],
      [`GET /api/forums HTTP/1.1\r\n${headers}Bad Header: x\r\n\r\n`, 400, 'malformed_request'],
      [
        `POST /api/auth/sign-in HTTP/1.1\r\n${headers}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
        400,
        'malformed_request',
      ],
      ['not http at all\r\n\r\n', 400, 'malformed_request'],
    ];
    for (const [request, status, code] of cases) {
      const [response, ...more] = await raw(request);
      expect(more).toEqual([]);
      expect(response).toMatchObject({ status, body: { error: { code } } });
      expect(response!.headers).toMatch(/^content-type: application\/json; charset=utf-8$/im);
    }
    const [overflow] = await raw(`GET /api/forums HTTP/1.1\r\n${headers}X-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(overflow).toMatchObject({
      status: 431,
      body: {
        error: {
          code: 'headers_too_large',
          message: expect.stringMatching(/^Su solicitud llevaba demasiados datos de encabezado/),
        },
      },
    });
  });

  it('answers Fastify’s own errors in the caller’s language: a malformed URL, an overlong path, a bad body, an unknown media type', async () => {
    const cases: [string, number, string][] = [
      [
        `GET /api/forums/%E0%A4%A HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`,
        400,
        'No se pudo leer su solicitud. Vuelva a cargar la página e inténtelo de nuevo.',
      ],
      [
        `GET /api/forums/${'a'.repeat(200)} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`,
        404,
        'No encontramos lo que busca.',
      ],
      [`DELETE /api/forums HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`, 404, 'No encontramos lo que busca.'],
      [
        `POST /api/auth/sign-in HTTP/1.1\r\n${headers}Content-Type: application/json\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{x}`,
        400,
        'Revise «El formulario»: falta o no es válido.',
      ],
      [
        `POST /api/auth/sign-in HTTP/1.1\r\n${headers}Content-Type: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
        400,
        'Revise «El formulario»: falta o no es válido.',
      ],
      [
        `POST /api/auth/sign-in HTTP/1.1\r\n${headers}Content-Type: application/xml\r\nContent-Length: 4\r\nConnection: close\r\n\r\n<a/>`,
        415,
        'Este tipo de contenido no se admite aquí.',
      ],
      [
        `POST /api/auth/sign-in HTTP/1.1\r\n${headers}Content-Type: application/json\r\nContent-Encoding: compress\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
        415,
        'Este tipo de contenido no se admite aquí.',
      ],
      [
        `POST /api/auth/sign-in HTTP/1.1\r\n${headers}Content-Type: application/json\r\nContent-Length: 2000000\r\nConnection: close\r\n\r\n{`,
        413,
        'Lo que envió es demasiado grande.',
      ],
    ];
    for (const [request, status, message] of cases) {
      const [response] = await raw(request);
      expect(response, request.slice(0, 60)).toMatchObject({ status, body: { error: { message } } });
      expect(response!.body).toEqual(ERROR_SHAPE);
    }
  });
});

describe('every error code in every language', () => {
  /** A value of the type each parameter name stands for, as the code passes it. */
  const representative: Record<string, string | number | Date> = {
    field: 'bodyMd',
    notificationType: 'invitation',
    max: 200,
    number: 3,
    opensAt: new Date('2026-12-01T05:00:00Z'),
    name: 'Ana Pérez',
    line: 4,
    timeZone: 'America/La_Paz',
    term: 'economía social',
    column: 'note',
    removed: 12,
    type: 'thread.posted',
    count: 320,
    deadlineOn: '2026-12-15',
    startsOn: '2027-01-13',
    from: 'es',
    to: 'en',
    email: 'ana@example.org',
    slug: 'sse-policy',
    taken: 9,
    inWeek: 3,
    key: 'quebec',
    region: 'Quebec',
    forum: 'Economía social 2009',
  };
  /** Supplied by formatErrorMessage itself, never by a throw site. */
  const supplied = new Set(['readerTimeZone']);
  const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((match) => match[1]!);

  it('has a message for every code in en, es and fr, complete with representative parameters', () => {
    for (const code of errorCodes) {
      for (const lang of languages) {
        // A counted message has only plural forms (`too_many_words_one`, `_other`): read the plural one.
        const template = translatorFor(lang)(code, { count: 2, skipInterpolation: true });
        expect(template, `${lang}: ${code} has no message`).not.toBe(code);
        const names = placeholders(template).filter((name) => !supplied.has(name));
        for (const name of names)
          expect(representative, `${code}: give "${name}" a representative value`).toHaveProperty(name);
        const message = formatErrorMessage(
          lang,
          'America/Bogota',
          code,
          Object.fromEntries(names.map((name) => [name, representative[name]])),
        );
        expect(message, `${lang}: ${code}`).not.toMatch(/\{\{|\}\}|undefined|null|NaN|Invalid Date|\[object/);
        expect(message.trim(), `${lang}: ${code}`).not.toBe('');
      }
    }
  });

  it('is thrown with every parameter its message needs, and none left as a question mark', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith('.ts')) sources.push(file);
      }
    };
    walk(path.join(projectRoot, 'server'));
    const known = new Set<string>(errorCodes);
    let sites = 0;
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/new DomainError\('(\w+)'(?:,\s*\{([^}]*)\})?\)/g)) {
        const [, code, params] = match;
        const where = `${path.relative(projectRoot, file)}: ${match[0]}`;
        expect(known.has(code!), where).toBe(true);
        const given = new Set(
          (params ?? '')
            .split(',')
            .map((part) => /^\s*(\w+)\s*(?::|$)/.exec(part)?.[1])
            .filter(Boolean),
        );
        const needed = new Set(
          languages
            .flatMap((lang) => placeholders(translatorFor(lang)(code as ErrorCode)))
            .filter((name) => !supplied.has(name)),
        );
        for (const name of needed) expect(given.has(name), `${where} does not pass "${name}"`).toBe(true);
        expect(params ?? '', where).not.toMatch(/:\s*'\?'/);
        sites++;
      }
    }
    expect(sites).toBeGreaterThan(40);
  });
});

describe('messages name what they mean', () => {
  let t: TestApp;
  let lucia: Member;
  let first: Member;
  let second: Member;

  beforeAll(async () => {
    t = await createTestApp();
    await importFixture(t);
    [lucia, first, second] = [
      await member(t, 'participant', 'es'),
      await member(t, 'participant'),
      await member(t, 'participant', 'es'),
    ];
    await ensureAccount(t.db, {
      email: first.email,
      displayName: 'Primera',
      password: first.password,
      roles: [{ forumSlug: LIVE, role: 'translator' }],
    });
    await ensureAccount(t.db, {
      email: second.email,
      displayName: 'Segunda',
      password: second.password,
      roles: [{ forumSlug: LIVE, role: 'translator' }],
    });
    await t.db.updateTable('users').set({ display_name: 'Inés Quispe' }).where('id', '=', first.id).execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names the translator who holds a task, and says when one’s own claim has lapsed', async () => {
    const { firstPostId } = await startThread(t, lucia, 2, { lang: 'es', bodyMd: 'Texto para traducir' });
    const task = (
      await t.db
        .selectFrom('translation_tasks')
        .select('id')
        .where('item_type', '=', 'post')
        .where('item_id', '=', firstPostId)
        .executeTakeFirstOrThrow()
    ).id;
    await t.post(`/api/translation-tasks/${task}/claim`).set('Cookie', first.cookie).expect(200);
    const taken = await t
      .post(`/api/translation-tasks/${task}/claim`)
      .set('Cookie', second.cookie)
      .set('Accept-Language', 'es')
      .expect(409);
    expect(taken.body.error).toEqual({
      code: 'task_taken',
      message: 'Inés Quispe ya está traduciendo esto. Elija otra tarea.',
    });
    const publishing = await t
      .post(`/api/translation-tasks/${task}/publish`)
      .set('Cookie', second.cookie)
      .set('Accept-Language', 'es')
      .send({ bodyMd: 'Text' })
      .expect(409);
    expect(publishing.body.error.message).toBe('Inés Quispe ya está traduciendo esto. Elija otra tarea.');
    const drafting = await t
      .put(`/api/translation-tasks/${task}/draft`)
      .set('Cookie', second.cookie)
      .set('Accept-Language', 'en')
      .send({ bodyMd: 'Text' })
      .expect(409);
    expect(drafting.body.error).toEqual({
      code: 'task_taken',
      message: 'Inés Quispe is already translating this. Pick another task.',
    });

    await t.db
      .updateTable('translation_tasks')
      .set({ claim_expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', task)
      .execute();
    const lapsed = await t
      .post(`/api/translation-tasks/${task}/publish`)
      .set('Cookie', first.cookie)
      .set('Accept-Language', 'fr')
      .send({ bodyMd: 'Text' })
      .expect(409);
    expect(lapsed.body.error.code).toBe('claim_expired');
    expect(lapsed.body.error.message).toMatch(/^Cette tâche n’est plus à vous/);
    expect(await t.db.selectFrom('translations').select('id').where('item_id', '=', firstPostId).execute()).toEqual([]);
  });
});
