import type { ShownTranslation } from '../components/translated.tsx';
// The API's response shapes, as the server's contract describes them.
export type Lang = 'en' | 'es' | 'fr';
export type Text = { lang: Lang; value: string };
export type Html = { lang: Lang; html: string };

export type Role = 'participant' | 'key_respondent' | 'translator' | 'organizer';
export type ForumStatus = 'draft' | 'recruiting' | 'invitation_only' | 'applications_closed' | 'running' | 'closed';
export type WeekState = 'upcoming' | 'open' | 'past';

export interface Me {
  id: number;
  email: string;
  displayName: string;
  interfaceLang: Lang;
  readingLangs: Lang[];
  timeZone: string;
  organisation: string;
  region: string;
  country: string;
  isAdmin: boolean;
}

export type ProfileChanges = Partial<Pick<Me, 'displayName' | 'interfaceLang' | 'readingLangs' | 'timeZone' | 'organisation' | 'region' | 'country'>>;

export interface ForumSummary {
  slug: string;
  title: Text;
  summary: Text;
  status: ForumStatus;
  timeZone: string;
  /** The forum's first and last days and the last day to apply, as YYYY-MM-DD in its zone. */
  startsOn: string;
  endsOn: string;
  applicationDeadlineOn: string;
  startsAt: string;
  endsAt: string;
  applicationDeadline: string;
  languages: Lang[];
  myRoles: Role[];
}

export interface WeekSummary {
  number: number;
  title: Text;
  startsOn: string;
  endsOn: string;
  opensAt: string;
  closesAt: string;
  state: WeekState;
  canRead: boolean;
}

export interface Forum extends ForumSummary {
  call: Html;
  openEnrolment: boolean;
  publicArchive: boolean;
  translationPolicy: { from: Lang; to: Lang }[];
  currentWeek: number | null;
  weeks: WeekSummary[];
}

/** Who made a translation, as readers are told. */
export type TranslatorRole = 'organizer' | 'translator' | 'author';
export interface Translator { displayName: string; role: TranslatorRole }

/** A published translation into the reader's language, shown instead of the original by default. */
export interface Translation {
  lang: Lang;
  html: string;
  translator: Translator;
  /** It translates an earlier revision of the original. */
  outdated: boolean;
}

export interface TitleTranslation {
  lang: Lang;
  value: string;
  translator: Translator;
}

export interface Reading {
  id: number;
  slug: string;
  originalLang: Lang;
  title: Text;
  /** Files attached to it, listed on its own page. */
  attachmentCount: number;
  /** The text the content files give in the reader's language, else the original. */
  body: Html;
  /** From the translation queue, when the files give no text in the reader's language. */
  translation: Translation | null;
  translationPending: boolean;
}

export interface Week {
  number: number;
  title: Text;
  startsOn: string;
  endsOn: string;
  opensAt: string;
  closesAt: string;
  state: WeekState;
  summary: Html;
  /** The summary from the translation queue, when the programme gives none in the reader's language. */
  summaryTranslation: ShownTranslation | null;
  summaryTranslationPending: boolean;
  readings: Reading[];
}

// Discussions: threads of a week, their posts, revisions and composer drafts.
export type ThreadKind = 'discussion' | 'prompt';
export interface Person { id: number; displayName: string }

export interface ThreadSummary {
  id: number;
  kind: ThreadKind;
  title: Text;
  /** The title in the reader's language, when they do not read the original's. */
  titleTranslation: TitleTranslation | null;
  /** No title translation the reader reads yet, but one is queued. */
  titleTranslationPending: boolean;
  requiresOwnAnswer: boolean;
  pinned: boolean;
  locked: boolean;
  author: Person;
  replyCount: number;
  lastPostAt: string;
  createdAt: string;
  /** Null for visitors. */
  unreadCount: number | null;
}

export interface ThreadList {
  weekId: number;
  threads: ThreadSummary[];
  unreadCount: number | null;
  permissions: {
    /** An error code saying why the reader may not start a thread here, or null. */
    startThreadBlockedBy: string | null;
    canStartPrompt: boolean;
    canModerate: boolean;
  };
  /** Subscribe to live updates after this event id to miss nothing since this answer. */
  lastEventId: number;
}

