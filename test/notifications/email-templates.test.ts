// Email templates: placeholders filled as plain text, never as Markdown or HTML of their own,
// in every language; a plain-text part without Markdown; notification mail ends with the
// settings links, account mail with why it came; time zones in words.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToText } from '../../server/markdown/markdown-text.ts';
import { localesDir } from '../../server/i18n/i18n.ts';
import { emailString, isAccountMail, renderTemplate } from '../../server/mail/email-templates.ts';
import { emailTemplate, notificationRules, notificationTypes } from '../../server/notifications/notification-types.ts';

const hostile = {
  name: '<img src=x onerror=alert(1)> *Ana*',
  weekNumber: 2,
  weekTitle: '[click](javascript:alert(1))',
  forumTitle: 'Foro # 1',
  weekUrl: 'https://forum.example.org/forums/f/weeks/2',
};
const links = {
  unsubscribeUrl: 'https://forum.example.org/unsubscribe/abc.def',
  preferencesUrl: 'https://forum.example.org/notifications/preferences',
};

describe('email templates', () => {
  it('keeps names and titles as text in both parts', () => {
    const mail = renderTemplate('en', 'week_opened', hostile, {}, links);
    expect(mail.subject).toBe('Week 2 of Foro # 1 is open: [click](javascript:alert(1))');
    expect(mail.html).not.toMatch(/<img|href="javascript:|<em>Ana/);
    expect(mail.html).toContain('<strong>[click](javascript:alert(1))</strong>');
    expect(mail.html).toContain('&#x3C;img src=x onerror=alert(1)> *Ana*');
    expect(mail.html).toContain('<a href="https://forum.example.org/forums/f/weeks/2">');
    expect(mail.text).toContain('Hello <img src=x onerror=alert(1)> *Ana*,');
    expect(mail.text).toContain('Stop emails like this one: https://forum.example.org/unsubscribe/abc.def');
  });

  it('speaks the reader’s language, and leaves the unsubscribe link out of account mail', () => {
    const mail = renderTemplate('fr', 'week_opened', hostile, {}, { ...links, unsubscribeUrl: null });
    expect(mail.subject).toMatch(/^La semaine 2 de Foro # 1 est ouverte/);
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.text).not.toContain('unsubscribe');
    expect(() => renderTemplate('es', 'no_such_template', {}, {}, links)).toThrow(/missing/);
  });

  it('says one question or several in the plural form the count asks for', () => {
    const values = {
      name: 'Ana',
      forumTitle: 'Foro',
      targetHours: 48,
      listUrl: 'https://forum.example.org/forums/f/questions/overdue',
    };
    expect(renderTemplate('fr', 'question_overdue', { ...values, count: 1 }, {}, links).text).toContain(
      '1 question aux personnes-ressources dans Foro attend depuis',
    );
    expect(renderTemplate('fr', 'question_overdue', { ...values, count: 3 }, {}, links).text).toContain(
      '3 questions aux personnes-ressources dans Foro attendent depuis',
    );
    expect(renderTemplate('en', 'question_overdue', { ...values, count: 1 }, {}, links).text).toContain(
      '1 question to a key respondent in Foro has waited',
    );
    expect(renderTemplate('es', 'question_overdue', { ...values, count: 2 }, {}, links).text).toContain(
      '2 preguntas a ponentes clave en Foro llevan',
    );
  });
});

const catalogs = Object.fromEntries(
  (['en', 'es', 'fr'] as const).map((lang) => [
    lang,
    JSON.parse(readFileSync(path.join(localesDir, lang, 'emails.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >,
  ]),
);
const templates = Object.keys(catalogs.en!).filter((key) => !key.startsWith('_'));
/** Mail queued straight to the outbox (not through notify()): all of it is about the account or an invitation. */
const directAccountMail = [
  'verify_email',
  'reset_password',
  'password_changed',
  'registration_attempt_on_existing_account',
  'invitation',
  'added_to_forum',
];
const samplePayload = (template: string): Record<string, unknown> => {
  const payload: Record<string, unknown> = {};
  for (const [
    ,
    key,
  ] of `${catalogs.en![template]!.body ?? catalogs.en![template]!.body_other} ${catalogs.en![template]!.reason ?? ''}`.matchAll(
    /\{\{\s*(\w+)/g,
  )) {
    payload[key!] =
      key === 'count'
        ? 2
        : key!.endsWith('Url')
          ? `https://forum.example.org/${key}`
          : key!.endsWith('On')
            ? '2026-12-20'
            : key === 'timeZone'
              ? 'America/Mexico_City'
              : `«${key}»`;
  }
  return payload;
};

describe('account mail and notification mail', () => {
  it('ends account mail with why it came, never with notification settings, in every language', () => {
    const required = notificationTypes.filter((type) => notificationRules[type].required).map(emailTemplate);
    const optional = notificationTypes
      .filter((type) => !notificationRules[type].required)
      .map(emailTemplate)
      .filter((template) => templates.includes(template));
    expect(required).toEqual(expect.arrayContaining(['application_decided', 'reconfirmation_requested']));
    for (const lang of ['en', 'es', 'fr'] as const) {
      for (const template of [...directAccountMail, ...required.filter((name) => templates.includes(name))]) {
        expect(isAccountMail(lang, template), `${lang}:${template}`).toBe(true);
        const mail = renderTemplate(lang, template, samplePayload(template), {}, links);
        for (const part of [mail.text, mail.html]) {
          expect(part).not.toContain(emailString(lang, '_layout.footer'));
          expect(part).not.toContain(emailString(lang, '_layout.preferences'));
          expect(part).not.toContain(links.preferencesUrl);
          expect(part).not.toContain(links.unsubscribeUrl);
        }
        expect(mail.text).toMatch(
          new RegExp(
            `\\n-- \\n${emailString(lang, `${template}.reason`, samplePayload(template)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`,
          ),
        );
      }
      for (const template of optional) {
        expect(isAccountMail(lang, template), `${lang}:${template}`).toBe(false);
        const mail = renderTemplate(lang, template, samplePayload(template), {}, links);
        expect(mail.text).toContain(
          `\n-- \n${emailString(lang, '_layout.footer')}\n${emailString(lang, '_layout.preferences')}: ${links.preferencesUrl}`,
        );
      }
    }
  });

  it('writes a plain-text part without Markdown: emphasis as words, links as “text (url)”', () => {
    for (const lang of ['en', 'es', 'fr'] as const) {
      for (const template of templates) {
        const { text } = renderTemplate(lang, template, samplePayload(template), {}, links);
        expect(text, `${lang}:${template}`).not.toMatch(/\*\*|\]\(|^#{1,6} |\\[^\n]/m);
        for (const [, label, url] of (catalogs[lang]![template]!.body ??
          catalogs[lang]![template]!.body_other)!.matchAll(/\[([^\]{}]+)\]\(\{\{(\w+)\}\}\)/g)) {
          expect(text, `${lang}:${template}`).toContain(`${label} (https://forum.example.org/${url})`);
        }
      }
    }
    const hostileText = renderTemplate('en', 'week_opened', hostile, {}, links).text;
    expect(hostileText).toContain('Week 2 of Foro # 1, [click](javascript:alert(1)), is now open.');
    expect(hostileText).toContain('Go to week 2 (https://forum.example.org/forums/f/weeks/2)');
  });

  it('names the forum’s time zone in words in the reader’s language', () => {
    const payload = samplePayload('invitation');
    const expected = {
      en: 'Ciudad de México — Central',
      es: 'Ciudad de México — hora',
      fr: 'Ciudad de México — heure',
    };
    for (const lang of ['en', 'es', 'fr'] as const) {
      const mail = renderTemplate(lang, 'invitation', payload, {}, links);
      expect(mail.text).toContain(expected[lang]);
      expect(mail.html).toContain(expected[lang]);
      expect(mail.text + mail.html).not.toContain('America/Mexico_City');
    }
  });
});

describe('markdown to plain text', () => {
  it('keeps the words and the addresses, and drops the marks', () => {
    const text = markdownToText(
      [
        '# Title',
        'Some **bold**, _em_ and `code`, a [link](https://a.example/x) and <https://b.example>, \\*not emphasis\\*.',
        '> quoted\n> on two lines',
        '* one\n* two with [a link](https://c.example)\n  continued',
        '1. first\n2. second',
        '<script>alert(1)</script>',
        '---',
        '| a | b |\n|---|---|\n| 1 | 2 |',
        '![a chart](https://d.example/c.png)',
      ].join('\n\n'),
    );
    expect(text).toBe(
      [
        'Title\n=====',
        'Some bold, em and code, a link (https://a.example/x) and https://b.example, *not emphasis*.',
        '> quoted\n> on two lines',
        '* one\n* two with a link (https://c.example)\n  continued',
        '1. first\n2. second',
        '* * *',
        'a | b\n1 | 2',
        'a chart (https://d.example/c.png)',
      ].join('\n\n'),
    );
  });
});
