// The reasons the app itself writes into the audit log (which settings changed, how far the dates
// moved, which week was added) in the reader's words; a reason an organizer typed stays as typed.
import type { Lang } from '../db/schema.ts';
import { fieldLabel } from '../i18n/field-labels.ts';
import { translatorFor } from '../i18n/i18n.ts';

const DAY = String.raw`\d{4}-\d{2}-\d{2}`;
const MOVED = new RegExp(`^(${DAY}) → (${DAY}) \\((-?\\d+) d\\)$`);
const WEEK = new RegExp(`^(\\d+): (${DAY})$`);

export function auditReasonInWords(lang: Lang, action: string, reason: string | null): string | null {
  if (reason === null) return null;
  const t = translatorFor(lang);
  if (action === 'forum.settings_changed' || action === 'week.changed') {
    const names = reason
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    return names.length
      ? t('server:audit.changed', { fields: [...new Set(names.map((name) => fieldLabel(lang, name)))].join(', ') })
      : null;
  }
  const moved = action === 'schedule.moved' ? MOVED.exec(reason) : null;
  if (moved) return t('server:audit.moved', { before: moved[1], after: moved[2], count: Math.abs(Number(moved[3])) });
  const week = action === 'week.added' || action === 'week.removed' ? WEEK.exec(reason) : null;
  if (week) return t('server:audit.week', { number: Number(week[1]), day: week[2] });
  return reason;
}
