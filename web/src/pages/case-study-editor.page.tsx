// The key respondent's own case study for the week they are assigned to (the editor is
// case-studies/case-study-editor.tsx). Loaded on first use, with the case-study strings.
import { useState } from 'preact/hooks';
import type { Static } from 'typebox';
import type { MyCaseStudiesResponse } from '../../../server/case-studies/case-studies.schemas.ts';
import { caseStudyPaths } from '../case-studies/case-studies-api.ts';
import { CaseStudyEditor } from '../case-studies/case-study-editor.tsx';
import { CaseStudyAttachmentsPanel } from '../case-studies/case-study-attachments.tsx';
import { PageNotLoaded } from '../components/load-error.tsx';
import { LiveMessage, Notice } from '../components/notice.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { SignInPrompt } from '../components/sign-in-prompt.tsx';
import { useApi } from '../hooks/use-api.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useSession } from '../session/session-context.tsx';

type Mine = Static<typeof MyCaseStudiesResponse>;

function EditorContent({ slug }: { slug: string }) {
  const { t } = useI18n();
  const [{ data, error }, update, retry] = useApi<Mine>(caseStudyPaths.mine(slug));
  const [message, setMessage] = useState<string | null>(null);
  const forumHref = `/forums/${encodeURIComponent(slug)}`;
  if (!data) return <PageNotLoaded error={error} retry={retry} />;
  const week = data.assignedWeek;
  if (!week) {
    return (
      <>
        <PageHeading text={t('caseStudies.editor.choose')} />
        <Notice>
          <p>{t('caseStudies.editor.notAssigned')}</p>
        </Notice>
        <p>
          <a href={forumHref}>{t('week.backToForum')}</a>
        </p>
      </>
    );
  }
  const caseStudy = data.caseStudies.find((one) => one.weekNumber === week.number) ?? null;
  const weekHref = `${forumHref}/weeks/${week.number}`;
  return (
    <>
      <PageHeading text={t('caseStudies.editor.title', { number: week.number })} />
      <p>
        <a href={weekHref}>{t('caseStudies.backToWeek', { number: week.number })}</a>
      </p>
      <p class="lead" id="case-study-heading">
        {t('caseStudies.editor.intro')}
      </p>
      <LiveMessage kind="ok" message={message} />
      <CaseStudyEditor
        // A saved or moved case study starts the form again from the server's copy.
        key={caseStudy ? `${caseStudy.id}:${caseStudy.revision}:${caseStudy.status}` : 'new'}
        slug={slug}
        weekNumber={week.number}
        draftKey={`case-study:${week.id}`}
        serverDrafts={typeof week.id === 'number'}
        caseStudy={caseStudy}
        guidance={{ min: data.guidance.minWords, max: data.guidance.maxWords }}
        onChanged={(changed, text) => {
          setMessage(text);
          update((current) => ({
            ...current,
            caseStudies: [changed, ...current.caseStudies.filter((one) => one.id !== changed.id)],
          }));
        }}
      />
      {caseStudy?.permissions.canEdit ? <CaseStudyAttachmentsPanel caseStudyId={caseStudy.id} /> : null}
    </>
  );
}

export default function CaseStudyEditorPage({ slug }: { slug: string }) {
  const { me } = useSession();
  return me ? <EditorContent slug={slug} /> : <SignInPrompt />;
}
