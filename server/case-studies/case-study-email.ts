// What case-study emails say, composed at delivery in the recipient's language: the organizers'
// decision for the key respondent (approved, or changes asked with the comment), and, for members
// who asked for it by email, a case study published in their week.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { emailString } from '../mail/email-templates.ts';
import { forumTitle } from '../notifications/notification-email.ts';
import type { Composed, MailComposers, Recipient } from '../mail/outbox-render.ts';

async function caseStudyOf(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('case_studies')
    .innerJoin('weeks', 'weeks.id', 'case_studies.week_id')
    .innerJoin('users', 'users.id', 'case_studies.author_id')
    .select([
      'case_studies.id',
      'case_studies.forum_id',
      'case_studies.title',
      'weeks.number as week_number',
      'users.display_name as author_name',
    ])
    .where('case_studies.id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function composeCaseStudyReview(
  db: Kysely<DB>,
  base: string,
  reader: Recipient,
  payload: Record<string, unknown>,
): Promise<Composed> {
  const study = await caseStudyOf(db, Number(payload.caseStudyId));
  const forum = await forumTitle(db, study.forum_id, reader.interfaceLang);
  const approved = payload.action === 'approved';
  const lang = reader.interfaceLang;
  return {
    values: {
      name: reader.displayName,
      forumTitle: forum?.title ?? forum?.slug ?? '',
      title: study.title,
      weekNumber: study.week_number,
      decision: emailString(lang, approved ? 'case_study_review.approved' : 'case_study_review.changes_requested'),
      explanation: emailString(lang, approved ? 'case_study_review.approvedText' : 'case_study_review.changesText', {
        weekNumber: study.week_number,
      }),
      comment: typeof payload.comment === 'string' ? payload.comment : '',
      caseStudyUrl: `${base}/forums/${forum?.slug ?? ''}/case-studies/${study.id}`,
    },
    blocks: {},
  };
}

export async function composeCaseStudyPublished(
  db: Kysely<DB>,
  base: string,
  reader: Recipient,
  payload: Record<string, unknown>,
): Promise<Composed> {
  const study = await caseStudyOf(db, Number(payload.caseStudyId));
  const forum = await forumTitle(db, study.forum_id, reader.interfaceLang);
  return {
    values: {
      name: reader.displayName,
      forumTitle: forum?.title ?? forum?.slug ?? '',
      title: study.title,
      weekNumber: study.week_number,
      author: study.author_name,
      caseStudyUrl: `${base}/forums/${forum?.slug ?? ''}/case-studies/${study.id}`,
    },
    blocks: {},
  };
}

export const caseStudyComposers: MailComposers = {
  case_study_review: composeCaseStudyReview,
  case_study_published: composeCaseStudyPublished,
};
