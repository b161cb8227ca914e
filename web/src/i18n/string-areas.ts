// Which top-level groups of web.json travel with the lazily loaded pages that use them; every other
// group is in the core strings every page loads. A new group lands in the core until it is listed
// here; test/web/string-areas.test.ts checks that no page uses an area it does not load.
export const STRING_AREAS = {
  thread: ['thread', 'post'],
  translation: ['translate', 'glossary', 'dashboard'],
  notifications: ['notifications'],
  account: ['register', 'verifyEmail', 'passwordReset', 'profile', 'timeZonePicker'],
  caseStudies: ['caseStudies', 'questions'],
  home: ['home'],
  people: ['people'],
  moderation: ['moderation'],
  console: ['console', 'consoleExport'],
  readings: ['readings'],
  synthesis: ['synthesis'],
  search: ['search'],
} as const;

export type StringArea = keyof typeof STRING_AREAS;

/** Keys (with what is under them) of lazy groups that pages in the core use: header links, the follow button. */
export const CORE_KEYS: readonly string[] = [
  'notifications.nav',
  'notifications.navUnread_one',
  'notifications.navUnread_other',
  'notifications.outbox.title',
  'notifications.follow',
  'translate.linksLabel',
  'translate.queueLink',
  'glossary.link',
  'dashboard.link',
  'console.link',
  'console.newForumLink',
  'synthesis.link',
  'search.box',
];
