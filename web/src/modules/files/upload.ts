import type { ApolloClient } from '@apollo/client';
import { describeError, describeUserErrors } from '../../app/errors';
import { activeTranslator } from '../../app/i18n';
import { m } from './messages';
import { FilesUploadBeginMutation, FilesUploadCompleteMutation } from './operations';

/** An upload that did not happen, in words for the person who tried. */
export class UploadError extends Error {}

export interface UploadedFile {
  id: string;
  name: string;
}

/**
 * Uploads a file the way the files subgraph asks: `fileUploadBegin` (type, size, quota checked;
 * a presigned PUT back), the bytes straight to the object store with exactly the headers it
 * returned (XMLHttpRequest, for the progress), then `fileUploadComplete`, which makes the File
 * exist once the store holds what was announced. It is attached to `aboutId` and/or put in
 * `folderId` (neither: the uploader's top level). `onProgress` gets 0…1 while the bytes go.
 */
export async function uploadFile(
  client: ApolloClient,
  file: File,
  options: { aboutId?: string | null; folderId?: string | null; onProgress?: (fraction: number) => void } = {},
): Promise<UploadedFile> {
  const contentType = file.type || 'application/octet-stream';
  const begun = await guarded(() =>
    client.mutate({
      mutation: FilesUploadBeginMutation,
      variables: { input: { name: file.name, contentType, size: file.size, aboutId: options.aboutId ?? null, folderId: options.folderId ?? null } },
    }),
  );
  const failure = describeUserErrors(begun.data?.fileUploadBegin?.userErrors);
  if (failure) throw new UploadError(failure);
  const upload = begun.data?.fileUploadBegin?.upload;
  if (!upload) throw new UploadError(activeTranslator().t(m.uploadNotStarted));
  await put(upload.url, upload.method, upload.headers, file, options.onProgress);
  const completed = await guarded(() => client.mutate({ mutation: FilesUploadCompleteMutation, variables: { input: { uploadId: upload.id } } }));
  const refused = describeUserErrors(completed.data?.fileUploadComplete?.userErrors);
  if (refused) throw new UploadError(refused);
  const stored = completed.data?.fileUploadComplete?.file;
  if (!stored) throw new UploadError(activeTranslator().t(m.uploadNotCompleted));
  return { id: stored.id, name: stored.name };
}

async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw new UploadError(describeError(error));
  }
}

/** Headers the browser sets itself (setting them would be refused and logged). */
const BROWSER_HEADERS = new Set(['content-length', 'host']);

function put(
  url: string,
  method: string,
  headers: readonly { name: string; value: string }[],
  file: File,
  onProgress?: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, url);
    for (const { name, value } of headers) if (!BROWSER_HEADERS.has(name.toLowerCase())) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress?.(1);
        resolve();
      } else {
        reject(new UploadError(activeTranslator().t(m.storeRefused, { status: request.status })));
      }
    };
    request.onerror = () => reject(new UploadError(activeTranslator().t(m.storeUnreachable)));
    request.onabort = () => reject(new UploadError(activeTranslator().t(m.uploadCancelled)));
    request.send(file);
  });
}

const byteFormats = new Map<string, Intl.NumberFormat>();

/** Bytes for people in the reader's locale: 512 B, 2.4 KB (2,4 KB), 18 MB (powers of 1,024, one decimal below 10). */
export function formatBytes(bytes: number, locale: string = activeTranslator().locale): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const decimals = unit === 0 || value >= 10 ? 0 : 1;
  const key = `${locale}|${decimals}`;
  let format = byteFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { useGrouping: false, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    byteFormats.set(key, format);
  }
  return `${format.format(value)} ${units[unit]}`;
}
