// Calendar days reach readers written out in their language (an error's deadline, an email's
// new forum dates and an invitation's last day), never as YYYY-MM-DD and never moved by a zone;
// and a visitor's application costs about the same work whether or not the email had an account.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely, KyselyPlugin } from 'kysely';
import { createTestApp, createUser, type TestApp } from '../helpers/test-app.ts';
import { importFixture, LIVE, member } from '../helpers/forum-fixture.ts';
import { applicationBody, setDeadline } from './cohort-helpers.ts';
import { formatErrorMessage } from '../../server/i18n/error-message.ts';
import { renderTemplate } from '../../server/mail/email-templates.ts';
import { apply } from '../../server/applications/applications.service.ts';
import type { DB } from '../../server/db/schema.ts';

let t: TestApp;
const originalTz = process.env.TZ;

beforeAll(async () => {
  t = await createTestApp();
  await importFixture(t);
}, 180_000);
afterAll(async () => t?.close());
afterEach(() => {
  process.env.TZ = originalTz;
});

const base = `/api/forums/${LIVE}`;
const footer = { unsubscribeUrl: null, preferencesUrl: 'https://tertulia.test/notifications/preferences' };
const expected = { en: '30 September 2026', es: '30 de septiembre de 2026', fr: '30 septembre 2026' } as const;
// The earliest and the latest zones on Earth: a date read as an instant would move a day in one of them.
const serverZones = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'];

describe('calendar days in messages', () => {
  it("writes the application deadline as a day in the reader's language whatever the server's zone", () => {
    for (const zone of serverZones) {
      process.env.TZ = zone;
      for (const lang of ['en', 'es', 'fr'] as const) {
        const message = formatErrorMessage(lang, 'America/Toronto', 'application_closed', { deadlineOn: '2026-09-30' });
        expect(message, `${zone} ${lang}`).toContain(expected[lang]);
        expect(message).not.toContain('2026-09-30');
      }
    }
  });

  it('answers a late application with the deadline written out', async () => {
    await setDeadline(t, '2026-09-30', 'America/Santiago');
    const late = await member(t, null, 'es');
    const refused = await t
      .post(`${base}/application`)
      .set('Cookie', late.cookie)
      .set('Accept-Language', 'es')
      .send(applicationBody())
      .expect(409);
    expect(refused.body.error.code).toBe('application_closed');
    expect(refused.body.error.message).toContain('30 de septiembre de 2026');
    await setDeadline(t, '2099-01-01', 'America/Toronto');
  });

  it("writes a reconfirmation email's new dates as days in the recipient's language", () => {
    for (const zone of serverZones) {
      process.env.TZ = zone;
      for (const lang of ['en', 'es', 'fr'] as const) {
        const mail = renderTemplate(
          lang,
          'reconfirmation_requested',
          {
            name: 'Ana',
            forumTitle: 'Foro',
            startsOn: '2026-09-30',
            endsOn: '2026-11-06',
            message: '',
            confirmUrl: 'https://x.test/c',
            withdrawUrl: 'https://x.test/w',
          },
          {},
          footer,
        );
        expect(mail.text, `${zone} ${lang}`).toContain(expected[lang]);
        expect(mail.html).toContain(expected[lang]);
        expect(mail.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      }
    }
  });
});

describe("an invitation's expiry", () => {
  it("is the end of a day of the forum's calendar, and the email names that day", async () => {
    const forum = await t.db
      .selectFrom('forums')
      .select(['id', 'time_zone'])
      .where('slug', '=', LIVE)
      .executeTakeFirstOrThrow();
    // 21:30 in Toronto on 15 November is already 16 November in UTC: the UTC date would be a day late.
    await t.db.updateTable('forums').set({ time_zone: 'America/Toronto' }).where('id', '=', forum.id).execute();
    const { invite } = await import('../../server/applications/invitations.service.ts');
    const organizer = await member(t, 'organizer');
    const actor = { id: organizer.id, displayName: 'Organizer', isAdmin: false } as Parameters<typeof invite>[2];
    await invite(
      t.db,
      LIVE,
      actor,
      { email: 'late-evening@example.test', role: 'participant', lang: 'es' },
      'https://tertulia.test',
      new Date('2026-11-16T02:30:00Z'),
    );
    const row = await t.db
      .selectFrom('invitations')
      .select('expires_at')
      .where('email', '=', 'late-evening@example.test')
      .executeTakeFirstOrThrow();
    // 14 days after 15 November is 29 November; the link works until midnight that ends it in Toronto.
    expect(row.expires_at.toISOString()).toBe('2026-11-30T05:00:00.000Z');
    const mail = await t.db
      .selectFrom('outbox')
      .select('payload')
      .where('to_email', '=', 'late-evening@example.test')
      .executeTakeFirstOrThrow();
    expect(mail.payload).toMatchObject({ expiresOn: '2026-11-29', timeZone: 'America/Toronto' });
    process.env.TZ = 'Pacific/Kiritimati';
    const text = renderTemplate('es', 'invitation', { ...mail.payload }, {}, footer).text;
    expect(text).toContain('29 de noviembre de 2026 en la zona horaria del foro, Toronto — hora oriental.');
    expect(text).not.toContain('America/Toronto');
    await t.db.updateTable('forums').set({ time_zone: forum.time_zone }).where('id', '=', forum.id).execute();
  });
});

describe('a visitor applying', () => {
  function counting(db: Kysely<DB>) {
    const counter = { statements: 0 };
    const plugin: KyselyPlugin = {
      transformQuery: (args) => {
        counter.statements += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    return { db: db.withPlugin(plugin), counter };
  }

  it('gets the same answer for a new and a known email, for comparable database work', async () => {
    await setDeadline(t, '2099-01-01', 'America/Toronto');
    const known = await createUser(t.db);
    const account = (email: string) => ({
      email,
      displayName: 'Ana Quispe',
      password: 'una clave bastante larga',
      interfaceLang: 'es' as const,
      timeZone: 'America/Lima',
      acceptTerms: true as const,
    });
    const fresh = counting(t.db);
    const freshAnswer = await apply(
      fresh.db,
      LIVE,
      { user: null, lang: 'es' },
      { ...applicationBody(), account: account('fresh-visitor@example.test') } as never,
      'https://tertulia.test',
    );
    const taken = counting(t.db);
    const takenAnswer = await apply(
      taken.db,
      LIVE,
      { user: null, lang: 'es' },
      { ...applicationBody(), account: account(known.email) } as never,
      'https://tertulia.test',
    );
    expect(takenAnswer).toEqual(freshAnswer);
    expect(freshAnswer).toEqual({ status: 'check_email' });
    expect(
      Math.abs(fresh.counter.statements - taken.counter.statements),
      `${fresh.counter.statements} vs ${taken.counter.statements}`,
    ).toBeLessThanOrEqual(1);
    expect(await t.db.selectFrom('applications').select('id').where('user_id', '=', known.id).execute()).toEqual([]);
  });
});
