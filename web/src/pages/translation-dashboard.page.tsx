// The organizers' view of translation: queue depth and overdue tasks per language pair, the
// oldest open task, the median time to publish this past week, who translated how much, and
// the members to appoint as translators (or withdraw). Loaded on first use (see lazy-page.ts).
import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client.ts';
import type { ForumMember, ForumMembers, MemberRoles, TranslationDashboard } from '../translation/translation-types.ts';
import { LoadError, PageNotLoaded } from '../components/load-error.tsx';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { SignInPrompt } from '../components/sign-in-prompt.tsx';
import { translationHref } from '../components/translation-links.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useForum } from '../hooks/use-forum.ts';
import { formatList } from '../i18n/format-list.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';
import { humanizeSeconds } from '../translation/text.ts';
import { scrollableRegion } from '../components/scrollable-region.ts';

function roleName(t: (key: string) => string, role: string): string {
  return ['participant', 'key_respondent', 'translator', 'organizer'].includes(role) ? t(`roles.${role}`) : role;
}

function Figures({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const [{ data, error }, , retry] = useApi<TranslationDashboard>(
    `/api/forums/${encodeURIComponent(slug)}/translation-dashboard`,
  );
  if (error) return <LoadError error={error} retry={retry} />;
  if (!data) return <p class="muted">{t('app.loading')}</p>;
  const none = t('dashboard.none');
  return (
    <>
      <section aria-labelledby="dashboard-summary">
        <h2 id="dashboard-summary">{t('dashboard.summary')}</h2>
        <dl class="figures">
          <div>
            <dt>{t('dashboard.openTasks')}</dt>
            <dd>{data.openTasks}</dd>
          </div>
          <div class={data.overdue ? 'figure-warn' : undefined}>
            <dt>{t('dashboard.overdue')}</dt>
            <dd>{data.overdue}</dd>
          </div>
          <div>
            <dt>{t('dashboard.oldest')}</dt>
            <dd>{data.oldestOpenAgeSeconds === null ? none : humanizeSeconds(data.oldestOpenAgeSeconds, lang)}</dd>
          </div>
          <div>
            <dt>{t('dashboard.median')}</dt>
            <dd>
              {data.medianSecondsToPublish7d === null ? none : humanizeSeconds(data.medianSecondsToPublish7d, lang)}
            </dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="dashboard-pairs">
        <h2 id="dashboard-pairs">{t('dashboard.pairs')}</h2>
        {data.pairs.length ? (
          <div class="table-wrap" {...scrollableRegion(t('dashboard.pairs'))}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.pair')}</th>
                  <th scope="col">{t('dashboard.depth')}</th>
                  <th scope="col">{t('dashboard.overdue')}</th>
                </tr>
              </thead>
              <tbody>
                {data.pairs.map((pair) => (
                  <tr key={`${pair.from}-${pair.to}`}>
                    <th scope="row">
                      <a href={`${translationHref(slug, 'translate')}?source=${pair.from}&target=${pair.to}`}>
                        {t('translate.pair', {
                          from: t(`languageNames.${pair.from}`),
                          to: t(`languageNames.${pair.to}`),
                        })}
                      </a>
                    </th>
                    <td>{pair.depth}</td>
                    <td>{pair.overdue ? <span class="badge badge-overdue">{pair.overdue}</span> : 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('dashboard.emptyQueue')}</p>
        )}
      </section>
      <section aria-labelledby="dashboard-throughput">
        <h2 id="dashboard-throughput">{t('dashboard.throughput')}</h2>
        {data.throughput7d.length ? (
          <div class="table-wrap" {...scrollableRegion(t('dashboard.throughput'))}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.translator')}</th>
                  <th scope="col">{t('dashboard.role')}</th>
                  <th scope="col">{t('dashboard.published')}</th>
                </tr>
              </thead>
              <tbody>
                {data.throughput7d.map((row) => (
                  <tr key={`${row.userId}-${row.role}`}>
                    <th scope="row">{row.displayName}</th>
                    <td>{row.role === 'author' ? t('dashboard.author') : roleName(t, row.role)}</td>
                    <td>{row.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('dashboard.noThroughput')}</p>
        )}
      </section>
    </>
  );
}

function MemberRow({
  slug,
  member,
  onRoles,
}: {
  slug: string;
  member: ForumMember;
  onRoles(roles: string[], message: string): void;
}) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isTranslator = member.roles.includes('translator');

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      const { roles } = await api<MemberRoles>(`/api/forums/${encodeURIComponent(slug)}/translators/${member.id}`, {
        method: isTranslator ? 'DELETE' : 'PUT',
      });
      onRoles(roles, t(isTranslator ? 'dashboard.withdrawn' : 'dashboard.appointed', { name: member.displayName }));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <tr>
      <th scope="row" id={`member-${member.id}`}>
        {member.displayName}
      </th>
      <td>
        {formatList(
          member.roles.map((role) => roleName(t, role)),
          lang,
        )}
      </td>
      <td>
        {formatList(
          member.readingLangs.map((l) => (['en', 'es', 'fr'].includes(l) ? t(`languageNames.${l}`) : l)),
          lang,
        )}
      </td>
      <td>
        <button
          type="button"
          class={isTranslator ? 'button-quiet button-small' : 'button-small'}
          disabled={busy}
          id={`appoint-${member.id}`}
          aria-labelledby={`appoint-${member.id} member-${member.id}`}
          onClick={() => void toggle()}
        >
          {t(isTranslator ? 'dashboard.withdraw' : 'dashboard.appoint')}
        </button>
        <LiveMessage message={error} />
      </td>
    </tr>
  );
}

function Members({ slug }: { slug: string }) {
  const { t } = useI18n();
  const [{ data, error }, update, retry] = useApi<ForumMembers>(`/api/forums/${encodeURIComponent(slug)}/members`);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section aria-labelledby="dashboard-members">
      <h2 id="dashboard-members">{t('dashboard.members')}</h2>
      <LiveMessage kind="ok" message={message} />
      {error ? <LoadError error={error} retry={retry} /> : null}
      {!data && !error ? <p class="muted">{t('app.loading')}</p> : null}
      {data ? (
        <div class="table-wrap" {...scrollableRegion(t('dashboard.members'))}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.member')}</th>
                <th scope="col">{t('dashboard.roles')}</th>
                <th scope="col">{t('dashboard.reads')}</th>
                <th scope="col">{t('dashboard.translatorRole')}</th>
              </tr>
            </thead>
            <tbody>
              {data.members.map((member) => (
                <MemberRow
                  key={member.id}
                  slug={slug}
                  member={member}
                  onRoles={(roles, text) => {
                    update((d) => ({ members: d.members.map((m) => (m.id === member.id ? { ...m, roles } : m)) }));
                    setMessage(text);
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export default function TranslationDashboardPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  const forumHref = `/forums/${encodeURIComponent(slug)}`;
  const { forum, error, retry } = useForum(slug);
  if (!forum) return <PageNotLoaded error={error} retry={retry} />;
  const organizer = forum.myRoles.includes('organizer');
  return (
    <>
      <PageHeading text={t('dashboard.title')} />
      <p class="meta">
        <a href={forumHref} lang={forum.title.lang}>
          {forum.title.value}
        </a>
        <a href={translationHref(slug, 'translate')}>{t('translate.queueLink')}</a>
        <a href={translationHref(slug, 'glossary')}>{t('glossary.link')}</a>
      </p>
      {!me ? (
        <SignInPrompt />
      ) : organizer ? (
        <>
          <Figures slug={slug} />
          <Members slug={slug} />
        </>
      ) : (
        <Notice kind="warn">
          <p>{t('dashboard.organizersOnly')}</p>
        </Notice>
      )}
    </>
  );
}
