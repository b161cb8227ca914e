// A reporter who asked for email about their reports hears the outcome in their activity email
// (batched or digest), in their language, with a link to their own reports — even when the post
// is now hidden from them, whose text the email never quotes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../server/mail/mail-worker.ts';
import { queueDueBatches } from '../../server/notifications/notification-jobs.ts';
import { emailString } from '../../server/mail/email-templates.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member, reply, startThread, type Member } from '../helpers/forum-fixture.ts';
import { onPostgres } from '../helpers/test-database.ts';
import { startSmtpSink, type SmtpSink } from '../notifications/smtp-sink.ts';

let t: TestApp;
let sink: SmtpSink;
let organizer: Member;
let author: Member;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestApp();
  await importFixture(t);
  [organizer, author] = [await member(t, 'organizer'), await member(t, 'participant')];
}, 120_000);
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

async function reported(reporter: Member, body: string) {
  const { threadId, firstPostId } = await startThread(t, organizer);
  const post = await reply(t, author, threadId, { bodyMd: body, parentId: firstPostId });
  const id = (
    await t
      .post(`/api/posts/${post.id}/reports`)
      .set('Cookie', reporter.cookie)
      .send({ reason: 'Insultos' })
      .expect(201)
  ).body.id as number;
  return { postId: post.id, reportId: id };
}

describe(`report outcome by email (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('mails a reporter who turned the email on: hidden and dismissed, in Spanish, linking to their reports, quoting nothing', async () => {
    const reporter = await member(t, 'participant', 'es');
    const quiet = await member(t, 'participant', 'es');
    await t
      .put('/api/notification-preferences')
      .set('Cookie', reporter.cookie)
      .send({ types: [{ type: 'report.handled', inApp: true, email: true }] })
      .expect(200);
    const hidden = await reported(reporter, 'Texto **ofensivo** número uno');
    const dismissed = await reported(reporter, 'Texto discutible número dos');
    const other = await reported(quiet, 'Texto del otro');
    await t
      .post(`/api/reports/${hidden.reportId}/hide`)
      .set('Cookie', organizer.cookie)
      .send({ reason: 'Insultos personales' })
      .expect(204);
    await t.post(`/api/reports/${dismissed.reportId}/dismiss`).set('Cookie', organizer.cookie).send({}).expect(204);
    await t.post(`/api/reports/${other.reportId}/dismiss`).set('Cookie', organizer.cookie).send({}).expect(204);

    // The reporter's batch (the organizer has one too: the replies to their thread).
    expect(await queueDueBatches(t.db, new Date(Date.now() + 3_600_000))).toBeGreaterThanOrEqual(1);
    const context = await t.app.notifications.renderContext();
    await deliverDue(
      t.db,
      { ...context, transport: sink.transport(), from: 'forum@example.org' },
      new Date(Date.now() + 3_600_000),
    );
    const mails = sink.received.filter((mail) => mail.to === reporter.email);
    expect(mails).toHaveLength(1);
    expect(sink.received.filter((mail) => mail.to === quiet.email)).toEqual([]);
    const text = mails[0]!.text;
    expect(mails[0]!.subject).toContain(emailString('es', '_items.headline_other', { count: 2 }));
    expect(text.split(emailString('es', '_items.report_handled')).length - 1).toBe(2);
    expect(text).toContain(emailString('es', '_items.report_outcome_acted_on'));
    expect(text).toContain(emailString('es', '_items.report_outcome_dismissed'));
    expect(text).toContain(
      `${emailString('es', '_items.my_reports')}: http://localhost:3000/forums/${LIVE}/my-reports`,
    );
    // The reported posts are not quoted (one is hidden from the reporter now).
    expect(text).not.toContain('ofensivo');
    expect(text).not.toContain('discutible');
  });
});
