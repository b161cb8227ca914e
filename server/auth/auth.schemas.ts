// Request and response shapes of the account routes.
import { Type, type Static } from 'typebox';
import { LangSchema, LineText, NameText } from '../http/common.schemas.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password.ts';

const Email = Type.String({ format: 'email', maxLength: 254 });
const DisplayName = NameText({ maxLength: 80 });
const ReadingLangs = Type.Array(LangSchema, { minItems: 1, maxItems: 3, uniqueItems: true });
const TimeZone = LineText({ minLength: 1, maxLength: 64 });
const ShortText = LineText({ maxLength: 120 });

export const RegisterBody = Type.Object({
  email: Email,
  displayName: DisplayName,
  password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
  interfaceLang: LangSchema,
  readingLangs: ReadingLangs,
  timeZone: TimeZone,
  organisation: Type.Optional(ShortText),
  region: Type.Optional(ShortText),
  country: Type.Optional(ShortText),
  /** The person read and accepts the current terms of use and privacy notice (recorded with their versions). */
  acceptTerms: Type.Literal(true),
  /** A path on this site to open after following the verification link. */
  next: Type.Optional(Type.String({ maxLength: 500, pattern: '^/(?![/\\\\])' })),
});

/** The token of a verification link (20 random bytes in base32). */
export const VerifyEmailBody = Type.Object({ token: Type.String({ pattern: '^[a-z2-7]{32}$' }) });

export const SignInBody = Type.Object({
  email: LineText({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
});

export const ProfileBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    interfaceLang: Type.Optional(LangSchema),
    readingLangs: Type.Optional(ReadingLangs),
    timeZone: Type.Optional(TimeZone),
    organisation: Type.Optional(ShortText),
    region: Type.Optional(ShortText),
    country: Type.Optional(ShortText),
  },
  { minProperties: 1 },
);

export const MeSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  displayName: Type.String(),
  interfaceLang: LangSchema,
  readingLangs: Type.Array(LangSchema),
  timeZone: Type.String(),
  organisation: Type.String(),
  region: Type.String(),
  country: Type.String(),
  isAdmin: Type.Boolean(),
});
export type Me = Static<typeof MeSchema>;

export const MeResponse = Type.Object({ user: Type.Union([MeSchema, Type.Null()]) });
export const UserResponse = Type.Object({ user: MeSchema });
export const RegisteredResponse = Type.Object({ status: Type.Literal('registered') });
