// The API's response shapes, as the server's contract describes them.
export type Lang = 'en' | 'es' | 'fr';
export type Text = { lang: Lang; value: string };
export type Html = { lang: Lang; html: string };

export type Role = 'participant' | 'key_respondent' | 'translator' | 'organizer';
export type ForumStatus = 'draft' | 'recruiting' | 'running' | 'closed';
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

export interface Reading {
  slug: string;
  originalLang: Lang;
  title: Text;
  body: Html;
}

export interface Week {
  number: number;
  title: Text;
  startsOn: string;
  opensAt: string;
  closesAt: string;
  state: WeekState;
  summary: Html;
  readings: Reading[];
}

// Discussions: threads of a week, their posts, revisions and composer drafts.
export type ThreadKind = 'discussion' | 'prompt';
export interface Person { id: number; displayName: string }

export interface ThreadSummary {
  id: number;
  kind: ThreadKind;
  title: Text;
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
  threads: ThreadSummary[];
  unreadCount: number | null;
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
}

export interface ThreadDetail extends ThreadSummary {
  forumSlug: string;
  weekNumber: number;
  canReply: boolean;
  canModerate: boolean;
}

export interface ThreadPage {
  thread: ThreadDetail;
  posts: Post[];
  page: number;
  pageCount: number;
  mustAnswerFirst: boolean;
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
