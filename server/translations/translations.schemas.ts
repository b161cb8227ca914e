// Request and response shapes of the translation queue, editor, glossary and dashboard.
import { Type } from 'typebox';
import { MAX_MARKDOWN_LENGTH } from '../markdown/markdown-limits.ts';
import {
  DateTimeSchema,
  HtmlSchema,
  IdSchema,
  LangSchema,
  LineText,
  SafeText,
  VisibleText,
} from '../http/common.schemas.ts';
import { NOTE_MAX_LENGTH, TERM_MAX_LENGTH } from './glossary-csv.ts';

export const Kind = Type.Union([
  Type.Literal('post'),
  Type.Literal('thread_title'),
  Type.Literal('reading'),
  Type.Literal('week'),
  Type.Literal('case_study'),
  Type.Literal('policy_element'),
]);
const Status = Type.Union([
  Type.Literal('open'),
  Type.Literal('claimed'),
  Type.Literal('in_review'),
  Type.Literal('published'),
  Type.Literal('withdrawn'),
  Type.Literal('superseded'),
]);
const NullableDate = Type.Union([DateTimeSchema, Type.Null()]);

export const QueueQuery = Type.Object({
  status: Type.Optional(
    Type.Union([
      Type.Literal('open'),
      Type.Literal('claimed'),
      Type.Literal('mine'),
      Type.Literal('in_review'),
      Type.Literal('published'),
    ]),
  ),
  source: Type.Optional(LangSchema),
  target: Type.Optional(LangSchema),
  week: Type.Optional(Type.Integer({ minimum: 1, maximum: 52 })),
  kind: Type.Optional(Kind),
});

export const TaskSummary = Type.Object({
  id: Type.Integer(),
  kind: Kind,
  itemId: Type.Integer(),
  threadId: Type.Union([Type.Integer(), Type.Null()]),
  weekNumber: Type.Union([Type.Integer(), Type.Null()]),
  sourceLang: LangSchema,
  targetLang: LangSchema,
  sourceRevision: Type.Integer(),
  source: HtmlSchema,
  status: Status,
  claimedBy: Type.Union([Type.Object({ id: Type.Integer(), displayName: Type.String() }), Type.Null()]),
  claimExpiresAt: NullableDate,
  dueAt: DateTimeSchema,
  overdue: Type.Boolean(),
  createdAt: DateTimeSchema,
});
export const QueueResponse = Type.Object({ tasks: Type.Array(TaskSummary) });

export const TaskDetailResponse = Type.Object({
  task: Type.Object({
    id: Type.Integer(),
    kind: Kind,
    itemId: Type.Integer(),
    threadId: Type.Union([Type.Integer(), Type.Null()]),
    status: Status,
    mine: Type.Boolean(),
    claimExpiresAt: NullableDate,
    sourceLang: LangSchema,
    targetLang: LangSchema,
    sourceRevision: Type.Integer(),
    currentSourceRevision: Type.Integer(),
    source: Type.Object({
      lang: LangSchema,
      markdown: Type.String(),
      html: Type.String(),
      paragraphs: Type.Array(Type.String()),
    }),
    glossary: Type.Array(
      Type.Object({
        termId: Type.Integer(),
        start: Type.Integer(),
        end: Type.Integer(),
        text: Type.String(),
        rendering: Type.String(),
        note: Type.String(),
      }),
    ),
    draft: Type.Union([Type.String(), Type.Null()]),
    translatedBy: Type.Union([Type.Integer(), Type.Null()]),
    previousTranslation: Type.Union([
      Type.Object({ markdown: Type.String(), sourceRevision: Type.Integer() }),
      Type.Null(),
    ]),
    sourceDiff: Type.Union([
      Type.Array(
        Type.Object({
          value: Type.String(),
          change: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('same')]),
        }),
      ),
      Type.Null(),
    ]),
    dueAt: DateTimeSchema,
  }),
});

export const ClaimResponse = Type.Object({ claimExpiresAt: DateTimeSchema });
export const TranslationBody = Type.Object({ bodyMd: VisibleText({ maxLength: MAX_MARKDOWN_LENGTH }) });
export const DraftBody = Type.Object({ bodyMd: SafeText({ maxLength: MAX_MARKDOWN_LENGTH }) });
export const PublishResponse = Type.Object({
  status: Type.Union([Type.Literal('published'), Type.Literal('in_review')]),
});
export const ApproveBody = Type.Object({ bodyMd: Type.Optional(VisibleText({ maxLength: MAX_MARKDOWN_LENGTH })) });
export const ReassignBody = Type.Object({ userId: IdSchema });
export const OwnTranslationBody = Type.Object({
  targetLang: LangSchema,
  bodyMd: VisibleText({ maxLength: MAX_MARKDOWN_LENGTH }),
});
export const RequestBody = Type.Object({ kind: Kind, itemId: IdSchema, targetLang: LangSchema });

// The CSV import checks its cells by the same rules (glossary-csv.ts).
export const TermBody = Type.Object({
  en: LineText({ maxLength: TERM_MAX_LENGTH, default: '' }),
  es: LineText({ maxLength: TERM_MAX_LENGTH, default: '' }),
  fr: LineText({ maxLength: TERM_MAX_LENGTH, default: '' }),
  note: SafeText({ maxLength: NOTE_MAX_LENGTH, default: '' }),
});
export const TermParams = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,79}$' }), id: IdSchema });
const ImportMode = Type.Union([Type.Literal('merge'), Type.Literal('replace')]);
export const GlossaryImportQuery = Type.Object({
  mode: Type.Optional(ImportMode),
  dryRun: Type.Optional(Type.Boolean({ description: 'Report what the import would do; change nothing' })),
  confirm: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 100_000,
      description: 'For a replace: the number of terms it removes, as the dry run reported',
    }),
  ),
});
export const GlossaryImportResponse = Type.Object({
  mode: ImportMode,
  dryRun: Type.Boolean(),
  terms: Type.Integer(),
  added: Type.Integer(),
  changed: Type.Integer(),
  removed: Type.Integer(),
  unchanged: Type.Integer(),
});
export const Term = Type.Object({
  id: Type.Integer(),
  en: Type.String(),
  es: Type.String(),
  fr: Type.String(),
  note: Type.String(),
});
export const GlossaryResponse = Type.Object({ terms: Type.Array(Term) });

export const DashboardResponse = Type.Object({
  pairs: Type.Array(Type.Object({ from: LangSchema, to: LangSchema, depth: Type.Integer(), overdue: Type.Integer() })),
  openTasks: Type.Integer(),
  overdue: Type.Integer(),
  oldestOpenAgeSeconds: Type.Union([Type.Integer(), Type.Null()]),
  medianSecondsToPublish7d: Type.Union([Type.Integer(), Type.Null()]),
  throughput7d: Type.Array(
    Type.Object({ userId: Type.Integer(), displayName: Type.String(), role: Type.String(), count: Type.Integer() }),
  ),
});

export const MembersResponse = Type.Object({
  members: Type.Array(
    Type.Object({
      id: Type.Integer(),
      displayName: Type.String(),
      interfaceLang: Type.String(),
      readingLangs: Type.Array(Type.String()),
      roles: Type.Array(Type.String()),
    }),
  ),
});
export const MemberParams = Type.Object({
  slug: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,79}$' }),
  userId: IdSchema,
});
export const RolesResponse = Type.Object({ roles: Type.Array(Type.String()) });
