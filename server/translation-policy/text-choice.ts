// Which language version of a text a reader gets. Content written by hand in several
// languages follows the reader's interface language; a reading's language versions follow the
// reader's reading languages in order; a text with an original follows the design's rule: the
// original when the reader reads its language, else the first of the reader's languages
// (interface language first) it is written in, else the original.
import type { Lang } from '../db/schema.ts';

export interface Reader {
  lang: Lang;
  readingLangs: readonly Lang[];
}

export function chooseForInterface<T extends { lang: Lang }>(versions: readonly T[], reader: Reader): T | undefined {
  return versions.find((v) => v.lang === reader.lang) ?? versions.find((v) => v.lang === 'en') ?? versions[0];
}

/** The languages a reader reads, in the order they prefer them: the interface language first. */
export function readingOrder(reader: Reader): Lang[] {
  return [...new Set([reader.lang, ...reader.readingLangs])];
}

/**
 * Language versions organizers provide (a reading's files: versions, not translations): the
 * version in the reader's first reading language that has one, interface language first, so
 * a Spanish reader who also reads English gets the Spanish file; else the original.
 */
export function chooseVersion<T extends { lang: Lang }>(
  versions: readonly T[],
  originalLang: Lang,
  reader: Reader,
): T | undefined {
  for (const lang of readingOrder(reader)) {
    const version = versions.find((v) => v.lang === lang);
    if (version) return version;
  }
  return versions.find((v) => v.lang === originalLang) ?? versions[0];
}

/**
 * A reading's attachments: a file for every reader (no language) is always given; files in
 * languages at one position are versions of one file, of which the reader gets the one
 * chooseVersion picks. Order is kept.
 */
export function chooseFileVersions<T extends { lang: Lang | null; position: number }>(
  files: readonly T[],
  originalLang: Lang,
  reader: Reader,
): T[] {
  const chosen = new Set<T>();
  for (const position of new Set(files.filter((f) => f.lang !== null).map((f) => f.position))) {
    const versions = files.filter((f): f is T & { lang: Lang } => f.lang !== null && f.position === position);
    chosen.add(chooseVersion(versions, originalLang, reader)!);
  }
  return files.filter((f) => f.lang === null || chosen.has(f));
}

/** Posts and other texts with one original: the original whenever the reader reads its language. */
export function chooseWithOriginal<T extends { lang: Lang }>(
  versions: readonly T[],
  originalLang: Lang,
  reader: Reader,
): T | undefined {
  const original = versions.find((v) => v.lang === originalLang);
  const order = readingOrder(reader);
  if (original && order.includes(originalLang)) return original;
  for (const lang of order) {
    const version = versions.find((v) => v.lang === lang);
    if (version) return version;
  }
  return original ?? versions[0];
}

/** Groups rows that repeat an entity once per language. */
export function groupBy<K, T>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
