// Password hashing with argon2id. Unknown accounts are checked against a dummy hash so that
// sign-in takes as long for a wrong email as for a wrong password.
import { hash, verify } from '@node-rs/argon2';

export const PASSWORD_MIN_LENGTH = 10;
// Long inputs make argon2 no slower, but they are still capped so a body cannot be abused.
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | undefined;

/** Verifies a password against a stored hash, or burns the same time when there is none. */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  if (storedHash === undefined) {
    dummyHash ??= hash('dummy password that never matches');
    await verify(await dummyHash, password);
    return false;
  }
  return verify(storedHash, password);
}
