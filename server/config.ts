// Configuration is read once, validated and frozen before the app is built, so nothing
// downstream ever parses an environment variable.
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import path from 'node:path';
import { projectRoot } from './project-root.ts';

export const ConfigSchema = Type.Object({
  host: Type.String(),
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  /** PostgreSQL server; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: Type.Optional(Type.String()),
  /** Folder of the embedded database; `memory://` keeps it in memory. */
  dataDir: Type.String(),
  /** Origins allowed to send writes; the request's own Host is always allowed. */
  allowedOrigins: Type.Array(Type.String()),
  /** Set the Secure flag on the session cookie (true behind HTTPS). */
  secureCookies: Type.Boolean(),
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: Type.Boolean(),
  logLevel: Type.Union([
    Type.Literal('fatal'),
    Type.Literal('error'),
    Type.Literal('warn'),
    Type.Literal('info'),
    Type.Literal('debug'),
    Type.Literal('silent'),
  ]),
  /** Sign-in and registration attempts per IP per window. */
  authRateLimit: Type.Object({ max: Type.Integer({ minimum: 1 }), windowMs: Type.Integer({ minimum: 1 }) }),
  /** Posts and threads one user may create per window. */
  postRateLimit: Type.Object({ max: Type.Integer({ minimum: 1 }), windowMs: Type.Integer({ minimum: 1 }) }),
  /** Built SPA; served when present. */
  staticDir: Type.String(),
  /** Folder of `forums/<slug>/` content imported at start. */
  contentDir: Type.String(),
  /** Import content and create the demo accounts at start. */
  seedDemo: Type.Boolean(),
  /** The site's address as readers reach it, for links in emails. */
  publicUrl: Type.String(),
  /** SMTP server for outgoing mail (smtp://user:pass@host:port, smtps://…); without it mail stays in the outbox. */
  smtpUrl: Type.Optional(Type.String()),
  /** The From of outgoing mail. */
  mailFrom: Type.String(),
  /** Key signing unsubscribe links; when absent one is generated and kept in the database. */
  notificationSecret: Type.Optional(Type.String({ minLength: 16 })),
  /** Run the mail worker and the notification scheduler (week openings, batches, digests) in this instance. */
  backgroundJobs: Type.Boolean(),
  /** Folder of reading attachments, stored by their SHA-256; shared by every instance. */
  attachmentsDir: Type.String(),
  /** The largest attachment accepted, in bytes. */
  attachmentMaxBytes: Type.Integer({ minimum: 1 }),
  /** Folder of generated proceedings editions (HTML, PDF, CSV, JSON); shared by every instance. */
  proceedingsDir: Type.String(),
  /** Days expired sessions, used single-use links and sent mail are kept before the scheduler purges them. */
  retentionDays: Type.Integer({ minimum: 1 }),
  /** Accounts with more personal rows than this get their data export built in the background. */
  exportInlineRowLimit: Type.Integer({ minimum: 0 }),
  /** Hours a background data export can be downloaded. */
  exportLifetimeHours: Type.Integer({ minimum: 1 }),
});
export type Config = Readonly<Static<typeof ConfigSchema>>;

export const defaultConfig: Config = {
  host: '0.0.0.0',
  port: 3000,
  dataDir: path.join(projectRoot, 'data', 'db'),
  allowedOrigins: [],
  secureCookies: false,
  trustProxy: false,
  logLevel: 'info',
  authRateLimit: { max: 10, windowMs: 60_000 },
  postRateLimit: { max: 20, windowMs: 60_000 },
  staticDir: path.join(projectRoot, 'dist', 'web'),
  contentDir: path.join(projectRoot, 'content'),
  seedDemo: true,
  publicUrl: 'http://localhost:3000',
  mailFrom: 'Tertulia <no-reply@localhost>',
  // Tests drive the jobs themselves with an injected clock; readConfig turns them on.
  backgroundJobs: false,
  attachmentsDir: path.join(projectRoot, 'data', 'attachments'),
  attachmentMaxBytes: 20 * 1024 * 1024,
  proceedingsDir: path.join(projectRoot, 'data', 'proceedings'),
  retentionDays: 90,
  exportInlineRowLimit: 2000,
  exportLifetimeHours: 7 * 24,
};

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

/** Reads the environment; throws with every problem listed when it is invalid. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const candidate = {
    ...defaultConfig,
    host: env.HOST ?? defaultConfig.host,
    port: env.PORT ? Number(env.PORT) : defaultConfig.port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? defaultConfig.dataDir,
    allowedOrigins: env.ALLOWED_ORIGINS
      ? env.ALLOWED_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : [],
    secureCookies: bool(env.SECURE_COOKIES, false),
    trustProxy: bool(env.TRUST_PROXY, false),
    logLevel: (env.LOG_LEVEL ?? defaultConfig.logLevel) as Config['logLevel'],
    seedDemo: bool(env.SEED_DEMO, true),
    publicUrl: (env.PUBLIC_URL || `http://localhost:${env.PORT || defaultConfig.port}`).replace(/\/+$/, ''),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || defaultConfig.mailFrom,
    notificationSecret: env.NOTIFICATION_SECRET || undefined,
    backgroundJobs: bool(env.BACKGROUND_JOBS, true),
    contentDir: env.CONTENT_DIR || defaultConfig.contentDir,
    attachmentsDir: env.ATTACHMENTS_DIR || defaultConfig.attachmentsDir,
    attachmentMaxBytes: env.ATTACHMENT_MAX_MB
      ? Math.round(Number(env.ATTACHMENT_MAX_MB) * 1024 * 1024)
      : defaultConfig.attachmentMaxBytes,
    proceedingsDir: env.PROCEEDINGS_DIR || defaultConfig.proceedingsDir,
    retentionDays: env.RETENTION_DAYS ? Number(env.RETENTION_DAYS) : defaultConfig.retentionDays,
    exportInlineRowLimit: env.EXPORT_INLINE_ROWS ? Number(env.EXPORT_INLINE_ROWS) : defaultConfig.exportInlineRowLimit,
  };
  if (!Value.Check(ConfigSchema, candidate)) {
    const problems = [...Value.Errors(ConfigSchema, candidate)].map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return Object.freeze(candidate);
}
