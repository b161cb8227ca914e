// The synthesis API's shapes, taken from the server's schemas (type-only: no server code in the bundle).
import type { Static } from 'typebox';
import type {
  CitationSchema,
  ComparisonResponse,
  ElementRevisionsResponse,
  ElementResponse,
  ElementSchema,
  EndorsementResponse,
  NewElementBody,
  ProposalsResponse,
  SynthesisResponse,
} from '../../../server/synthesis/synthesis.schemas.ts';
import type { Choice } from '../../../server/forums/forum-lists.schemas.ts';

export type PolicyElement = Static<typeof ElementSchema>;
export type ElementStatus = PolicyElement['status'];
export type Citation = Static<typeof CitationSchema>;
export type CitationInput = Static<typeof NewElementBody>['citations'][number];
export type Synthesis = Static<typeof SynthesisResponse>;
export type Comparison = Static<typeof ComparisonResponse>;
export type Proposals = Static<typeof ProposalsResponse>;
export type ElementAnswer = Static<typeof ElementResponse>;
export type EndorsementAnswer = Static<typeof EndorsementResponse>;
export type ElementRevision = Static<typeof ElementRevisionsResponse>['revisions'][number];
export type ElementRevisions = Static<typeof ElementRevisionsResponse>;
export type { Choice };

export function synthesisPath(slug: string): string {
  return `/forums/${encodeURIComponent(slug)}/synthesis`;
}

export function synthesisApi(slug: string): string {
  return `/api/forums/${encodeURIComponent(slug)}/synthesis`;
}
