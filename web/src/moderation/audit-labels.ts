// Audit actions and targets in words: the codes the server writes (some carry a role or a week
// number in them) mapped to the moderation.audit strings, and each target by its name (a person,
// an applicant, a title) where the API sends one. No code is ever shown as it is.
type T = (key: string, options?: Record<string, unknown>) => string;

const PLAIN = new Set([
  'hide',
  'unhide',
  'pin',
  'unpin',
  'lock',
  'unlock',
  'resolve_report',
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
  'application.accepted',
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
  'proceedings.published',
  'proceedings.unpublished',
]);
const ROLES = new Set(['participant', 'key_respondent', 'translator', 'organizer']);
/** Exports of personal data and bulk writes: who took or replaced what, and when. */
const DATA_ACTIONS = new Set([
  'export.members',
  'export.key_respondents',
  'export.applications',
  'export.contacts',
  'export.forum_programme',
  'glossary.imported_merge',
  'glossary.imported_replace',
]);

/** The action in words; null for a code this page does not know (the page then says so in words). */
export function auditActionLabel(t: T, action: string): string | null {
  if (PLAIN.has(action)) return t(`moderation.audit.actions.${action.replace('.', '_')}`);
  if (DATA_ACTIONS.has(action)) return t(`moderation.audit.actions.${action.replace('.', '_')}`);
  const week = /^role\.(added_key_respondent_week|key_respondent_week)_(\d+)$/.exec(action);
  if (week)
    return t(
      week[1] === 'added_key_respondent_week'
        ? 'moderation.audit.actions.key_respondent_week'
        : 'moderation.audit.actions.key_respondent_moved',
      { number: Number(week[2]) },
    );
  const accepted = /^application\.accepted_key_respondent_week_(\d+)$/.exec(action);
  if (accepted)
    return t('moderation.audit.actions.application_accepted_key_respondent', { number: Number(accepted[1]) });
  const reordered = /^reading\.reordered_week_(\d+)$/.exec(action);
  if (reordered) return t('moderation.audit.actions.reading_reordered', { number: Number(reordered[1]) });
  const role = /^role\.(added|removed)_(\w+)$/.exec(action);
  if (role && ROLES.has(role[2]!))
    return t(`moderation.audit.actions.role_${role[1]}`, { role: t(`roles.${role[2]}`) });
  const list = /^(regions|sectors|prerequisites|themes)\.(added|renamed|archived|restored|reordered|deleted)$/.exec(
    action,
  );
  if (list) return t(`moderation.audit.actions.list_${list[2]}`, { list: t(`moderation.audit.lists.${list[1]}`) });
  if (action === 'seats.changed') return t('moderation.audit.actions.seats_changed');
  const invited = /^(invitation\.sent|member\.added)_(\w+)$/.exec(action);
  if (invited && ROLES.has(invited[2]!)) {
    return t(
      invited[1] === 'invitation.sent'
        ? 'moderation.audit.actions.invitation_sent'
        : 'moderation.audit.actions.member_added',
      { role: t(`roles.${invited[2]}`) },
    );
  }
  return null;
}

/** Any action, in words: an unknown code is named as such, never printed. */
export function auditActionText(t: T, action: string): string {
  return auditActionLabel(t, action) ?? t('moderation.audit.actions.other');
}

const NAMED = new Set(['post', 'thread', 'report', 'application', 'invitation', 'reading', 'week']);
const NUMBERED = new Set([
  'post',
  'thread',
  'report',
  'user',
  'application',
  'invitation',
  'reading',
  'policy_element',
]);

export interface AuditTarget {
  targetType: string;
  targetId: number;
  targetName: string | null;
  targetNumber?: number | null;
}

/**
 * The target in words, as a sentence with `{{name}}` left for the caller to put in (a title needs
 * its own lang attribute): [before, after] around the name, or the whole text when there is no name.
 */
export function auditTargetParts(
  t: T,
  target: AuditTarget,
  formatDate?: (iso: string) => string,
  at?: string | null,
): { text: string } | { before: string; after: string } {
  const { targetType: type, targetId: id, targetName: name } = target;
  if (type === 'forum') return { text: t('moderation.audit.targets.forum') };
  if (type === 'reconfirmation_request') {
    return {
      text:
        at && formatDate
          ? t('moderation.audit.targets.reconfirmation_request_at', { date: formatDate(at) })
          : t('moderation.audit.targets.reconfirmation_request'),
    };
  }
  if (type === 'week' && target.targetNumber != null) {
    if (!name) return { text: t('moderation.audit.targets.week', { number: target.targetNumber }) };
    const [before, after] = t('moderation.audit.targets.week_named', {
      number: target.targetNumber,
      name: '\u0000',
    }).split('\u0000');
    return { before: before ?? '', after: after ?? '' };
  }
  if (type === 'user' && name) return { before: '', after: '' };
  if (NAMED.has(type) && name) {
    const [before, after] = t(`moderation.audit.targets.${type}_named`, { name: '\u0000' }).split('\u0000');
    return { before: before ?? '', after: after ?? '' };
  }
  return {
    text: NUMBERED.has(type) ? t(`moderation.audit.targets.${type}`, { id }) : t('moderation.audit.targets.other'),
  };
}

/** The target as plain text (for tests and for places without markup). */
export function auditTargetLabel(
  t: T,
  type: string,
  id: number,
  name: string | null = null,
  number: number | null = null,
): string {
  const parts = auditTargetParts(t, { targetType: type, targetId: id, targetName: name, targetNumber: number });
  return 'text' in parts ? parts.text : `${parts.before}${name ?? ''}${parts.after}`;
}
