// How many files one reading may hold: the server's limit (server/attachments/attachment-limits.ts
// and the readings' save schema) and the console form's check before sending, from one module.

/** Files one reading may hold: a week's material, not an archive. */
export const MAX_ATTACHMENTS_PER_READING = 10;
