// Digests with an injected clock: each user's at their own local hour, across zones, with
// nothing sent when nothing is new, and rescheduled after each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSessionToken } from '../../server/auth/session.ts';
import { deliverDue } from '../../server/mail/mail-worker.ts';
import { queueDueBatches, queueDueDigests } from '../../server/notifications/notification-jobs.ts';
import { updatePreferences } from '../../server/notifications/preferences.service.ts';
import { importFixture, LIVE, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { person } from './helpers.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

let t: TestApp;
let sink: SmtpSink;
let santiago: Member;
let toronto: Member;
let ben: Member;

async function digestDaily(member: Member, zone: string, now: Date) {
  await t.db.updateTable('users').set({ time_zone: zone }).where('id', '=', member.id).execute();
  const { user } = await validateSessionToken(t.db, member.cookie.split('=')[1]!);
  await updatePreferences(
    t.db,
    user!,
    'en',
    { forums: [{ forum: LIVE, schedule: 'daily', hour: 8, weekday: 1 }] },
    now,
  );
}

const nextDigest = async (member: Member) =>
  (
    await t.db
      .selectFrom('digest_settings')
      .select('next_digest_at')
      .where('user_id', '=', member.id)
      .executeTakeFirstOrThrow()
  ).next_digest_at;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp();
  await importFixture(t);
  santiago = await person(t, 'participant', { lang: 'es', name: 'Sara Soto' });
  toronto = await person(t, 'participant', { lang: 'fr', name: 'Theo Tremblay' });
  ben = await person(t, 'participant', { lang: 'en', name: 'Ben Hale' });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe('daily digest', () => {
  it('goes out at 8:00 on each reader’s wall clock with what waited, and is skipped when nothing is new', async () => {
    // Tuesday 1 Dec 2026, 10:30 UTC: 07:30 in Santiago (UTC−3), 05:30 in Toronto (UTC−5).
    const start = new Date('2026-12-01T10:30:00Z');
    await digestDaily(santiago, 'America/Santiago', start);
    await digestDaily(toronto, 'America/Toronto', start);
    expect(await nextDigest(santiago)).toEqual(new Date('2026-12-01T11:00:00Z'));
    expect(await nextDigest(toronto)).toEqual(new Date('2026-12-01T13:00:00Z'));

    for (const member of [santiago, toronto]) {
      const { threadId } = await startThread(t, member, 2, { title: `Hilo de ${member.id}` });
      await reply(t, ben, threadId, { lang: 'en', bodyMd: `An answer for ${member.id}` });
    }
    // Digest readers get no batch.
    expect(await queueDueBatches(t.db, new Date(Date.now() + 3_600_000))).toBe(0);

    expect(await queueDueDigests(t.db, new Date('2026-12-01T10:59:59Z'))).toBe(0);
    expect(await queueDueDigests(t.db, new Date('2026-12-01T11:00:00Z'))).toBe(1);
    expect(await nextDigest(santiago)).toEqual(new Date('2026-12-02T11:00:00Z'));
    expect(await queueDueDigests(t.db, new Date('2026-12-01T12:00:00Z'))).toBe(0);
    expect(await queueDueDigests(t.db, new Date('2026-12-01T13:00:00Z'))).toBe(1);

    const context = await t.app.notifications.renderContext();
    await deliverDue(
      t.db,
      { ...context, transport: sink.transport(), from: 'forum@example.org' },
      new Date('2026-12-01T13:00:01Z'),
    );
    // The worker sends due rows concurrently, so they may arrive in either order.
    const bySubject = sink.received.map((mail) => [mail.to, mail.subject]);
    expect(bySubject).toHaveLength(2);
    expect(bySubject).toEqual(
      expect.arrayContaining([
        [santiago.email, expect.stringMatching(/^Su resumen de /)],
        [toronto.email, expect.stringMatching(/^Votre résumé de /)],
      ]),
    );
    const santiagoMail = sink.received.find((mail) => mail.to === santiago.email)!;
    expect(santiagoMail.text).toContain(`An answer for ${santiago.id}`);
    expect(santiagoMail.text).not.toContain(`An answer for ${toronto.id}`);
    expect(santiagoMail.header('List-Unsubscribe')).toMatch(
      /^<http:\/\/localhost:3000\/api\/unsubscribe\/[\w-]+\.[\w-]+>$/,
    );

    // Nothing new by the next morning: nothing sent, the next one still scheduled.
    expect(await queueDueDigests(t.db, new Date('2026-12-02T11:00:00Z'))).toBe(0);
    expect(await nextDigest(santiago)).toEqual(new Date('2026-12-03T11:00:00Z'));
  });
});
