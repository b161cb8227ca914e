// `npx tsx bench/proceedings.ts` (part of `npm run bench`): generating the three language editions
// of the bench forum's proceedings (HTML, PDF, CSV, JSON) with a selection of ≥ 1,000 and of
// ≥ 5,000 posts, in this process, as the job runs in an instance: time and peak RSS of each, and
// the RSS growth over the idle process (budget: ≤ 150 MB at 5,000 posts). Appends its section to
// bench/results.md. DATABASE_URL, default postgres://root@127.0.0.1:5432/tertulia_bench_proceedings (recreated).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB, Lang } from '../server/db/schema.ts';
import { openDatabase } from '../server/db/database.ts';
import { runNextEdition } from '../server/proceedings/proceedings-job.ts';
import { recreateDatabase } from './bench-database.ts';
import { seedForum, type SeededForum } from './seed.ts';
import { MEASURED_WEEK } from './settings.ts';

const databaseUrl = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/tertulia_bench_proceedings';
const SELECTIONS = [1_000, 5_000];
const LANGS: Lang[] = ['en', 'es', 'fr'];
const RSS_BUDGET_MB = 150;
const ELEMENTS = 240;

const mb = (bytes: number) => bytes / 1024 / 1024;

async function settledRss(): Promise<number> {
  for (let i = 0; i < 3; i += 1) {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return process.memoryUsage().rss;
}

/** Regions, themes, every member's choice (70 % named, 20 % anonymous, 10 % none) and accepted elements. */
async function seedSynthesis(db: Kysely<DB>, forum: SeededForum, threadIds: number[]) {
  const { id: forumId } = await db
    .selectFrom('forums')
    .select('id')
    .where('slug', '=', forum.slug)
    .executeTakeFirstOrThrow();
  const regionRows = await db
    .insertInto('forum_regions')
    .values(
      ['canada', 'mexico', 'andean', 'brazil', 'caribbean'].map((key, position) => ({
        forum_id: forumId,
        key,
        position,
        en: `Region ${key}`,
        es: `Región ${key}`,
        fr: `Région ${key}`,
      })),
    )
    .returning('id')
    .execute();
  const themeRows = await db
    .insertInto('forum_themes')
    .values(
      ['capital', 'procurement', 'legislation', 'coproduction'].map((key, position) => ({
        forum_id: forumId,
        key,
        position,
        en: `Theme ${key}`,
        es: `Tema ${key}`,
        fr: `Thème ${key}`,
      })),
    )
    .returning('id')
    .execute();
  const members = forum.memberIds;
  await db
    .insertInto('forum_member_regions')
    .values(
      members.map((user_id, i) => ({ forum_id: forumId, user_id, region_id: regionRows[i % regionRows.length]!.id })),
    )
    .execute();
  await db
    .insertInto('publication_consents')
    .values(
      members.map((user_id, i) => ({
        forum_id: forumId,
        user_id,
        choice: i % 10 === 0 ? ('none' as const) : i % 10 < 3 ? ('anonymous' as const) : ('named' as const),
      })),
    )
    .execute();
  // Elements cite posts of the selected threads, spread over them.
  const { rows: cited } = await sql<{ id: number; week_id: number }>`
    SELECT p.id, t.week_id FROM posts p JOIN threads t ON t.id = p.thread_id
     WHERE p.thread_id = ANY(${threadIds}::int[]) ORDER BY p.id`.execute(db);
  const step = Math.max(1, Math.floor(cited.length / (ELEMENTS * 2)));
  for (let i = 0; i < ELEMENTS; i += 1) {
    const a = cited[(i * 2 * step) % cited.length]!;
    const b = cited[((i * 2 + 1) * step) % cited.length]!;
    const body = `Elemento ${i}: fondos rotatorios y compras públicas para la economía solidaria, con participación de las cooperativas.`;
    const element = await db
      .insertInto('policy_elements')
      .values({
        forum_id: forumId,
        region_id: regionRows[i % regionRows.length]!.id,
        theme_id: themeRows[i % themeRows.length]!.id,
        status: 'accepted',
        original_lang: 'es',
        body_md: body,
        body_html: `<p>${body}</p>`,
        word_count: 16,
        proposed_by: members[i]!,
        idempotency_key: randomUUID(),
        week_id: a.week_id,
        endorsement_count: i % 7,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('policy_element_citations')
      .values(
        [a, b]
          .filter((c, k, all) => all.findIndex((x) => x.id === c.id) === k)
          .map((c) => ({
            element_id: element.id,
            item_type: 'post' as const,
            item_id: c.id,
            week_id: c.week_id,
            cited_by: members[i]!,
          })),
      )
      .execute();
  }
  return forumId;
}

/** The fewest threads (small ones first, for many threads) whose posts reach the target. */
function selectThreads(forum: SeededForum, target: number) {
  const chosen: number[] = [];
  let posts = 0;
  for (const thread of [...forum.threads].sort((a, b) => a.postCount - b.postCount || a.id - b.id)) {
    if (posts >= target) break;
    chosen.push(thread.id);
    posts += thread.postCount;
  }
  return { threadIds: chosen, posts };
}

interface Row {
  selection: number;
  posts: number;
  threads: number;
  lang: Lang;
  seconds: number;
  peakMb: number;
  growthMb: number;
  pdfMb: number;
  htmlMb: number;
}

async function main() {
  await recreateDatabase(databaseUrl);
  const database = await openDatabase({ databaseUrl, poolSize: 4 });
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-proceedings-'));
  const rows: Row[] = [];
  let idleMb: number;
  try {
    process.stdout.write('Seeding the forum … ');
    const forum = await seedForum(database.db, MEASURED_WEEK);
    const big = selectThreads(forum, Math.max(...SELECTIONS));
    const forumId = await seedSynthesis(database.db, forum, big.threadIds);
    const organizer = forum.memberIds[0]!;
    console.log(`${forum.seconds.toFixed(1)} s`);
    idleMb = mb(await settledRss());
    console.log(`Idle RSS ${idleMb.toFixed(0)} MB${globalThis.gc ? '' : ' (no --expose-gc: not collected first)'}`);
    for (const target of SELECTIONS) {
      const selection = selectThreads(forum, target);
      for (const lang of LANGS) {
        const before = mb(await settledRss());
        const { id } = await database.db
          .insertInto('proceedings_editions')
          .values({
            forum_id: forumId,
            lang,
            thread_ids: selection.threadIds,
            requested_by: organizer,
            idempotency_key: randomUUID(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        let peak = process.memoryUsage().rss;
        const sampler = setInterval(() => {
          peak = Math.max(peak, process.memoryUsage().rss);
        }, 10);
        const started = performance.now();
        const outcome = await runNextEdition(database.db, { proceedingsDir: dir });
        const seconds = (performance.now() - started) / 1000;
        clearInterval(sampler);
        peak = Math.max(peak, process.memoryUsage().rss);
        if (outcome !== 'done') {
          const row = await database.db
            .selectFrom('proceedings_editions')
            .select('last_error')
            .where('id', '=', id)
            .executeTakeFirst();
          throw new Error(`edition ${lang} at ${target} posts: ${outcome} (${row?.last_error})`);
        }
        const files = await database.db
          .selectFrom('proceedings_files')
          .selectAll()
          .where('edition_id', '=', id)
          .execute();
        const size = (f: string) => mb(files.find((x) => x.format === f)?.size_bytes ?? 0);
        const row: Row = {
          selection: target,
          posts: selection.posts,
          threads: selection.threadIds.length,
          lang,
          seconds,
          peakMb: mb(peak),
          growthMb: mb(peak) - idleMb,
          pdfMb: size('pdf'),
          htmlMb: size('html'),
        };
        rows.push(row);
        console.log(
          `${lang} edition, ${row.posts} posts in ${row.threads} threads: ${seconds.toFixed(1)} s, peak RSS ${row.peakMb.toFixed(0)} MB (+${row.growthMb.toFixed(0)} over idle; ${before.toFixed(0)} before), PDF ${row.pdfMb.toFixed(1)} MB, HTML ${row.htmlMb.toFixed(1)} MB`,
        );
      }
    }
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
  report(rows, idleMb);
}

function report(rows: Row[], idleMb: number) {
  const small = rows.filter((r) => r.selection === SELECTIONS[0]);
  const large = rows.filter((r) => r.selection === SELECTIONS[1]);
  const total = (list: Row[]) => list.reduce((sum, r) => sum + r.seconds, 0);
  const timeRatio = total(large) / total(small);
  const postRatio = (large[0]?.posts ?? 1) / (small[0]?.posts ?? 1);
  const worstGrowth = Math.max(...large.map((r) => r.growthMb));
  const lines = [
    '## Proceedings',
    '',
    `Written by \`npm run bench:proceedings\` on ${new Date().toISOString()}: the bench forum with 240 accepted elements, every member's publication choice (70 % named, 20 % anonymous, 10 % none) and their regions; each edition (HTML, PDF, CSV, JSON) generated by the job in the benchmark's own process on PostgreSQL. Idle RSS after the seed: ${idleMb.toFixed(0)} MB${globalThis.gc ? ' (after collection)' : ''}; RSS sampled every 10 ms.`,
    '',
    '| Selection | posts | threads | edition | time s | peak RSS MB | growth over idle MB | PDF MB | HTML MB |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ≥ ${r.selection.toLocaleString('en')} posts | ${r.posts} | ${r.threads} | ${r.lang} | ${r.seconds.toFixed(1)} | ${r.peakMb.toFixed(0)} | ${r.growthMb.toFixed(0)} | ${r.pdfMb.toFixed(1)} | ${r.htmlMb.toFixed(1)} |`,
    ),
    '',
    `- Time: ${timeRatio.toFixed(2)}× for ${postRatio.toFixed(2)}× the posts (linear would be ${postRatio.toFixed(2)}×).`,
    `- Memory at ≥ 5,000 posts: worst growth ${worstGrowth.toFixed(0)} MB over idle (budget ≤ ${RSS_BUDGET_MB} MB): ${worstGrowth <= RSS_BUDGET_MB ? 'within' : 'OVER'} budget.`,
    '',
  ];
  const file = path.join(import.meta.dirname, 'results.md');
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  // Replaces this section of an earlier run, keeps the rest of the file as bench/run.ts wrote it.
  const kept = previous.replace(/\n## Proceedings\n[\s\S]*?(?=\n## |$)/, '\n').trimEnd();
  writeFileSync(file, `${kept}\n\n${lines.join('\n')}`);
  console.log(`\n${lines.join('\n')}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
