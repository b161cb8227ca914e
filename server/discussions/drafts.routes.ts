// Composer drafts saved on the server every few seconds, so a long post survives a closed tab
// or a change of device. Access: a signed-in user, their own drafts only (keyed by user); saving
// one also needs the right to write where it will be sent (drafts.service.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../http/common.schemas.ts';
import { requireUser } from '../http/access.ts';
import { DraftBody, DraftParams, DraftResponse } from './discussions.schemas.ts';
import { deleteDraft, findDraft } from './drafts.queries.ts';
import { saveUserDraft } from './drafts.service.ts';

function toDraft(row: {
  draft_key: string;
  title: string;
  body_md: string;
  lang: 'en' | 'es' | 'fr';
  updated_at: Date;
}) {
  return {
    key: row.draft_key,
    title: row.title,
    bodyMd: row.body_md,
    lang: row.lang,
    updatedAt: row.updated_at.toISOString(),
  };
}

const draftsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/drafts/:key',
    {
      config: { access: 'user' },
      schema: { tags: ['drafts'], params: DraftParams, response: { 200: DraftResponse, ...errorResponses } },
    },
    async (request) => {
      const row = await findDraft(app.db, requireUser(request).id, request.params.key);
      return { draft: row ? toDraft(row) : null };
    },
  );

  app.put(
    '/api/drafts/:key',
    {
      config: { access: 'user' },
      schema: {
        tags: ['drafts'],
        params: DraftParams,
        body: DraftBody,
        response: { 200: DraftResponse, ...errorResponses },
      },
    },
    async (request) => {
      const row = await saveUserDraft(app.db, requireUser(request), request.params.key, request.body);
      return { draft: toDraft(row) };
    },
  );

  app.delete(
    '/api/drafts/:key',
    {
      config: { access: 'user' },
      schema: { tags: ['drafts'], params: DraftParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await deleteDraft(app.db, requireUser(request).id, request.params.key);
      return reply.code(204).send(null);
    },
  );
};

export default draftsRoutes;
