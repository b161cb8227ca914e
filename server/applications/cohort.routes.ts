// Every route of the cohort (call, applications, review, invitations, reconfirmation, exports,
// directory), registered by app.ts in one line.
import type { FastifyPluginAsync } from 'fastify';
import applicationsRoutes, { type CohortRoutesOptions } from './applications.routes.ts';
import exportsRoutes from './exports.routes.ts';
import invitationsRoutes from './invitations.routes.ts';
import reviewRoutes from './review.routes.ts';
import seatLimitsRoutes from './seat-limits.routes.ts';
import sentInvitationsRoutes from './sent-invitations.routes.ts';

const cohortRoutes: FastifyPluginAsync<CohortRoutesOptions & { secureCookies: boolean }> = async (app, options) => {
  await app.register(applicationsRoutes, options);
  await app.register(reviewRoutes, { publicUrl: options.publicUrl });
  await app.register(exportsRoutes);
  await app.register(invitationsRoutes, { publicUrl: options.publicUrl, secureCookies: options.secureCookies });
  await app.register(sentInvitationsRoutes);
  await app.register(seatLimitsRoutes);
};

export default cohortRoutes;
