import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { formatDateTime } from '../../app/format';
import { describeError, describeUserErrors } from '../../app/errors';
import { useT } from '../../app/i18n';
import { Button, TextField } from '../../ui/controls';
import { ErrorState, Loading, Notice } from '../../ui/states';
import { m } from './messages';
import { FilesAboutQuery, FilesDeleteMutation, FilesRenameMutation } from './operations';
import { formatBytes } from './upload';
import { UploadProgressBar } from './UploadProgressBar';
import { useUploads } from './useUploads';
import './files.css';

const SHOWN = 50;

/**
 * On a task, contact, deal or note page: the files attached to it that the viewer may read (name,
 * size, who uploaded it and when, a download link), an upload with its progress, rename and move
 * to the trash (the server says who may).
 */
export function AttachmentsWidget({ objectId }: { objectId: string }) {
  const t = useT();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const { data, loading, error, refetch } = useQuery(FilesAboutQuery, { variables: { id: objectId, first: SHOWN } });
  const { progress, problem, done, onInputChange } = useUploads({ aboutId: objectId }, () => refetch());
  const connection = data?.node?.files;
  const files = connection?.nodes ?? [];

  return (
    <div className="files-widget">
      {error && !data ? <ErrorState error={error} retry={() => void refetch()} /> : null}
      {loading && !data ? <Loading /> : null}
      {data && files.length === 0 ? <p className="muted">{t(m.noAttachments)}</p> : null}
      {files.length ? (
        <ul className="file-list" aria-label={t(m.attachedFiles)}>
          {files.map((file) => (
            <FileRow key={file.id} file={file} onChanged={() => void refetch()} />
          ))}
        </ul>
      ) : null}
      {connection && connection.totalCount > files.length ? <p className="muted">{t(m.andMore, { count: connection.totalCount - files.length })}</p> : null}
      <UploadProgressBar progress={progress} />
      <Notice>{problem}</Notice>
      <Notice tone="success">{done}</Notice>
      <div className="file-actions">
        <input ref={input} id={inputId} type="file" multiple className="visually-hidden" aria-label={t(m.attachFiles)} onChange={onInputChange} />
        <Button onClick={() => input.current?.click()} busy={Boolean(progress)}>
          {t(m.attachFile)}
        </Button>
      </div>
    </div>
  );
}

interface Row {
  id: string;
  name: string;
  size: number;
  createdAt: string;
  downloadUrl: string;
  uploadedBy?: { name: string } | null;
}

function FileRow({ file, onChanged }: { file: Row; onChanged: () => void }) {
  const t = useT();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(file.name);
  const [problem, setProblem] = useState<string | null>(null);
  const [rename, renameState] = useMutation(FilesRenameMutation);
  const [remove, removeState] = useMutation(FilesDeleteMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      const result = await rename({ variables: { input: { id: file.id, name } } });
      const failure = describeUserErrors(result.data?.fileRename?.userErrors);
      if (failure) return setProblem(failure);
      setRenaming(false);
    } catch (caught) {
      setProblem(describeError(caught));
    }
  }

  async function trash() {
    setProblem(null);
    try {
      const result = await remove({ variables: { input: { id: file.id } } });
      const failure = describeUserErrors(result.data?.fileDelete?.userErrors);
      if (failure) return setProblem(failure);
      onChanged();
    } catch (caught) {
      setProblem(describeError(caught));
    }
  }

  return (
    <li className="file-row">
      {renaming ? (
        <form className="file-rename" onSubmit={(event) => void submit(event)}>
          <TextField
            label={t(m.newNameFor, { name: file.name })}
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoFocus
            required
            maxLength={255}
          />
          <Button type="submit" variant="primary" busy={renameState.loading}>
            {t(m.save)}
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              setRenaming(false);
              setName(file.name);
            }}
          >
            {t(m.cancel)}
          </Button>
        </form>
      ) : (
        <>
          <a className="file-name" href={file.downloadUrl} download={file.name} rel="noopener">
            {file.name}
          </a>
          <span className="muted">
            {' '}
            · {formatBytes(file.size)} · {file.uploadedBy?.name ?? t(m.someone)} · {formatDateTime(file.createdAt)}
          </span>
          <span className="file-row-actions">
            <Button variant="ghost" onClick={() => setRenaming(true)} aria-label={t(m.renameNamed, { name: file.name })}>
              {t(m.rename)}
            </Button>
            <Button variant="ghost" onClick={() => void trash()} busy={removeState.loading} aria-label={t(m.moveNamedToTrash, { name: file.name })}>
              {t(m.moveToTrash)}
            </Button>
          </span>
        </>
      )}
      <Notice>{problem}</Notice>
    </li>
  );
}
