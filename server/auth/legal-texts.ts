// The terms of use and the privacy notice: versioned Markdown in content/legal/, one file per
// document and language, read and rendered once. The version is the date in each file's front
// matter; what a person accepts at registration is the current version of both.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Lang, LegalDocument } from '../db/schema.ts';
import { renderContentMarkdown } from '../markdown/markdown.ts';
import { projectRoot } from '../project-root.ts';

export const LEGAL_DOCUMENTS: readonly LegalDocument[] = ['terms', 'privacy'];
const LANGS: readonly Lang[] = ['en', 'es', 'fr'];

export interface LegalText {
  document: LegalDocument;
  lang: Lang;
  version: string;
  title: string;
  html: string;
}

function parse(document: LegalDocument, lang: Lang, source: string): LegalText {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source);
  if (!match) throw new Error(`content/legal/${document}.${lang}.md has no front matter`);
  const fields = Object.fromEntries(
    match[1]!.split('\n').map((line) => {
      const at = line.indexOf(':');
      return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    }),
  );
  const version = fields.version ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(version))
    throw new Error(`content/legal/${document}.${lang}.md: version must be a date`);
  return { document, lang, version, title: fields.title ?? '', html: renderContentMarkdown(match[2]!, 'legal') };
}

let loaded: Map<string, LegalText> | undefined;

function texts(): Map<string, LegalText> {
  if (loaded) return loaded;
  const all = new Map<string, LegalText>();
  for (const document of LEGAL_DOCUMENTS) {
    const versions = new Set<string>();
    for (const lang of LANGS) {
      const file = path.join(projectRoot, 'content', 'legal', `${document}.${lang}.md`);
      const text = parse(document, lang, readFileSync(file, 'utf8'));
      versions.add(text.version);
      all.set(`${document}.${lang}`, text);
    }
    // One version of a text in three languages: what a person accepted reads the same in each.
    if (versions.size !== 1) throw new Error(`content/legal/${document}.*.md disagree on their version`);
  }
  loaded = all;
  return all;
}

export function legalText(document: LegalDocument, lang: Lang): LegalText {
  return texts().get(`${document}.${lang}`)!;
}

export function currentVersion(document: LegalDocument): string {
  return legalText(document, 'en').version;
}
