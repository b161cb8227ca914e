// What the email saying a data export is ready says, composed at delivery in the owner's language.
import type { Composed, MailComposers, Recipient } from '../mail/outbox-render.ts';

async function composeExportReady(_db: unknown, base: string, reader: Recipient): Promise<Composed> {
  return { values: { name: reader.displayName, profileUrl: `${base}/profile#my-data` }, blocks: {} };
}

export const privacyComposers: MailComposers = { data_export_ready: composeExportReady };
