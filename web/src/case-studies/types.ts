// The case-study and question shapes, taken from the server's own definitions (type-only: no
// server code reaches the bundle).
import type { Static } from 'typebox';
import type {
  CaseStudyOnlyResponse,
  CaseStudyResponse,
  CaseStudySchema,
  WeekCaseStudySchema,
} from '../../../server/case-studies/case-studies.schemas.ts';
import type {
  AskResponse,
  CaseStudyQuestionsResponse,
  QuestionCountsSchema,
  QuestionListResponse,
  QuestionWithAnswerSchema,
} from '../../../server/questions/questions.schemas.ts';

export type CaseStudy = Static<typeof CaseStudySchema>;
export type WeekCaseStudy = Static<typeof WeekCaseStudySchema>;
export type CaseStudyStatus = CaseStudy['status'];
export type CaseStudyAuthor = CaseStudy['author'];
export type QuestionCounts = Static<typeof QuestionCountsSchema>;
export type CaseStudyQuestions = Static<typeof CaseStudyQuestionsResponse>;
export type QuestionWithAnswer = Static<typeof QuestionWithAnswerSchema>;
export type QuestionPost = QuestionWithAnswer['post'];
export type QuestionList = Static<typeof QuestionListResponse>;
export type QuestionItem = QuestionList['questions'][number];

export interface WordGuidance {
  min: number;
  max: number;
}
/** What asking a question answers: the question, a post in the case study's thread. */
export type AskAnswer = Static<typeof AskResponse>;
/** What creating or editing a case study answers: the case study, and the word guidance for its form. */
export type CaseStudyAnswer = Static<typeof CaseStudyResponse>;
/** What a status change (submit, withdraw, approve, request changes) answers. */
export type CaseStudyOnlyAnswer = Static<typeof CaseStudyOnlyResponse>;
