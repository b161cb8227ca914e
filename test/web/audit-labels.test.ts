// The audit page names every action the server writes and every kind of target, in English,
// Spanish and French: none falls back to its raw code, and a target reads as words ("Ana
// Pérez’s application", "Week 2 — Title"), not as "week 40". Exports of personal data and
// glossary imports each read differently.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { auditActionLabel, auditActionText, auditTargetLabel } from '../../web/src/moderation/audit-labels.ts';

type Tree = { [key: string]: string | Tree };
const translator = (lang: string) => {
  const strings = JSON.parse(readFileSync(new URL(`../../locales/${lang}/web.json`, import.meta.url), 'utf8')) as Tree;
  return (key: string, options: Record<string, unknown> = {}) => {
    const found = key
      .split('.')
      .reduce<string | Tree | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), strings);
    if (typeof found !== 'string') throw new Error(`${lang}: no string ${key}`);
    return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]));
  };
};

const DATA_ACTIONS = [
  'export.members',
  'export.key_respondents',
  'export.applications',
  'export.contacts',
  'export.forum_programme',
  'glossary.imported_merge',
  'glossary.imported_replace',
];
const LIST_ACTIONS = [
  ...['regions', 'sectors', 'prerequisites', 'themes'].flatMap((list) =>
    ['added', 'renamed', 'archived', 'restored', 'reordered', 'deleted'].map((verb) => `${list}.${verb}`),
  ),
  'seats.changed',
];
const ROLES = ['participant', 'key_respondent', 'translator', 'organizer'];
/** Every action code the server writes today, the ones built from a role, a week or an answer spelled out. */
const WRITTEN = [
  'hide',
  'proceedings.published',
  'proceedings.unpublished',
  'unhide',
  'pin',
  'unpin',
  'lock',
  'unlock',
  'report.dismissed',
  'report.acted_on',
  'member.suspended',
  'member.unsuspended',
  'member.removed',
  'invitation.accepted',
  'invitation.revoked',
  'reading.created',
  'reading.edited',
  'reading.unpublished',
  'reading.published',
  'reading.attachment_added',
  'reading.attachment_removed',
  'reading.reordered_week_3',
  'application.accepted',
  'application.accepted_key_respondent_week_2',
  'application.declined',
  'application.waitlisted',
  'application.withdrawn',
  'reconfirmation.requested',
  'reconfirmation.reminded',
  'reconfirmation.confirmed',
  'reconfirmation.withdrawn',
  'forum.created',
  'forum.settings_changed',
  'week.added',
  'week.changed',
  'week.removed',
  'schedule.moved',
  'policy_element.accepted',
  'policy_element.declined',
  'policy_element.merged',
  'policy_element.reopened',
  'policy_element.edited',
  'role.added_key_respondent_week_4',
  'role.key_respondent_week_5',
  ...DATA_ACTIONS,
  ...LIST_ACTIONS,
  ...ROLES.flatMap((role) => [
    `role.added_${role}`,
    `role.removed_${role}`,
    `invitation.sent_${role}`,
    `member.added_${role}`,
  ]),
];

/** The literal codes in the server's audit writes (`action: 'x.y'`), so a new one cannot go unnamed. */
function literalActions(): string[] {
  const dir = path.resolve(import.meta.dirname, '../../server');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => {
      const code = readFileSync(path.join(dir, file), 'utf8');
      if (!/writeAudit|writeCohortAudit|writeForumAudit|insertInto\('audit_log'\)/.test(code)) return [];
      return [
        ...code.matchAll(/\baction: '([a-z_.]+)'/g),
        ...code.matchAll(/\baction: [^,]*\? '([a-z_.]+)' : '([a-z_.]+)'/g),
      ].flatMap((m) => m.slice(1).filter(Boolean));
    });
}

describe('audit labels', () => {
  it('knows every literal action the server writes', () => {
    const literals = literalActions();
    expect(literals.length).toBeGreaterThan(15);
    expect(literals.filter((code) => !WRITTEN.includes(code))).toEqual([]);
  });

  for (const lang of ['en', 'es', 'fr']) {
    it(`names every export of personal data and the glossary imports, each differently, in ${lang}`, () => {
      const t = translator(lang);
      for (const action of DATA_ACTIONS) expect(auditActionLabel(t, action), action).toMatch(/\S/);
      expect(new Set(DATA_ACTIONS.map((action) => auditActionLabel(t, action))).size).toBe(DATA_ACTIONS.length);
    });
  }

  for (const lang of ['en', 'es', 'fr']) {
    it(`names every action and every kind of target in ${lang}`, () => {
      const t = translator(lang);
      for (const action of WRITTEN) expect(auditActionLabel(t, action), `${lang}: ${action}`).toMatch(/\S/);
      expect(auditActionLabel(t, 'reading.reordered_week_3')).toContain('3');
      expect(auditActionLabel(t, 'application.accepted_key_respondent_week_2')).toContain('2');
      const labels = WRITTEN.filter(
        (action) => !action.startsWith('role.') && !/_(participant|translator|organizer|key_respondent)$/.test(action),
      ).map((action) => auditActionLabel(t, action));
      expect(new Set(labels).size).toBe(labels.length);
      expect(auditTargetLabel(t, 'application', 7, 'Ana Pérez')).toContain('Ana Pérez');
      expect(auditTargetLabel(t, 'week', 40, 'Financing the social economy', 2)).toMatch(
        /2 — Financing the social economy$/,
      );
      expect(auditTargetLabel(t, 'week', 40, null, 2)).toContain('2');
      for (const type of ['week', 'reconfirmation_request', 'forum', 'something_new']) {
        expect(auditTargetLabel(t, type, 40), `${lang}: ${type}`).not.toMatch(
          /40|reconfirmation_request|something_new/,
        );
      }
      expect(auditTargetLabel(t, 'reading', 12)).toContain('12');
    });
  }

  it('names an unknown code in words, never as the code', () => {
    const t = translator('en');
    expect(auditActionLabel(t, 'reading.something_else')).toBeNull();
    expect(auditActionText(t, 'glossary.imported_somehow')).toBe('An action this page cannot name yet');
  });
});

describe('audit labels of the cohort lists', () => {
  for (const lang of ['en', 'es', 'fr']) {
    it(`names every change to regions, sectors, prerequisites and seats in ${lang}`, () => {
      const t = translator(lang);
      const actions = ['regions', 'sectors', 'prerequisites'].flatMap((list) =>
        ['added', 'renamed', 'archived', 'restored', 'reordered', 'deleted'].map((verb) => `${list}.${verb}`),
      );
      const labels = [...actions, 'seats.changed'].map((action) => auditActionLabel(t, action));
      for (const label of labels) expect(label).toMatch(/\S/);
      expect(new Set(labels).size).toBe(labels.length);
    });
  }
});
