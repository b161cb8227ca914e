// The caller's language: the Accept-Language the client sends (the SPA sends its interface
// language), else the signed-in user's interface language, else English.
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../db/schema.ts';
import { langFromAcceptLanguage } from '../i18n/i18n.ts';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
  }
}

export function callerLang(request: FastifyRequest): Lang {
  return langFromAcceptLanguage(request.headers['accept-language']) ?? request.user?.interfaceLang ?? 'en';
}

export default fp(
  async (app) => {
    app.decorateRequest('lang', 'en');
    app.addHook('preValidation', async (request) => {
      request.lang = callerLang(request);
    });
  },
  { name: 'language', dependencies: ['auth'] },
);
