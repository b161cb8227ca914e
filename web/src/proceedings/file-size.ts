// A file's size in the reader's own number format, as the download links show it.
import type { Lang } from '../i18n/languages.ts';

export function fileSize(bytes: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: bytes >= 1_048_576 ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: 1,
  }).format(bytes >= 1_048_576 ? bytes / 1_048_576 : Math.max(0.1, bytes / 1024));
}
