// Turns an outbox row into the message that goes out (and that the admin outbox page shows):
// the template in the row's language, composed blocks for notification mail, the footer
// links, a Message-ID that stays the same on every attempt, and the List-Unsubscribe headers.
import type { Kysely, Selectable } from 'kysely';
import type { DB, Lang, OutboxTable } from '../db/schema.ts';
import { renderTemplate, type EmailBlocks, type EmailParts } from './email-templates.ts';
import { signUnsubscribe } from './unsubscribe-token.ts';

export type OutboxRow = Selectable<OutboxTable>;

export interface Recipient {
  id: number;
  displayName: string;
  interfaceLang: Lang;
  readingLangs: Lang[];
}

export interface Composed {
  values: Record<string, unknown>;
  blocks: EmailBlocks;
}

/** Reads what a row is about, as it stands at delivery, in the recipient's language. */
export type MailComposer = (
  db: Kysely<DB>,
  base: string,
  reader: Recipient,
  payload: Record<string, unknown>,
) => Promise<Composed>;

/**
 * By template name. Each domain that queues mail about its own things owns their composers;
 * the app puts them together, and a template without one is rendered from its payload alone.
 */
export type MailComposers = Readonly<Record<string, MailComposer>>;

export interface RenderContext {
  publicUrl: string;
  secret: string;
  composers: MailComposers;
}

export interface RenderedMessage extends EmailParts {
  messageId: string;
  headers: Record<string, string>;
  /** False when nothing is left to tell (every post it was about has been hidden since). */
  worthSending: boolean;
}

/** Stable across retries of the row, so a receiver can drop a duplicate sent after a crash. */
export function messageIdOf(row: Pick<OutboxRow, 'id' | 'created_at'>, publicUrl: string): string {
  return `<outbox.${row.id}.${row.created_at.getTime().toString(36)}@${new URL(publicUrl).hostname}>`;
}

export async function renderOutboxRow(
  db: Kysely<DB>,
  row: OutboxRow,
  context: RenderContext,
): Promise<RenderedMessage> {
  const lang = row.lang;
  let composed: Composed = { values: {}, blocks: {} };
  const composer = Object.hasOwn(context.composers, row.template) ? context.composers[row.template] : undefined;
  if (composer) {
    const user =
      row.user_id === null
        ? undefined
        : await db
            .selectFrom('users')
            .select(['id', 'display_name', 'interface_lang', 'reading_langs'])
            .where('id', '=', row.user_id)
            .executeTakeFirst();
    if (!user) throw new Error(`outbox row ${row.id}: its recipient no longer exists`);
    composed = await composer(
      db,
      context.publicUrl,
      { id: user.id, displayName: user.display_name, interfaceLang: lang, readingLangs: user.reading_langs },
      row.payload,
    );
  }
  const unsubscribeUrl =
    row.unsubscribe && row.user_id !== null
      ? `${context.publicUrl}/unsubscribe/${signUnsubscribe(context.secret, { userId: row.user_id, scope: row.unsubscribe })}`
      : null;
  const parts = renderTemplate(lang, row.template, { ...row.payload, ...composed.values }, composed.blocks, {
    unsubscribeUrl,
    preferencesUrl: `${context.publicUrl}/notifications/preferences`,
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
