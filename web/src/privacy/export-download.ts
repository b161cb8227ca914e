// Asks for the person's data export: a small account's file comes back at once and is saved;
// a large one's is built in the background, and the answer says so.
import { ApiError } from '../api/client.ts';
import { currentLang, i18n } from '../i18n/i18n.ts';
import type { ExportSummaryView } from '../../../server/privacy/privacy.schemas.ts';

export type ExportFormat = 'json' | 'html';

function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function fileNameOf(response: Response, format: ExportFormat): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? `tertulia-my-data.${format}`;
}

/** Returns null once the file is saved, or the background export under way. */
export async function downloadExport(path: string, format: ExportFormat): Promise<ExportSummaryView | null> {
  let response: Response;
  try {
    response = await fetch(`${path}?format=${format}`, {
      headers: { 'Accept-Language': currentLang() },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (response.status === 202) return ((await response.json()) as { export: ExportSummaryView }).export;
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'internal',
      body?.error?.message ?? i18n.t('errors.unexpected'),
    );
  }
  save(await response.blob(), fileNameOf(response, format));
  return null;
}
