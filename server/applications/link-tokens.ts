// Tokens for the cohort's emailed links (invitations, reconfirmation): 160 random bits that
// travel only in the link, with only their SHA-256 stored, so a database reader cannot use a
// link and a changed link matches nothing.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

export function newLinkToken(): { token: string; hash: string } {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
