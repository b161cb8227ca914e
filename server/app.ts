// The application factory: every plugin and route, on a database it is handed or opens.
// main.ts calls it to serve; tests call it to get an app on their own database.
import { existsSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { DomainError } from './errors/domain-error.ts';
import { enforceAccess } from './http/access.ts';
import { RequestLogController } from './http/request-log.ts';
import { validatorCompiler } from './http/validator-compiler.ts';
import authPlugin from './plugins/auth.plugin.ts';
import dbPlugin from './plugins/db.plugin.ts';
import errorsPlugin, { clientErrorHandler, frameworkErrors } from './plugins/errors.plugin.ts';
import inFlightPlugin from './plugins/in-flight.plugin.ts';
import languagePlugin from './plugins/language.plugin.ts';
import originCheckPlugin from './plugins/origin-check.plugin.ts';
import authRoutes from './auth/auth.routes.ts';
import passwordResetRoutes from './auth/password-reset.routes.ts';
import forumsRoutes from './forums/forums.routes.ts';
import weeksRoutes from './weeks/weeks.routes.ts';
import healthRoutes from './health/health.routes.ts';
import realtimePlugin from './realtime/realtime.plugin.ts';
import discussionsRoutes from './discussions/discussions.routes.ts';
import draftsRoutes from './discussions/drafts.routes.ts';
import questionsRoutes from './questions/questions.routes.ts';
import homeRoutes from './home/home.routes.ts';
import moderationRoutes from './moderation/moderation.routes.ts';
import peopleRoutes from './people/people.routes.ts';
import translationsRoutes from './translations/translations.routes.ts';
import previewRoutes from './content/preview.routes.ts';
import readingsRoutes from './readings/readings.routes.ts';
import attachmentsRoutes from './attachments/attachments.routes.ts';
import readingUploadsRoutes from './readings/reading-uploads.routes.ts';
import { readingAttachments } from './readings/reading-attachments.service.ts';
import { caseStudyAttachments } from './case-studies/case-study-attachments.service.ts';
import exportRoutes from './content/export.routes.ts';
import glossaryRoutes from './translations/glossary.routes.ts';
import translationAdminRoutes from './translations/translation-admin.routes.ts';
import cohortRoutes from './applications/cohort.routes.ts';
import notificationsPlugin from './notifications/notifications.plugin.ts';
import { notificationComposers } from './notifications/notification-composers.ts';
import { questionComposers } from './questions/question-email.ts';
import { announceOverdueQuestions } from './questions/question-jobs.ts';
import { caseStudyComposers } from './case-studies/case-study-email.ts';
import caseStudiesPlugin from './case-studies/case-studies.plugin.ts';
import caseStudiesRoutes from './case-studies/case-studies.routes.ts';
import synthesisRoutes from './synthesis/synthesis.routes.ts';
import searchRoutes from './search/search.routes.ts';
import { synthesisComposers } from './synthesis/synthesis-email.ts';
import notificationsRoutes from './notifications/notifications.routes.ts';
import forumListsRoutes from './forums/forum-lists.routes.ts';
import forumSettingsRoutes from './forums/forum-settings.routes.ts';
import consentRoutes from './consent/consent.routes.ts';
import forumCreationRoutes from './forums/forum-creation.routes.ts';
import scheduleRoutes from './forums/schedule.routes.ts';
import analyticsRoutes from './analytics/analytics.routes.ts';
import { requestReconfirmationIn } from './applications/reconfirmation.service.ts';
import proceedingsRoutes from './proceedings/proceedings.routes.ts';
import proceedingsJobsPlugin from './proceedings/proceedings-jobs.plugin.ts';
import privacyRoutes from './privacy/privacy.routes.ts';
import dataExportsPlugin from './privacy/data-exports.plugin.ts';
import { privacyComposers } from './privacy/privacy-email.ts';
import { purgeExpiredData } from './privacy/retention.ts';

export interface BuildAppOptions {
  config: Config;
  /** A database the caller opened (and will close); otherwise one is opened from the config and closed with the app. */
  database?: Database;
  logger?: boolean | object;
}

export async function buildApp({ config, database, logger }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    logController: new RequestLogController(),
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // What fails before a route is found gets the API's error shape too (errors.plugin.ts).
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Bodies are not coerced, params and querystrings only from decimal numerals (validator-compiler.ts).
  app.setValidatorCompiler(validatorCompiler);
  await app.register(inFlightPlugin);
  const db = database ?? (await openDatabase(config));
  if (!database) {
    app.addHook('onClose', async () => {
      await app.handlersSettled();
      await db.close();
    });
  }

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorsPlugin);
  enforceAccess(app);
  // A thread page is ~60 KB of JSON; compressed it is a fifth to a tenth of that over a slow
  // 3G link. Brotli at its fast quality with a window sized for API answers, gzip for older
  // clients; compressed in one synchronous call (about 0.6 ms for a page) rather than a
  // stream, whose per-response encoder state costs more CPU and memory than the work itself.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    syncThreshold: 1024 * 1024,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } },
  });
  await app.register(dbPlugin, { database: db });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
  });
  const site = { trustProxy: config.trustProxy, secureCookies: config.secureCookies };
  await app.register(originCheckPlugin, { allowedOrigins: config.allowedOrigins, ...site });
  await app.register(authPlugin, { secureCookies: config.secureCookies });
  await app.register(languagePlugin);
  await app.register(rateLimit, {
    global: false,
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined once the client's socket is gone
    keyGenerator: (request) => request.ip ?? 'unknown',
    errorResponseBuilder: () => new DomainError('rate_limited'),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Tertulia API', version: '0.1.0', description: 'Multilingual, time-boxed policy forums' },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(realtimePlugin, { allowedOrigins: config.allowedOrigins, ...site });
  await app.register(notificationsPlugin, {
    config,
    composers: {
      ...notificationComposers,
      ...questionComposers,
      ...caseStudyComposers,
      ...synthesisComposers,
      ...privacyComposers,
    },
    announcers: [announceOverdueQuestions, (db) => purgeExpiredData(db, config.retentionDays)],
  });
  await app.register(caseStudiesPlugin, { config });
  await app.register(proceedingsJobsPlugin, { config });
  await app.register(dataExportsPlugin, { config });
  await app.register(healthRoutes);
  await app.register(authRoutes, {
    secureCookies: config.secureCookies,
    rateLimit: config.authRateLimit,
    publicUrl: config.publicUrl,
    logVerificationLinks: !config.smtpUrl,
  });
  await app.register(passwordResetRoutes, {
    secureCookies: config.secureCookies,
    rateLimit: config.authRateLimit,
    publicUrl: config.publicUrl,
    logResetLinks: !config.smtpUrl,
  });
  await app.register(forumsRoutes);
  await app.register(weeksRoutes);
  await app.register(discussionsRoutes, { postRateLimit: config.postRateLimit });
  await app.register(draftsRoutes);
  await app.register(caseStudiesRoutes);
  await app.register(synthesisRoutes);
  await app.register(searchRoutes);
  await app.register(questionsRoutes, { postRateLimit: config.postRateLimit });
  await app.register(homeRoutes);
  await app.register(moderationRoutes);
  await app.register(peopleRoutes);
  await app.register(translationsRoutes);
  await app.register(previewRoutes);
  await app.register(readingsRoutes);
  const files = { attachmentsDir: config.attachmentsDir, attachmentMaxBytes: config.attachmentMaxBytes };
  await app.register(attachmentsRoutes, { owner: readingAttachments, ...files });
  await app.register(readingUploadsRoutes, files);
  await app.register(attachmentsRoutes, { owner: caseStudyAttachments, ...files });
  await app.register(exportRoutes, { attachmentsDir: config.attachmentsDir });
  await app.register(proceedingsRoutes, { proceedingsDir: config.proceedingsDir });
  await app.register(glossaryRoutes);
  await app.register(translationAdminRoutes);
  await app.register(cohortRoutes, {
    publicUrl: config.publicUrl,
    secureCookies: config.secureCookies,
    rateLimit: config.authRateLimit,
  });
  await app.register(notificationsRoutes);
  await app.register(forumSettingsRoutes);
  await app.register(analyticsRoutes);
  await app.register(forumListsRoutes);
  await app.register(consentRoutes);
  await app.register(privacyRoutes, {
    inlineRowLimit: config.exportInlineRowLimit,
    lifetimeHours: config.exportLifetimeHours,
  });
  await app.register(forumCreationRoutes);
  await app.register(scheduleRoutes, {
    reconfirm: (trx, forum, actor, message, now) =>
      requestReconfirmationIn(trx, forum, actor, message, config.publicUrl, now),
  });

  const indexHtml = path.join(config.staticDir, 'index.html');
  const hasSpa = existsSync(indexHtml);
  const assetsDir = path.join(config.staticDir, 'assets') + path.sep;
  if (hasSpa) {
    await app.register(fastifyStatic, {
      root: config.staticDir,
      wildcard: false,
      index: false,
      // Vite names assets by their content's hash, so a returning reader on a slow link
      // never fetches, nor even revalidates, one it already has; the index is always checked.
      setHeaders: (reply, filePath) => {
        reply.header(
          'cache-control',
          filePath.startsWith(assetsDir) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  // Client routes of the SPA get its index page; API paths and other methods get the JSON 404.
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/') && hasSpa;
    if (isPage) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    throw new DomainError('not_found');
  });

  return app;
}
