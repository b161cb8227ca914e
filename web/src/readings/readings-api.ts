// The readings editor's writes. Attachments go as multipart bodies, which the JSON client
// (api/client.ts) does not send; errors come back in the same shape and language.
import { api, ApiError } from '../api/client.ts';
import { currentLang, i18n } from '../i18n/i18n.ts';
import type { Lang } from '../i18n/languages.ts';
import type { Attachment, EditorReading, EditorReadingAnswer, ReorderAnswer, StagedUpload } from './reading-types.ts';

export interface ReadingDraft {
  originalLang: Lang;
  texts: { lang: Lang; title: string; bodyMd: string }[];
}

const weekPath = (slug: string, week: number) => `/api/forums/${encodeURIComponent(slug)}/weeks/${week}/readings`;

export async function createReading(
  slug: string,
  week: number,
  draft: ReadingDraft,
  idempotencyKey: string,
  uploads: string[] = [],
): Promise<EditorReading> {
  return (
    await api<EditorReadingAnswer>(weekPath(slug, week), {
      method: 'POST',
      body: { ...draft, idempotencyKey, uploads },
    })
  ).reading;
}

export async function updateReading(
  id: number,
  draft: ReadingDraft,
  baseVersion: string,
  uploads: string[] = [],
): Promise<EditorReading> {
  return (
    await api<EditorReadingAnswer>(`/api/readings/${id}`, {
      method: 'PUT',
      body: { ...draft, baseVersion, uploads },
    })
  ).reading;
}

/** Checks and stores one file for a reading of the week; nothing is attached until the reading is saved with its id. */
export function stageUpload(slug: string, week: number, file: File): Promise<StagedUpload> {
  return sendFile<StagedUpload>(
    `/api/forums/${encodeURIComponent(slug)}/weeks/${week}/reading-uploads`,
    file,
    'upload',
  );
}

export async function reorderReadings(slug: string, week: number, ids: number[]): Promise<EditorReading[]> {
  return (await api<ReorderAnswer>(`${weekPath(slug, week)}/order`, { method: 'PUT', body: { ids } })).readings;
}

export async function setPublished(id: number, published: boolean): Promise<EditorReading> {
  return (
    await api<EditorReadingAnswer>(`/api/readings/${id}/${published ? 'publish' : 'unpublish'}`, {
      method: 'POST',
    })
  ).reading;
}

export function removeAttachment(readingId: number, attachmentId: number): Promise<void> {
  return api<void>(`/api/readings/${readingId}/attachments/${attachmentId}`, { method: 'DELETE' });
}

export function uploadAttachment(readingId: number, file: File): Promise<Attachment> {
  return uploadAttachmentTo(`/api/readings/${readingId}/attachments`, file);
}

/** Sends one file as a multipart body to an attachments route (readings', case studies'). */
export function uploadAttachmentTo(path: string, file: File): Promise<Attachment> {
  return sendFile<Attachment>(path, file, 'attachment');
}

async function sendFile<T>(path: string, file: File, field: 'attachment' | 'upload'): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': currentLang() },
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  const payload = (await response.json().catch(() => null)) as
    (Partial<Record<typeof field, T>> & { error?: { code: string; message: string } }) | null;
  const sent = payload?.[field];
  if (!response.ok || !sent) {
    throw new ApiError(
      response.status,
      payload?.error?.code ?? 'internal',
      payload?.error?.message ?? i18n.t('errors.unexpected'),
    );
  }
  return sent;
}
