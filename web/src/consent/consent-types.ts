// The consent API's shapes, as the server declares them.
import type { Static } from 'typebox';
import type { ConsentCountsResponse, ConsentResponse } from '../../../server/consent/consent.schemas.ts';

export type Consent = Static<typeof ConsentResponse>;
export type ConsentCounts = Static<typeof ConsentCountsResponse>;
export type ConsentChoice = NonNullable<Consent['choice']>;
