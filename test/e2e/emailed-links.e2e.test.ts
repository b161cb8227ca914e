// Emailed links that change something, opened in a real browser in Spanish and French: the
// unsubscribe link of an activity email and the reconfirmation links each open a page that
// changes nothing until its button is pressed; pressing it does what the page said. The
// reader's time zone is named in words, never by its id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { deliverDue } from '../../server/mail/mail-worker.ts';
import { announceWeekOpenings } from '../../server/notifications/notification-jobs.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { signInBrowser, siteSessionCookie } from '../helpers/site-sign-in.ts';
import { startSite, type RunningSite } from '../helpers/running-site.ts';
import { createUser } from '../helpers/test-app.ts';
import { startSmtpSink, type SmtpSink } from '../notifications/smtp-sink.ts';

const FORUM = 'sse-policy-live';

let site: RunningSite;
let sink: SmtpSink;
let spanish: Awaited<ReturnType<typeof launchBrowser>>;
let french: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  sink = await startSmtpSink();
  site = await startSite();
  spanish = await launchBrowser({ locale: 'es-MX', timezoneId: 'America/Mexico_City' });
  french = await launchBrowser({ locale: 'fr-CA', timezoneId: 'America/Toronto' });
});
afterAll(async () => {
  await spanish?.close();
  await french?.close();
  await site?.close();
  await sink?.close();
});

const db = () => site.testDatabase.database.db;
const participant = { roles: [{ forumSlug: FORUM, role: 'participant' as const }] };

async function deliver() {
  const context = await site.app.notifications.renderContext();
  await db().updateTable('outbox').set({ next_attempt_at: new Date() }).where('status', '=', 'pending').execute();
  await deliverDue(
    db(),
    { ...context, transport: sink.transport(), from: 'forum@example.org' },
    new Date(Date.now() + 1000),
  );
}

