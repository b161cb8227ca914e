// A file's size as readers expect it, in their interface language ("1.2 MB", "1,2 Mo").
import type { Lang } from '../i18n/languages.ts';

export function formatFileSize(bytes: number, lang: Lang): string {
  const [value, unit] =
    bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : [Math.max(1, Math.round(bytes / 1024)), 'kilobyte'];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(
    value,
  );
}