export interface Post {
  id: number;
  threadId: number;
  parentId: number | null;
  /** 0 for the thread's first post, at most 3. */
  displayDepth: number;
  /** Set when the post is drawn shallower than its real depth. */
  inReplyTo: { postId: number; authorName: string } | null;
  author: Person;
  lang: Lang;
  /** Null when hidden from this reader. */
  html: string | null;
  /** The Markdown source, for the author only. */
  markdown: string | null;
  wordCount: number;
  revision: number;
  createdAt: string;
  editedAt: string | null;
  hidden: { reason: string | null } | null;
  mine: boolean;
  /** For a reader who does not read the original's language: its translation into theirs. */
  translation: Translation | null;
  /** No translation into the reader's language yet, but one is queued. */
  translationPending: boolean;
}

export interface ThreadDetail extends ThreadSummary {
  forumSlug: string;
  weekNumber: number;
  canReply: boolean;
  /** An error code saying why the reader may not reply, or null. */
  replyBlockedBy: string | null;
  canModerate: boolean;
  /** For a case study's thread: the case study it discusses. */
  caseStudyId: number | null;
}

export interface ThreadPage {
  thread: ThreadDetail;
  posts: Post[];
  page: number;
  pageCount: number;
  mustAnswerFirst: boolean;
  lastEventId: number;
}

export interface Revision {
  revision: number;
  lang: Lang;
  html: string;
  editorName: string;
  createdAt: string;
}

export interface ServerDraft {
  key: string;
  title: string;
  bodyMd: string;
  lang: Lang;
  updatedAt: string;
}

// Translation: the queue, the editor's task, the glossary and the organizers' dashboard.
export type TaskKind = 'post' | 'thread_title' | 'reading' | 'week' | 'case_study';
export type TaskStatus = 'open' | 'claimed' | 'in_review' | 'published' | 'withdrawn' | 'superseded';
export type QueueStatus = 'open' | 'mine' | 'claimed' | 'in_review' | 'published';

export interface TaskSummary {
  id: number;
  kind: TaskKind;
  itemId: number;
  threadId: number | null;
  weekNumber: number | null;
  sourceLang: Lang;
  targetLang: Lang;
  sourceRevision: number;
  source: Html;
  status: TaskStatus;
  claimedBy: Person | null;
  claimExpiresAt: string | null;
  dueAt: string;
  overdue: boolean;
  createdAt: string;
}

export interface GlossaryMatch {
  termId: number;
  /** Offsets into source.markdown. */
  start: number;
  end: number;
  text: string;
  rendering: string;
  note: string;
}

export interface TaskDetail {
  id: number;
  kind: TaskKind;
  itemId: number;
  threadId: number | null;
  status: TaskStatus;
  /** The reader holds the claim. */
  mine: boolean;
  claimExpiresAt: string | null;
  sourceLang: Lang;
  targetLang: Lang;
  sourceRevision: number;
  currentSourceRevision: number;
  source: { lang: Lang; markdown: string; html: string; paragraphs: string[] };
  glossary: GlossaryMatch[];
  draft: string | null;
  translatedBy: number | null;
  previousTranslation: { markdown: string; sourceRevision: number } | null;
  sourceDiff: { value: string; change: 'added' | 'removed' | 'same' }[] | null;
  dueAt: string;
}

export interface GlossaryTerm {
  id: number;
  en: string;
  es: string;
  fr: string;
  note: string;
}

export type GlossaryImportMode = 'merge' | 'replace';
/** What a glossary CSV import did, or would do (a dry run). */
export interface GlossaryImportSummary {
  mode: GlossaryImportMode;
  dryRun: boolean;
  terms: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

export interface TranslationDashboard {
  pairs: { from: Lang; to: Lang; depth: number; overdue: number }[];
  openTasks: number;
  overdue: number;
  oldestOpenAgeSeconds: number | null;
  medianSecondsToPublish7d: number | null;
  throughput7d: { userId: number; displayName: string; role: string; count: number }[];
}

export interface ForumMember {
  id: number;
  displayName: string;
  interfaceLang: string;
  readingLangs: string[];
  roles: string[];
}
