// Where to go after signing in: only a path on this site, so a crafted link cannot send the
// user elsewhere.
export function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
