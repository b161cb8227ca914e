// Turns an outbox row into the message that goes out (and that the admin outbox page shows):
// the template in the row's language, composed blocks for notification mail, the footer
// links, a Message-ID that stays the same on every attempt, and the List-Unsubscribe headers.
import type { Kysely, Selectable } from 'kysely';
import type { DB, OutboxTable } from '../db/schema.ts';
import { renderTemplate, type EmailParts } from './email-templates.ts';
import { composeActivity, composeWeekOpened, type Composed, type Recipient } from './notification-email.ts';
import { composeReportFiled, composeTranslationOverdue } from './organizer-email.ts';
import { signUnsubscribe } from './unsubscribe-token.ts';
import { composeQuestionAsked, composeQuestionOverdue } from '../questions/question-email.ts';
import { composeCaseStudyPublished, composeCaseStudyReview } from '../case-studies/case-study-email.ts';

export type OutboxRow = Selectable<OutboxTable>;

export interface RenderContext {
  publicUrl: string;
  secret: string;
}

export interface RenderedMessage extends EmailParts {
  messageId: string;
  headers: Record<string, string>;
  /** False when nothing is left to tell (every post it was about has been hidden since). */
  worthSending: boolean;
}

const composers: Record<string, (db: Kysely<DB>, base: string, reader: Recipient, payload: Record<string, unknown>) => Promise<Composed>> = {
  week_opened: composeWeekOpened,
  notifications_batch: composeActivity,
  notifications_digest: composeActivity,
  report_filed: composeReportFiled,
  translation_overdue: composeTranslationOverdue,
  question_asked: composeQuestionAsked,
  question_overdue: composeQuestionOverdue,
  case_study_review: composeCaseStudyReview,
  case_study_published: composeCaseStudyPublished,
};

/** Stable across retries of the row, so a receiver can drop a duplicate sent after a crash. */
export function messageIdOf(row: Pick<OutboxRow, 'id' | 'created_at'>, publicUrl: string): string {
  return `<outbox.${row.id}.${row.created_at.getTime().toString(36)}@${new URL(publicUrl).hostname}>`;
}

export async function renderOutboxRow(db: Kysely<DB>, row: OutboxRow, context: RenderContext): Promise<RenderedMessage> {
  const lang = row.lang;
  let composed: Composed = { values: {}, blocks: {} };
  const composer = composers[row.template];
  if (composer) {
    const user = row.user_id === null ? undefined
      : await db.selectFrom('users').select(['id', 'display_name', 'interface_lang', 'reading_langs']).where('id', '=', row.user_id).executeTakeFirst();
    if (!user) throw new Error(`outbox row ${row.id}: its recipient no longer exists`);
    composed = await composer(db, context.publicUrl, { id: user.id, displayName: user.display_name, interfaceLang: lang, readingLangs: user.reading_langs }, row.payload);
  }
  const unsubscribeUrl = row.unsubscribe && row.user_id !== null
    ? `${context.publicUrl}/unsubscribe/${signUnsubscribe(context.secret, { userId: row.user_id, scope: row.unsubscribe })}`
    : null;
  const parts = renderTemplate(lang, row.template, { ...row.payload, ...composed.values }, composed.blocks, {
    unsubscribeUrl, preferencesUrl: `${context.publicUrl}/notifications/preferences`,
  });
  const headers: Record<string, string> = {};
  if (unsubscribeUrl) {
    // The one-click POST goes to the API route; the link in the body opens the SPA page first.
    headers['List-Unsubscribe'] = `<${unsubscribeUrl.replace('/unsubscribe/', '/api/unsubscribe/')}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return {
    ...parts,
    messageId: messageIdOf(row, context.publicUrl),
    headers,
    worthSending: composed.values.itemCount !== 0,
  };
}
