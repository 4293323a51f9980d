import { useApolloClient } from '@apollo/client/react';
import { useState, type ChangeEvent } from 'react';
import { describeError } from '../../app/errors';
import { activeTranslator } from '../../app/i18n';
import { m } from './messages';
import { uploadFile, UploadError } from './upload';

export interface UploadProgress {
  name: string;
  fraction: number;
}

/**
 * The uploads of a file input, one file after the other (`uploadFile`), attached to `aboutId`
 * and/or into `folderId`: the current file's progress, the last success and the first refusal in
 * words (`file.txt: Files of type … are not accepted here`, which stops the rest). `onUploaded`
 * runs once the input's files went (or stopped), for the caller to read its list again. The
 * Attachments widget and the Files page share it.
 */
export function useUploads(target: { aboutId?: string | null; folderId?: string | null }, onUploaded: () => unknown) {
  const client = useApolloClient();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function uploadFiles(chosen: readonly File[]) {
    setProblem(null);
    setDone(null);
    for (const file of chosen) {
      setProgress({ name: file.name, fraction: 0 });
      try {
        await uploadFile(client, file, { ...target, onProgress: (fraction) => setProgress({ name: file.name, fraction }) });
        setDone(activeTranslator().t(m.uploaded, { name: file.name }));
      } catch (caught) {
        setProblem(activeTranslator().t(m.uploadFailed, { name: file.name, reason: caught instanceof UploadError ? caught.message : describeError(caught) }));
        break;
      } finally {
        setProgress(null);
      }
    }
    await onUploaded();
  }

  /** The `onChange` of an `<input type="file" multiple>`: uploads what was chosen and clears it. */
  function onInputChange(event: ChangeEvent<HTMLInputElement>) {
    const chosen = [...(event.target.files ?? [])];
    event.target.value = '';
    void uploadFiles(chosen);
  }

  return { progress, problem, done, uploadFiles, onInputChange };
}
