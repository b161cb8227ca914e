// Request and response shapes of account recovery.
import { Type } from 'typebox';
import { LineText } from '../http/common.schemas.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password.ts';

export const PasswordResetBody = Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }) });

/** The same answer whether or not the address has an account. */
export const PasswordResetRequestedResponse = Type.Object({ status: Type.Literal('requested') });

export const PasswordResetConfirmBody = Type.Object({
  // Any string up to a link's length: a mangled token is an invalid link, not a form error.
  token: LineText({ minLength: 1, maxLength: 100 }),
  password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
});
