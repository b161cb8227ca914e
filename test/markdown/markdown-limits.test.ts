// One author's Markdown cannot stall the server: deep nesting is refused on the source before
// any parsing, slow texts are rendered in a worker under a time limit, and everybody else is
// served meanwhile. Refused texts get a localized 4xx and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NESTING, nestingDepth } from '../../server/markdown/markdown-limits.ts';
import { RENDER_TIME_LIMIT_MS, renderContentMarkdown, renderMarkdown } from '../../server/markdown/markdown.ts';
import { WorkerPool } from '../../server/markdown/worker-pool.ts';
import { DomainError } from '../../server/errors/domain-error.ts';
import { importFixture, member, newKey, startThread, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** A render that finishes within its limit, or the worker is ended: an answer comes either way. */
const ANSWER_BOUND_MS = RENDER_TIME_LIMIT_MS + 15_000;

describe('nesting measured on the source', () => {
  it('counts quote and list markers opened on a line, and nested indentation', () => {
    expect(nestingDepth('Plain text\n\nand more')).toBe(0);
    expect(nestingDepth('> quoted\n>> twice\n> > > three')).toBe(3);
    expect(nestingDepth('- a\n  - b\n    - c')).toBe(3);
    expect(nestingDepth('1. one\n2) two\n- > - quoted item')).toBe(3);
    expect(nestingDepth('>'.repeat(30_000))).toBe(MAX_NESTING + 1);
  });

  it('does not count a thematic break, a number that ends a sentence, or code indentation in a fence', () => {
    expect(nestingDepth('- - - - - - - - - - - - - - - - - - - -')).toBe(0);
    expect(nestingDepth('> * * * * * * * * * * * * * * * * * * *')).toBe(1);
    expect(nestingDepth('In 2009. the forum ran')).toBe(0);
    expect(nestingDepth('```\n' + ' '.repeat(60) + 'deep()\n```\n- after')).toBe(1);
  });

  it('refuses a deep text before rendering it, and a text over the length limit', async () => {
    for (const depth of [4_000, 30_000]) {
      const error = await renderMarkdown('>'.repeat(depth) + ' a', { field: 'bodyMd' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'too_deeply_nested', params: { field: 'bodyMd', max: MAX_NESTING } });
    }
    await expect(renderMarkdown('- '.repeat(MAX_NESTING + 1) + 'item', { field: 'bodyMd' })).rejects.toMatchObject({
      code: 'too_deeply_nested',
    });
    await expect(renderMarkdown('a'.repeat(50_001), { field: 'bodyMd' })).rejects.toMatchObject({
      code: 'too_long',
      params: { field: 'bodyMd', max: 50_000 },
    });
    // The site's own content files, rendered in place at import, are held to the same limits.
    expect(() => renderContentMarkdown('>'.repeat(30_000), 'call.en.md')).toThrow(
      expect.objectContaining({ code: 'too_deeply_nested', params: { field: 'call.en.md', max: MAX_NESTING } }),
    );
    expect(() => renderContentMarkdown('a'.repeat(50_001), 'call.en.md')).toThrow(
      expect.objectContaining({ code: 'too_long' }),
    );
    expect(await renderMarkdown('>'.repeat(MAX_NESTING) + ' deep enough', { field: 'bodyMd' })).toContain(
      'deep enough',
    );
  });
});

describe('hostile Markdown through the API', () => {
  let t: TestApp;
  let ana: Member;
  let ben: Member;

  /** Two authors at once start both workers (a timed-out render ends its worker): what follows is about renders, not start-up. */
  async function warmUp() {
    await Promise.all(
      [ana, ben].map((author) =>
        t.post('/api/markdown/preview').set('Cookie', author.cookie).send({ bodyMd: 'warm *up*' }).expect(200),
      ),
    );
  }

  beforeAll(async () => {
    t = await createTestApp();
    await importFixture(t);
    [ana, ben] = [await member(t, 'participant', 'es'), await member(t, 'participant')];
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses 4,000 and 30,000 nested quotes in a preview, in the caller’s language', async () => {
    for (const depth of [4_000, 30_000]) {
      const response = await t
        .post('/api/markdown/preview')
        .set('Cookie', ana.cookie)
        .set('Accept-Language', 'es')
        .send({ bodyMd: '>'.repeat(depth) })
        .expect(400);
      expect(response.body.error).toEqual({
        code: 'too_deeply_nested',
        message: `«Texto» anida citas o listas en más de ${MAX_NESTING} niveles. Simplifique su estructura e inténtelo de nuevo.`,
      });
    }
  });

  it('refuses a deeply nested post, reply or edit and stores nothing', async () => {
    const { threadId, firstPostId } = await startThread(t, ana);
    const deep = '>'.repeat(4_000) + ' cita';
    const before = await t.db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const events = await t.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const thread = await t
      .post('/api/forums/fixture-live/weeks/2/threads')
      .set('Cookie', ana.cookie)
      .send({ title: 'Profundo', bodyMd: deep, lang: 'es', idempotencyKey: newKey() })
      .expect(400);
    expect(thread.body.error.code).toBe('too_deeply_nested');
    const replied = await t
      .post(`/api/threads/${threadId}/posts`)
      .set('Cookie', ana.cookie)
      .send({ bodyMd: deep, lang: 'es', idempotencyKey: newKey() })
      .expect(400);
    expect(replied.body.error.code).toBe('too_deeply_nested');
    const edited = await t
      .patch(`/api/posts/${firstPostId}`)
      .set('Cookie', ana.cookie)
      .send({ bodyMd: deep, lang: 'es', baseRevision: 1 })
      .expect(400);
    expect(edited.body.error.code).toBe('too_deeply_nested');
    expect(
      await t.db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual(before);
    expect(
      await t.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual(events);
    expect(
      (await t.db.selectFrom('posts').select('revision').where('id', '=', firstPostId).executeTakeFirstOrThrow())
        .revision,
    ).toBe(1);
  });

  it('answers unclosed links and strikethrough runs within the time limit: rendered, or refused as too complex', async () => {
    await warmUp();
    for (const bodyMd of ['[a]('.repeat(12_000), 'a~~b'.repeat(12_000)]) {
      const started = Date.now();
      const response = await t
        .post('/api/markdown/preview')
        .set('Cookie', ana.cookie)
        .set('Accept-Language', 'fr')
        .send({ bodyMd });
      expect(Date.now() - started).toBeLessThan(ANSWER_BOUND_MS);
      if (response.status === 200) expect(response.body.html).toMatch(/^<p>/);
      else
        expect(response.body.error).toEqual({
          code: 'too_complex',
          message: expect.stringMatching(/^«\u00a0Texte\u00a0» n’a pas pu être mis en forme à temps/),
        });
    }
  });

  it('serves everybody else while one author’s slow text renders, then refuses that text', async () => {
    await warmUp();
    // Eight thousand separate quotes: shallow, but the parser's work grows with their square.
    const slow = t
      .post('/api/markdown/preview')
      .set('Cookie', ana.cookie)
      .send({ bodyMd: '> a\n\n'.repeat(8_000) })
      .then((response) => ({ response, at: Date.now() }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const forums = await t.get('/api/forums').expect(200);
    const preview = await t
      .post('/api/markdown/preview')
      .set('Cookie', ben.cookie)
      .send({ bodyMd: 'Una *idea* corta' })
      .expect(200);
    const servedAt = Date.now();
    expect(forums.body.forums.length).toBeGreaterThan(0);
    expect(preview.body.html).toBe('<p>Una <em>idea</em> corta</p>');
    const { response, at } = await slow;
    expect(servedAt).toBeLessThan(at);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('too_complex');
  });
});

describe('the worker pool', () => {
  const options = {
    size: 1,
    timeoutMs: 2_000,
    startTimeoutMs: 60_000,
    idleMs: 1_000,
    maxQueued: 10,
    maxPerOwner: 2,
    resourceLimits: { maxOldGenerationSizeMb: 32 },
  };
  const fixture = new URL('../fixtures/workers/echo-or-hog.worker.ts', import.meta.url);

  it('ends a worker that exhausts its memory or its time, fails only that task, and serves the next', async () => {
    const pool = new WorkerPool({ ...options, file: fixture });
    expect(await pool.run('first')).toBe('first');
    await expect(pool.run('hog')).rejects.toMatchObject({ reason: 'crashed' });
    expect(await pool.run('after the crash')).toBe('after the crash');
    await expect(pool.run('spin')).rejects.toMatchObject({ reason: 'timeout' });
    expect(await pool.run('after the timeout')).toBe('after the timeout');
  });

  it('refuses an owner’s tasks beyond their share, and fails what waits when no worker can start', async () => {
    const pool = new WorkerPool({ ...options, file: fixture });
    const running = [pool.run('a', 'user:1'), pool.run('b', 'user:1')];
    await expect(pool.run('c', 'user:1')).rejects.toMatchObject({ reason: 'busy' });
    expect(await Promise.all(running)).toEqual(['a', 'b']);

    const broken = new WorkerPool({
      ...options,
      file: new URL('../fixtures/workers/missing.worker.ts', import.meta.url),
    });
    await expect(broken.run('x')).rejects.toMatchObject({ reason: 'unavailable' });
  });
});
