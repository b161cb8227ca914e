// Email templates: placeholders filled as plain text, never as Markdown or HTML of their own,
// in every language, with the footer links.
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../server/notifications/email-templates.ts';

const hostile = { name: '<img src=x onerror=alert(1)> *Ana*', weekNumber: 2, weekTitle: '[click](javascript:alert(1))', forumTitle: 'Foro # 1', weekUrl: 'https://forum.example.org/forums/f/weeks/2' };
const links = { unsubscribeUrl: 'https://forum.example.org/unsubscribe/abc.def', preferencesUrl: 'https://forum.example.org/notifications/preferences' };

describe('email templates', () => {
  it('keeps names and titles as text in both parts', () => {
    const mail = renderTemplate('en', 'week_opened', hostile, {}, links);
    expect(mail.subject).toBe('Week 2 of Foro # 1 is open: [click](javascript:alert(1))');
    expect(mail.html).not.toMatch(/<img|href="javascript:|<em>Ana/);
    expect(mail.html).toContain("<strong>[click](javascript:alert(1))</strong>");
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
    const values = { name: 'Ana', forumTitle: 'Foro', targetHours: 48, listUrl: 'https://forum.example.org/forums/f/questions/overdue' };
    expect(renderTemplate('fr', 'question_overdue', { ...values, count: 1 }, {}, links).text).toContain('1 question aux personnes-ressources dans Foro attend depuis');
    expect(renderTemplate('fr', 'question_overdue', { ...values, count: 3 }, {}, links).text).toContain('3 questions aux personnes-ressources dans Foro attendent depuis');
    expect(renderTemplate('en', 'question_overdue', { ...values, count: 1 }, {}, links).text).toContain('1 question to a key respondent in Foro has waited');
    expect(renderTemplate('es', 'question_overdue', { ...values, count: 2 }, {}, links).text).toContain('2 preguntas a ponentes clave en Foro llevan');
  });
});
