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
