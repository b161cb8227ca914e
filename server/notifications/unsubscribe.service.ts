// One-click unsubscribe from a signed link, without signing in: a GET only describes what the
// link turns off (mail scanners follow links); a POST turns it off. Repeating it changes nothing.
import type { Kysely } from 'kysely';
import type { DB, Lang } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { isNotificationType, notificationRules } from './notification-types.ts';
import type { UnsubscribeView } from './notifications.schemas.ts';
import { DEFAULT_DIGEST } from './preferences.service.ts';
import { findDigestSetting, findEmailSetting, stopForumEmail, upsertTypeSetting } from './preferences.queries.ts';
import { verifyUnsubscribe, type UnsubscribeClaim } from '../mail/unsubscribe-token.ts';

function parse(secret: string, token: string): UnsubscribeClaim & { kind: 'type' | 'digest'; target: string } {
  const claim = verifyUnsubscribe(secret, token);
  if (!claim) throw new DomainError('unsubscribe_link_invalid');
  const [kind, target] = claim.scope.split(':') as ['type' | 'digest', string];
  if (kind === 'type' && (!isNotificationType(target) || notificationRules[target].required))
    throw new DomainError('unsubscribe_link_invalid');
  return { ...claim, kind, target };
}

async function describe(db: Kysely<DB>, claim: ReturnType<typeof parse>, lang: Lang): Promise<UnsubscribeView> {
  if (claim.kind === 'type') {
    const row = await findEmailSetting(db, claim.userId, claim.target);
    if (!row) throw new DomainError('unsubscribe_link_invalid');
    return { scope: 'type', type: claim.target, forumTitle: null, unsubscribed: row.email === false };
  }
  const forum = await findDigestSetting(db, claim.userId, Number(claim.target), lang);
  if (!forum) throw new DomainError('unsubscribe_link_invalid');
  return { scope: 'digest', type: null, forumTitle: forum.title ?? forum.slug, unsubscribed: forum.schedule === 'off' };
}

export async function previewUnsubscribe(
  db: Kysely<DB>,
  secret: string,
  token: string,
  lang: Lang,
): Promise<UnsubscribeView> {
  return describe(db, parse(secret, token), lang);
}

export async function unsubscribe(db: Kysely<DB>, secret: string, token: string, lang: Lang): Promise<UnsubscribeView> {
  const claim = parse(secret, token);
  const before = await describe(db, claim, lang);
  if (!before.unsubscribed) {
    await db.transaction().execute(async (trx) => {
      if (claim.kind === 'type') {
        const rule = notificationRules[claim.target as keyof typeof notificationRules];
        const saved = await findEmailSetting(trx, claim.userId, claim.target);
        await upsertTypeSetting(trx, claim.userId, claim.target, saved?.in_app ?? rule.inApp, false);
        return;
      }
      await stopForumEmail(trx, claim.userId, Number(claim.target), DEFAULT_DIGEST);
    });
  }
  return { ...before, unsubscribed: true };
}
