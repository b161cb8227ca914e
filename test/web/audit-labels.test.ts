// The audit page names every action the readings console and the people console write, and
// every export of personal data and glossary import, in English, Spanish and French: none falls
// back to its raw code.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { auditActionLabel, auditTargetLabel } from '../../web/src/moderation/audit-labels.ts';

type Tree = { [key: string]: string | Tree };
const translator = (lang: string) => {
  const strings = JSON.parse(readFileSync(new URL(`../../locales/${lang}/web.json`, import.meta.url), 'utf8')) as Tree;
  return (key: string, options: Record<string, unknown> = {}) => {
    const found = key.split('.').reduce<string | Tree | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), strings);
    if (typeof found !== 'string') throw new Error(`${lang}: no string ${key}`);
    return found.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]));
  };
};

const READING_ACTIONS = ['reading.created', 'reading.edited', 'reading.unpublished', 'reading.published', 'reading.attachment_added', 'reading.attachment_removed'];

const DATA_ACTIONS = ['export.members', 'export.key_respondents', 'export.applications', 'export.contacts', 'export.forum_programme',
  'glossary.imported_merge', 'glossary.imported_replace'];

describe('audit labels', () => {
  for (const lang of ['en', 'es', 'fr']) {
    it(`names every export of personal data and the glossary imports, each differently, in ${lang}`, () => {
      const t = translator(lang);
      for (const action of DATA_ACTIONS) expect(auditActionLabel(t, action), action).toMatch(/\S/);
      expect(new Set(DATA_ACTIONS.map((action) => auditActionLabel(t, action))).size).toBe(DATA_ACTIONS.length);
    });
  }

  for (const lang of ['en', 'es', 'fr']) {
    it(`names the readings actions and the reading target in ${lang}`, () => {
      const t = translator(lang);
      for (const action of READING_ACTIONS) expect(auditActionLabel(t, action), action).toMatch(/\S/);
      expect(auditActionLabel(t, 'reading.reordered_week_3')).toContain('3');
      expect(auditTargetLabel(t, 'reading', 12)).toContain('12');
      expect(new Set(READING_ACTIONS.map((action) => auditActionLabel(t, action))).size).toBe(READING_ACTIONS.length);
    });
  }
  it('leaves an unknown code unnamed, for the page to show as it is', () => {
    expect(auditActionLabel(translator('en'), 'reading.something_else')).toBeNull();
  });
});

describe('audit labels of the cohort lists', () => {
  for (const lang of ['en', 'es', 'fr']) {
    it(`names every change to regions, sectors, prerequisites and seats in ${lang}`, () => {
      const t = translator(lang);
      const actions = ['regions', 'sectors', 'prerequisites'].flatMap((list) => ['added', 'renamed', 'archived', 'restored', 'reordered', 'deleted'].map((verb) => `${list}.${verb}`));
      const labels = [...actions, 'seats.changed'].map((action) => auditActionLabel(t, action));
      for (const label of labels) expect(label).toMatch(/\S/);
      expect(new Set(labels).size).toBe(labels.length);
    });
  }
});