describe('the unsubscribe link of an email', () => {
  it('asks first, then turns that email off from the page’s button, in Spanish and in French', async () => {
    const [ines, louise] = await Promise.all([
      createUser(db(), { ...participant, interfaceLang: 'es', readingLangs: ['es'], name: 'Inés Robles' }),
      createUser(db(), { ...participant, interfaceLang: 'fr', readingLangs: ['fr'], name: 'Louise Gagnon' }),
    ]);
    const week = await db()
      .selectFrom('weeks')
      .innerJoin('forums', 'forums.id', 'weeks.forum_id')
      .select(['weeks.id', 'weeks.opens_at'])
      .where('forums.slug', '=', FORUM)
      .where('weeks.number', '=', 2)
      .executeTakeFirstOrThrow();
    await db().deleteFrom('week_openings_notified').where('week_id', '=', week.id).execute();
    await announceWeekOpenings(db(), new Date(week.opens_at.getTime() + 1000));
    await deliver();

    const cases = [
      {
        user: ines,
        browser: spanish,
        title: 'Darse de baja',
        question: /^¿Dejar de recibir los correos sobre «/,
        button: 'Darme de baja',
        done: /^Listo: ya no recibirá /,
      },
      {
        user: louise,
        browser: french,
        title: 'Se désabonner',
        question: /^Ne plus recevoir les courriels sur «/,
        button: 'Me désabonner',
        done: /^C’est fait\s: vous ne recevrez plus /,
      },
    ];
    for (const { user, browser, title, question, button, done } of cases) {
      const mail = sink.received.find((m) => m.to === user.email)!;
      expect(mail.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      const link = /http:\/\/\S+\/unsubscribe\/\S+/.exec(mail.text)![0];
      const page = await browser.context.newPage();
      await page.goto(link.replace(/^http:\/\/[^/]+/, site.url));
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe(title);
      expect(await page.getByText(question).count()).toBe(1);
      // Opening the page turned nothing off.
      const setting = () =>
        db()
          .selectFrom('notification_settings')
          .select('email')
          .where('user_id', '=', user.id)
          .where('type', '=', 'week.opened')
          .executeTakeFirst();
      expect(await setting()).toBeUndefined();

      await page.getByRole('button', { name: button }).click();
      await expect.poll(() => page.getByText(done).count(), { timeout: 10_000 }).toBe(1);
      expect(await setting()).toEqual({ email: false });
      await page.close();
    }
  });
});

describe('the reconfirmation links of an email', () => {
  it('shows what the organizers ask and answers only from the button: a French participant confirms, a Spanish one withdraws', async () => {
    const organizer = await createUser(db(), {
      roles: [{ forumSlug: FORUM, role: 'organizer' }],
      name: 'Olivia Organizer',
    });
    const [camille, diego] = await Promise.all([
      createUser(db(), { ...participant, interfaceLang: 'fr', readingLangs: ['fr'], name: 'Camille Roy' }),
      createUser(db(), { ...participant, interfaceLang: 'es', readingLangs: ['es'], name: 'Diego Paz' }),
    ]);
    const asked = await request(site.url)
      .post(`/api/forums/${FORUM}/reconfirmations`)
      .set('Origin', site.url)
      .set('Cookie', await siteSessionCookie(site, organizer))
      .send({ message: 'Nous commençons une semaine plus tard.' })
      .expect(201);
    await deliver();
    const answerOf = async (userId: number) =>
      (
        await db()
          .selectFrom('reconfirmations')
          .select('answer')
          .where('request_id', '=', asked.body.id)
          .where('user_id', '=', userId)
          .executeTakeFirstOrThrow()
      ).answer;
    const linkIn = (email: string, label: string) => {
      const mail = sink.received.find((m) => m.to === email && m.subject.length > 0 && m.text.includes(label))!;
      const url = new RegExp(`${label} \\((http://\\S+)\\)`).exec(mail.text)![1]!;
      return url.replace(/^http:\/\/[^/]+/, site.url);
    };

    // French: the confirm link opens a page; loading it (twice) confirms nothing.
    const page = await french.context.newPage();
    const confirmLink = linkIn(camille.email, 'Oui, je confirme');
    await page.goto(confirmLink);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 })
      .toMatch(/^Votre place dans /);
    expect(await page.getByText('Nous commençons une semaine plus tard.').count()).toBe(1);
    await page.reload();
    await page.getByRole('button', { name: 'Oui, je confirme ma place' }).waitFor();
    expect(await answerOf(camille.id)).toBeNull();
    await page.screenshot({ path: '/tmp/links/reconfirm-fr.png', fullPage: true });
    await page.getByRole('button', { name: 'Oui, je confirme ma place' }).click();
    await expect
      .poll(
        () =>
          page
            .getByRole('status')
            .filter({ hasText: /^Merci\s: votre place est confirmée\.$/ })
            .count(),
        { timeout: 10_000 },
      )
      .toBe(1);
    expect(await answerOf(camille.id)).toBe('confirmed');
    // Opened again later, the link says it was answered and offers no button.
    await page.goto(confirmLink);
    await expect
      .poll(() => page.getByText(/^Merci\s: votre place est confirmée\.$/).count(), { timeout: 10_000 })
      .toBe(1);
    expect(await page.getByRole('button', { name: 'Oui, je confirme ma place' }).count()).toBe(0);
    await page.close();

    // Spanish: the withdraw link warns what withdrawing means before the button does it.
    const spanishPage = await spanish.context.newPage();
    await spanishPage.goto(linkIn(diego.email, 'No, me retiro'));
    await spanishPage.getByRole('button', { name: 'No, me retiro del foro' }).waitFor({ timeout: 10_000 });
    expect(await spanishPage.getByText(/^Si se retira, deja de formar parte del grupo del foro/).count()).toBe(1);
    expect(await answerOf(diego.id)).toBeNull();
    await spanishPage.screenshot({ path: '/tmp/links/reconfirm-es.png', fullPage: true });
    await spanishPage.getByRole('button', { name: 'No, me retiro del foro' }).click();
    await expect
      .poll(
        () => spanishPage.getByText('Usted se ha retirado de este foro. Sus aportes anteriores se conservan.').count(),
        { timeout: 10_000 },
      )
      .toBe(1);
    expect(await answerOf(diego.id)).toBe('withdrawn');
    await spanishPage.close();
  });
});

describe('time zones in words', () => {
  it('names the reader’s zone in their language on the settings page and when a week has not opened', async () => {
    const lucia = await createUser(db(), {
      ...participant,
      interfaceLang: 'es',
      readingLangs: ['es'],
      name: 'Lucía Ortega',
    });
    await db().updateTable('users').set({ time_zone: 'America/Mexico_City' }).where('id', '=', lucia.id).execute();
    await signInBrowser(site, spanish.context, lucia);
    const page = await spanish.context.newPage();
    await page.goto(`${site.url}/notifications/preferences`);
    await expect
      .poll(() => page.getByText(/^Las horas están en su zona horaria, Ciudad de México — /).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    await page.goto(`${site.url}/forums/${FORUM}/weeks/3`);
    await expect
      .poll(() => page.getByText(/^La semana 3 comienza el .+ \(Ciudad de México — hora/).count(), { timeout: 10_000 })
      .toBe(1);
    expect(await page.content()).not.toContain('America/Mexico_City');
    await page.close();
  });
});
