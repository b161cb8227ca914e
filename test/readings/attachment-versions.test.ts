// A reading's files may come per language (the programme's `<reading>.files/<lang>/` folders):
// each reader gets the file in their first reading language, like the reading's text, and
// files for everyone stay; an export writes them back where they came from.
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContent } from '../../server/content/import.service.ts';
import { exportForumFiles } from '../../server/content/export.service.ts';
import type { Lang } from '../../server/db/schema.ts';
import { createTestApp, createUser, signIn, type TestApp } from '../helpers/test-app.ts';
import { fixtureContent, LIVE, type Member } from '../helpers/forum-fixture.ts';
import { PDF, PNG } from '../attachments/attachment-files.ts';

let t: TestApp;
let dir: string;
let files: string;

beforeAll(async () => {
  files = await mkdtemp(path.join(os.tmpdir(), 'tertulia-attachment-versions-'));
  t = await createTestApp({ attachmentsDir: files });
  dir = await mkdtemp(path.join(os.tmpdir(), 'tertulia-attachment-content-'));
  await cp(fixtureContent, dir, { recursive: true });
  // Week 1's reading (a Spanish original with English and French texts) ships its report in
  // Spanish and English, and one map for everyone.
  const attached = path.join(dir, 'forums/fixture/weeks/01/readings/1-solidarity.files');
  await mkdir(path.join(attached, 'es'), { recursive: true });
  await mkdir(path.join(attached, 'en'), { recursive: true });
  await writeFile(path.join(attached, 'es', '1-informe.pdf'), Buffer.concat([PDF, Buffer.from('es')]));
  await writeFile(path.join(attached, 'en', '1-report.pdf'), Buffer.concat([PDF, Buffer.from('en')]));
  await writeFile(path.join(attached, '2-mapa.png'), PNG);
  await importContent(t.db, dir, { attachmentsDir: files });
}, 180_000);
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
  await rm(files, { recursive: true, force: true });
});

async function reader(interfaceLang: Lang, readingLangs: Lang[]): Promise<Member> {
  const user = await createUser(t.db, {
    interfaceLang,
    readingLangs,
    roles: [{ forumSlug: LIVE, role: 'participant' }],
  });
  return { ...user, cookie: await signIn(t, user) };
}

async function attachments(who: Member) {
  const page = (await t.get(`/api/forums/${LIVE}/weeks/1/readings/solidarity`).set('Cookie', who.cookie).expect(200))
    .body.reading;
  return {
    text: page.body.lang,
    files: page.attachments.map((a: { fileName: string; lang: string | null }) => [a.fileName, a.lang]),
  };
}

describe('a reading’s files in several languages', () => {
  it('gives each reader the file in their first reading language, and the file for everyone', async () => {
    expect(await attachments(await reader('en', ['en', 'es']))).toEqual({
      text: 'en',
      files: [
        ['report.pdf', 'en'],
        ['mapa.png', null],
      ],
    });
    expect(await attachments(await reader('es', ['es', 'en']))).toEqual({
      text: 'es',
      files: [
        ['informe.pdf', 'es'],
        ['mapa.png', null],
      ],
    });
    // A Spanish-interface reader who also reads English gets the Spanish file, not the English one.
    expect(await attachments(await reader('es', ['en', 'es']))).toEqual({
      text: 'es',
      files: [
        ['informe.pdf', 'es'],
        ['mapa.png', null],
      ],
    });
    // No French file: the French reader who reads English gets the English one; one who reads only French, the original's.
    expect(await attachments(await reader('fr', ['fr', 'en']))).toEqual({
      text: 'fr',
      files: [
        ['report.pdf', 'en'],
        ['mapa.png', null],
      ],
    });
    expect(await attachments(await reader('fr', ['fr']))).toEqual({
      text: 'fr',
      files: [
        ['informe.pdf', 'es'],
        ['mapa.png', null],
      ],
    });
    // The week's table of contents counts the files a reader gets: two, not three.
    const week = (
      await t
        .get(`/api/forums/${LIVE}/weeks/1`)
        .set('Cookie', (await reader('es', ['es'])).cookie)
        .expect(200)
    ).body.week;
    expect(week.readings[0].attachmentCount).toBe(2);
  });

  it('imports once, and exports each file back into its language folder', async () => {
    expect((await importContent(t.db, dir, { attachmentsDir: files })).changedRows).toBe(0);
    const exported = await exportForumFiles(t.db, LIVE, { attachmentsDir: files });
    const paths = exported!
      .map((file) => file.path)
      .filter((p) => p.includes('.files/'))
      .sort();
    expect(paths).toEqual([
      'weeks/01/readings/1-solidarity.files/2-mapa.png',
      'weeks/01/readings/1-solidarity.files/en/1-report.pdf',
      'weeks/01/readings/1-solidarity.files/es/1-informe.pdf',
    ]);
    expect(await readdir(path.join(dir, 'forums/fixture/weeks/01/readings/1-solidarity.files'))).toEqual(
      expect.arrayContaining(['en', 'es']),
    );
  });
});
