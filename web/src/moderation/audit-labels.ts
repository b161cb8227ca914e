// Audit actions in words: the codes the server writes (some carry a role or a week number in
// them) mapped to the moderation.audit strings; an unknown code is shown as it is.
type T = (key: string, options?: Record<string, unknown>) => string;

const PLAIN = new Set(['hide', 'unhide', 'pin', 'unpin', 'lock', 'unlock', 'resolve_report', 'report.dismissed', 'report.acted_on',
  'member.suspended', 'member.unsuspended', 'member.removed', 'invitation.accepted', 'invitation.revoked',
  'reading.created', 'reading.edited', 'reading.unpublished', 'reading.published', 'reading.attachment_added', 'reading.attachment_removed']);
const ROLES = new Set(['participant', 'key_respondent', 'translator', 'organizer']);
/** Exports of personal data and bulk writes: who took or replaced what, and when. */
const DATA_ACTIONS = new Set(['export.members', 'export.key_respondents', 'export.applications', 'export.contacts', 'export.forum_programme',
  'glossary.imported_merge', 'glossary.imported_replace']);

export function auditActionLabel(t: T, action: string): string | null {
  if (PLAIN.has(action)) return t(`moderation.audit.actions.${action.replace('.', '_')}`);
  if (DATA_ACTIONS.has(action)) return t(`moderation.audit.actions.${action.replace('.', '_')}`);
  const week = /^role\.(added_key_respondent_week|key_respondent_week)_(\d+)$/.exec(action);
  if (week) return t(week[1] === 'added_key_respondent_week' ? 'moderation.audit.actions.key_respondent_week' : 'moderation.audit.actions.key_respondent_moved', { number: Number(week[2]) });
  const reordered = /^reading\.reordered_week_(\d+)$/.exec(action);
  if (reordered) return t('moderation.audit.actions.reading_reordered', { number: Number(reordered[1]) });
  const role = /^role\.(added|removed)_(\w+)$/.exec(action);
  if (role && ROLES.has(role[2]!)) return t(`moderation.audit.actions.role_${role[1]}`, { role: t(`roles.${role[2]}`) });
  const list = /^(regions|sectors|prerequisites)\.(added|renamed|archived|restored|reordered|deleted)$/.exec(action);
  if (list) return t(`moderation.audit.actions.list_${list[2]}`, { list: t(`moderation.audit.lists.${list[1]}`) });
  if (action === 'seats.changed') return t('moderation.audit.actions.seats_changed');
  const invited = /^(invitation\.sent|member\.added)_(\w+)$/.exec(action);
  if (invited && ROLES.has(invited[2]!)) {
    return t(invited[1] === 'invitation.sent' ? 'moderation.audit.actions.invitation_sent' : 'moderation.audit.actions.member_added', { role: t(`roles.${invited[2]}`) });
  }
  return null;
}

const TARGETS = new Set(['post', 'thread', 'report', 'user', 'application', 'invitation', 'reading', 'forum']);

export function auditTargetLabel(t: T, type: string, id: number): string {
  return TARGETS.has(type) ? t(`moderation.audit.targets.${type}`, { id }) : t('moderation.audit.targets.other', { type, id });
}
