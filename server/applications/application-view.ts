// Turns application rows into what the API answers, and checks an application's texts against
// the forum's word limits with the counter the SPA shows.
import type { Forum } from '../db/schema.ts';
import { DomainError } from '../errors/domain-error.ts';
import { countWords } from '../../web/src/text/word-count.ts';
import type { ApplicationRow } from './applications.queries.ts';
import {
  EXPERIENCE_FIELDS,
  EXPERIENCE_WORD_LIMIT,
  STATEMENT_WORD_LIMIT,
  type ApplicationInput,
  type ApplicationView,
} from './applications.schemas.ts';

function names(en: string | null, es: string | null, fr: string | null) {
  return en === null || es === null || fr === null ? null : { en, es, fr };
}

export function toApplicationView(row: ApplicationRow): ApplicationView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    applicant: { id: row.user_id, displayName: row.display_name },
    description: row.description,
    statement: row.statement,
    fitsWeek: row.fits_week ?? null,
    assignedWeek: row.assigned_week ?? null,
    organisation: row.organisation,
    region: row.region_key ?? '',
    regionName: names(row.region_en, row.region_es, row.region_fr),
    sector: row.sector_key ?? '',
    sectorName: names(row.sector_en, row.sector_es, row.sector_fr),
    prerequisitesConfirmed: row.prerequisite_keys,
    researchExperience: row.research_experience,
    groundExperience: row.ground_experience,
    policyExperience: row.policy_experience,
    country: row.country,
    langs: row.langs,
    heardFrom: row.heard_from,
    lang: row.lang,
    decisionMessage: row.decision_message,
    decidedAt: row.decided_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Refuses texts over their limits; a participant's application carries no statement or experience. */
export function checkTexts(forum: Pick<Forum, 'description_word_limit'>, input: ApplicationInput): void {
  const descriptionWords = countWords(input.description);
  if (descriptionWords > forum.description_word_limit) {
    throw new DomainError('too_many_words', {
      field: 'description',
      count: descriptionWords,
      max: forum.description_word_limit,
    });
  }
  if (input.kind === 'key_respondent') {
    const statement = input.statement ?? '';
    if (countWords(statement) === 0) throw new DomainError('validation', { field: 'statement' });
    const statementWords = countWords(statement);
    if (statementWords > STATEMENT_WORD_LIMIT) {
      throw new DomainError('too_many_words', { field: 'statement', count: statementWords, max: STATEMENT_WORD_LIMIT });
    }
    for (const field of EXPERIENCE_FIELDS) {
      const words = countWords(input[field] ?? '');
      if (words > EXPERIENCE_WORD_LIMIT)
        throw new DomainError('too_many_words', { field, count: words, max: EXPERIENCE_WORD_LIMIT });
    }
    if (input.fitsWeek == null) throw new DomainError('validation', { field: 'fitsWeek' });
  }
}
