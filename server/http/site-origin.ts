// Whether an Origin header names this site: its scheme, host and port, as the reader's browser
// reached it. Behind a proxy the scheme comes from X-Forwarded-Proto when TRUST_PROXY is set;
// with SECURE_COOKIES the site is served over HTTPS whatever the last hop was.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

export interface SiteOriginOptions {
  trustProxy: boolean;
  secureCookies: boolean;
}

/** The scheme a browser used to reach this request: https behind SECURE_COOKIES, else the trusted proxy's word or the socket's. */
export function siteScheme(request: IncomingMessage, options: SiteOriginOptions): 'http' | 'https' {
  if (options.secureCookies) return 'https';
  const forwarded = options.trustProxy
    ? String(request.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]!
        .trim()
        .toLowerCase()
    : '';
  if (forwarded === 'https' || forwarded === 'http') return forwarded;
  // A TLS socket says so; a plain one has no such property.
  return (request.socket as Partial<TLSSocket>).encrypted ? 'https' : 'http';
}

/** The host a browser used: the trusted proxy's X-Forwarded-Host, else Host. */
function siteHost(request: IncomingMessage, options: SiteOriginOptions): string | undefined {
  const forwarded = options.trustProxy
    ? String(request.headers['x-forwarded-host'] ?? '')
        .split(',')[0]!
        .trim()
    : '';
  return forwarded || request.headers.host;
}

/** Whether `origin` is this site's own origin (scheme + host + port, default ports normalized). */
export function isSiteOrigin(origin: string, request: IncomingMessage, options: SiteOriginOptions): boolean {
  const host = siteHost(request, options);
  if (!host) return false;
  try {
    return new URL(origin).origin === new URL(`${siteScheme(request, options)}://${host}`).origin;
  } catch {
    return false;
  }
}
