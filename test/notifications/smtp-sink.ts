// A real SMTP server inside the test process (smtp-server), parsing what arrives (mailparser).
// Recipients can be told to answer 4xx or 5xx to RCPT TO. mailparser folds List-* headers into
// an odd object, so tests read those from `headerLines`.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import type { MailTransport } from '../../server/mail/mail-worker.ts';

export interface Received {
  to: string;
  messageId: string;
  subject: string;
  text: string;
  html: string;
  header(name: string): string | undefined;
  parsed: ParsedMail;
}

export interface SmtpSink {
  url: string;
  received: Received[];
  /** Answer RCPT TO for this address with the code (e.g. 451, 550) until cleared. */
  refuse(address: string, code: number | null): void;
  transport(): MailTransport;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: Received[] = [];
  const refusals = new Map<string, number>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = refusals.get(address.address);
      if (!code) return callback();
      const error = new Error(code >= 500 ? 'Mailbox unavailable' : 'Mailbox busy, try later') as Error & {
        responseCode: number;
      };
      error.responseCode = code;
      return callback(error);
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((parsed) => {
        const lines = parsed.headerLines;
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          messageId: parsed.messageId ?? '',
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          header: (name) =>
            lines
              .find((line) => line.key === name.toLowerCase())
              ?.line.replace(/^[^:]+:\s*/, '')
              .replace(/\r?\n\s+/g, ' '),
          parsed,
        });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  const url = `smtp://127.0.0.1:${port}`;
  return {
    url,
    received,
    refuse: (address, code) => {
      if (code) refusals.set(address, code);
      else refusals.delete(address);
    },
    transport: () => nodemailer.createTransport(url),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
