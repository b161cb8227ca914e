// The admins' outbox page: every queued message rendered as it goes (or would go) out, with its
// delivery state — how a newcomer without SMTP follows the mail the site sends.
import type { Kysely } from 'kysely';
import type { DB, OutboxStatus } from '../db/schema.ts';
import type { OutboxPage } from './notifications.schemas.ts';
import { renderOutboxRow, messageIdOf, type RenderContext } from '../mail/outbox-render.ts';

const PAGE_SIZE = 25;

export async function listOutbox(
  db: Kysely<DB>,
  context: RenderContext & { smtpConfigured: boolean },
  filter: { status?: OutboxStatus; before?: number },
): Promise<OutboxPage> {
  let query = db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(PAGE_SIZE);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.before) query = query.where('id', '<', filter.before);
  const rows = await query.execute();
  const messages = await Promise.all(
    rows.map(async (row) => {
      let rendered = { subject: '', text: '', html: '' };
      try {
        rendered = await renderOutboxRow(db, row, context);
      } catch (error) {
        rendered.text = (error as Error).message;
      }
      return {
        id: row.id,
        toEmail: row.to_email,
        lang: row.lang,
        template: row.template,
        status: row.status,
        attempts: row.attempts,
        createdAt: row.created_at.toISOString(),
        sentAt: row.sent_at?.toISOString() ?? null,
        nextAttemptAt: row.next_attempt_at.toISOString(),
        lastResponse: row.last_response,
        messageId: messageIdOf(row, context.publicUrl),
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
      };
    }),
  );
  return {
    smtpConfigured: context.smtpConfigured,
    messages,
    nextBefore: rows.length === PAGE_SIZE ? rows.at(-1)!.id : null,
  };
}
