// The session API's shapes, taken from the server's schemas (type-only: no server code in the bundle).
import type { Static } from 'typebox';
import type { MeResponse, UserResponse } from '../../../server/auth/auth.schemas.ts';

/** Who is signed in, or null for a visitor. */
export type MeAnswer = Static<typeof MeResponse>;
/** What signing in, verifying an email, resetting a password or editing the profile answers: the user now. */
export type UserAnswer = Static<typeof UserResponse>;
