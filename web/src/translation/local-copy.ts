// The translator's text kept in this browser as they type, under
// `tertulia.translation.<userId>.<taskId>`, so a closed tab or a dropped connection loses nothing.
export interface LocalTranslation {
  v: 1;
  paragraphs: string[];
  sourceRevision: number;
  /** The server holds exactly this text. */
  synced: boolean;
  changedAt: number;
}

export const localTranslationKey = (userId: number, taskId: number | '') => `tertulia.translation.${userId}.${taskId}`;

export function readLocalTranslation(userId: number, taskId: number): LocalTranslation | null {
  try {
    const value = JSON.parse(
      localStorage.getItem(localTranslationKey(userId, taskId)) ?? 'null',
    ) as Partial<LocalTranslation> | null;
    if (
      !value ||
      value.v !== 1 ||
      !Array.isArray(value.paragraphs) ||
      !value.paragraphs.every((p) => typeof p === 'string')
    )
      return null;
    return {
      v: 1,
      paragraphs: value.paragraphs,
      sourceRevision: Number(value.sourceRevision) || 0,
      synced: value.synced === true,
      changedAt: Number(value.changedAt) || 0,
    };
  } catch {
    return null;
  }
}

export function writeLocalTranslation(userId: number, taskId: number, value: LocalTranslation): void {
  try {
    localStorage.setItem(localTranslationKey(userId, taskId), JSON.stringify(value));
  } catch {
    /* storage full or disabled: the server copy is the only one */
  }
}

export function removeLocalTranslation(userId: number, taskId: number): void {
  try {
    localStorage.removeItem(localTranslationKey(userId, taskId));
  } catch {
    /* nothing to remove */
  }
}
