import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { describeError, describeUserErrors } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n';
import { Button, TextField } from '../../ui/controls';
import { Dialog } from '../../ui/Dialog';
import { PageHeader } from '../../ui/PageHeader';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { FolderPicker, type PickedFolder } from './FolderPicker';
import { m } from './messages';
import {
  FilesDeleteMutation,
  FilesFolderChangedSubscription,
  FilesFolderCreateMutation,
  FilesFolderDeleteMutation,
  FilesFolderFilesQuery,
  FilesFolderMoveMutation,
  FilesFolderQuery,
  FilesFolderRenameMutation,
  FilesFoldersQuery,
  FilesMoveMutation,
  FilesRenameMutation,
} from './operations';
import { formatBytes } from './upload';
import { UploadProgressBar } from './UploadProgressBar';
import { useUploads } from './useUploads';
import './files.css';

/** Rows per page of each list ("Load more" asks for the next page). */
export const FILES_PAGE_SIZE = 50;

/** The path of a folder's page; null: the top level. */
export function folderPath(id: string | null): string {
  return id ? `/files/folders/${encodeURIComponent(id)}` : '/files';
}

interface FolderRow {
  id: string;
  name: string;
  createdAt: string;
  owner: { name: string };
}

interface FileRow {
  id: string;
  name: string;
  size: number;
  createdAt: string;
  downloadUrl: string;
  uploadedBy?: { name: string } | null;
}

/** What a dialog of the page acts on. */
type Action =
  | { kind: 'new-folder' }
  | { kind: 'rename-folder'; folder: FolderRow }
  | { kind: 'move-folder'; folder: FolderRow }
  | { kind: 'rename-file'; file: FileRow }
  | { kind: 'move-file'; file: FileRow };

/**
 * /files and /files/folders/:folderId — one folder (or the viewer's top level): the path to it,
 * its folders then its files (name, size, uploader, date, download link), each list paged with
 * "Load more"; create, rename, move and trash folders, upload into the folder, rename, move and
 * trash files. In a folder, `fileChanged(folderId:)` reads the lists again when someone else
 * changes what is in it.
 */
export function FilesPage() {
  const t = useT();
  const { folderId = null } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const folder = useQuery(FilesFolderQuery, { variables: { id: folderId ?? '' }, skip: !folderId, fetchPolicy: 'cache-and-network' });
  const folders = useQuery(FilesFoldersQuery, { variables: { parentId: folderId, first: FILES_PAGE_SIZE }, fetchPolicy: 'cache-and-network' });
  const files = useQuery(FilesFolderFilesQuery, {
    variables: folderId ? { folderId, first: FILES_PAGE_SIZE } : { filter: { folderId: { isNull: true } }, first: FILES_PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
  });
  // A refused read shows in its query's error state (a folder trashed meanwhile: "This folder is not here").
  const readAgain = () =>
    Promise.all([folderId ? folder.refetch() : null, folders.refetch(), files.refetch()].map((reading) => Promise.resolve(reading).catch(() => undefined)));
  const uploads = useUploads({ folderId }, readAgain);

  useSubscription(FilesFolderChangedSubscription, {
    variables: { folderId: folderId ?? '' },
    skip: !folderId,
    onData: () => void readAgain(),
    // The page still works without live changes: they show on the next visit.
    onError: () => undefined,
  });

  const creating = action?.kind === 'new-folder' || params.get('new') === '1';
  const closeDialog = () => {
    setAction(null);
    if (params.has('new')) {
      params.delete('new');
      setParams(params);
    }
  };

  const current = folder.data?.folder;
  if (folderId && folder.error && !folder.data) return <ErrorState error={folder.error} retry={() => void folder.refetch()} />;
  if (folderId && !folder.data) return <Loading />;
  if (folderId && !current)
    return (
      <EmptyState title={t(m.folderNotHere)} action={<Link to="/files">{t(m.backToFiles)}</Link>}>
        {t(m.folderGone)}
      </EmptyState>
    );

  const folderRows = folders.data?.folders?.nodes ?? [];
  const fileRows = files.data?.files?.nodes ?? [];
  const loaded = Boolean(folders.data && files.data);
  const listError = (!folders.data && folders.error) || (!files.data && files.error);

  async function loadMoreFolders() {
    const cursor = folders.data?.folders?.pageInfo.endCursor;
    if (!cursor) return;
    await folders.fetchMore({
      variables: { after: cursor },
      updateQuery: (previous, { fetchMoreResult }) =>
        previous.folders && fetchMoreResult.folders
          ? { ...fetchMoreResult, folders: { ...fetchMoreResult.folders, nodes: [...previous.folders.nodes, ...fetchMoreResult.folders.nodes] } }
          : previous,
    });
  }

  async function loadMoreFiles() {
    const cursor = files.data?.files?.pageInfo.endCursor;
    if (!cursor) return;
    await files.fetchMore({
      variables: { after: cursor },
      updateQuery: (previous, { fetchMoreResult }) =>
        previous.files && fetchMoreResult.files
          ? { ...fetchMoreResult, files: { ...fetchMoreResult.files, nodes: [...previous.files.nodes, ...fetchMoreResult.files.nodes] } }
          : previous,
    });
  }

  return (
    <div className="files-page">
      <nav aria-label={t(m.folderPath)} className="files-breadcrumb">
        {current ? <Link to="/files">{t(m.files)}</Link> : <span aria-current="page">{t(m.files)}</span>}
        {current?.ancestors.map((ancestor) => (
          <span key={ancestor.id}>
            {' / '}
            <Link to={folderPath(ancestor.id)}>{ancestor.name}</Link>
          </span>
        ))}
        {current ? (
          <span>
            {' / '}
            <span aria-current="page">{current.name}</span>
          </span>
        ) : null}
      </nav>
      <PageHeader
        title={current?.name ?? t(m.files)}
        subtitle={current ? current.path : t(m.topLevelSubtitle)}
        actions={
          <>
            <Button onClick={() => setAction({ kind: 'new-folder' })}>{t(m.newFolder)}</Button>
            <input ref={input} type="file" multiple className="visually-hidden" aria-label={t(m.uploadFiles)} onChange={uploads.onInputChange} />
            <Button variant="primary" onClick={() => input.current?.click()} busy={Boolean(uploads.progress)}>
              {t(m.uploadFiles)}
            </Button>
          </>
        }
      />
      <UploadProgressBar progress={uploads.progress} />
      <Notice>{uploads.problem}</Notice>
      <Notice tone="success">{uploads.done}</Notice>
      <Notice>{problem}</Notice>
      {listError ? (
        <ErrorState error={listError} retry={() => void readAgain()} />
      ) : !loaded ? (
        <Loading />
      ) : folderRows.length === 0 && fileRows.length === 0 ? (
        <EmptyState title={t(current ? m.folderEmpty : m.nothingYet)}>{t(m.createOrUpload)}</EmptyState>
      ) : (
        <>
          {folderRows.length ? (
            <ul className="file-list folder-list" aria-label={t(m.folders)}>
              {folderRows.map((row) => (
                <FolderItem
                  key={row.id}
                  folder={row}
                  onRename={() => setAction({ kind: 'rename-folder', folder: row })}
                  onMove={() => setAction({ kind: 'move-folder', folder: row })}
                  onTrashed={() => void readAgain()}
                  onProblem={setProblem}
                />
              ))}
            </ul>
          ) : null}
          {folders.data?.folders?.pageInfo.hasNextPage ? (
            <Button onClick={() => void loadMoreFolders()} aria-label={t(m.loadMoreFolders)}>
              {t(m.loadMore)}
            </Button>
          ) : null}
          {fileRows.length ? (
            <ul className="file-list" aria-label={t(m.files)}>
              {fileRows.map((row) => (
                <FileItem
                  key={row.id}
                  file={row}
                  onRename={() => setAction({ kind: 'rename-file', file: row })}
                  onMove={() => setAction({ kind: 'move-file', file: row })}
                  onTrashed={() => void readAgain()}
                  onProblem={setProblem}
                />
              ))}
            </ul>
          ) : null}
          {files.data?.files?.pageInfo.hasNextPage ? (
            <Button onClick={() => void loadMoreFiles()} aria-label={t(m.loadMoreFiles)}>
              {t(m.loadMore)}
            </Button>
          ) : null}
        </>
      )}
      <Dialog open={creating} onOpenChange={(open) => (open ? setAction({ kind: 'new-folder' }) : closeDialog())} title={t(m.newFolder)}>
        <NewFolderForm
          parentId={folderId}
          onCreated={(id) => {
            closeDialog();
            void readAgain();
            void navigate(folderPath(id));
          }}
        />
      </Dialog>
      <Dialog open={action?.kind === 'rename-folder'} onOpenChange={(open) => !open && closeDialog()} title={t(m.renameFolder)}>
        {action?.kind === 'rename-folder' ? <RenameForm kind="folder" id={action.folder.id} name={action.folder.name} onDone={closeDialog} /> : null}
      </Dialog>
      <Dialog open={action?.kind === 'rename-file'} onOpenChange={(open) => !open && closeDialog()} title={t(m.renameFile)}>
        {action?.kind === 'rename-file' ? <RenameForm kind="file" id={action.file.id} name={action.file.name} onDone={closeDialog} /> : null}
      </Dialog>
      <Dialog
        open={action?.kind === 'move-folder' || action?.kind === 'move-file'}
        onOpenChange={(open) => !open && closeDialog()}
        title={
          action?.kind === 'move-folder'
            ? t(m.moveQuoted, { name: action.folder.name })
            : action?.kind === 'move-file'
              ? t(m.moveQuoted, { name: action.file.name })
              : t(m.move)
        }
      >
        {action?.kind === 'move-folder' || action?.kind === 'move-file' ? (
          <MoveForm
            action={action}
            onMoved={() => {
              closeDialog();
              void readAgain();
            }}
          />
        ) : null}
      </Dialog>
    </div>
  );
}

function FolderItem({
  folder,
  onRename,
  onMove,
  onTrashed,
  onProblem,
}: {
  folder: FolderRow;
  onRename(): void;
  onMove(): void;
  onTrashed(): void;
  onProblem(problem: string | null): void;
}) {
  const t = useT();
  const [remove, removing] = useMutation(FilesFolderDeleteMutation);

  async function trash() {
    if (!window.confirm(t(m.confirmTrashFolder, { name: folder.name }))) return;
    onProblem(null);
    try {
      const result = await remove({ variables: { input: { id: folder.id } } });
      const failure = describeUserErrors(result.data?.folderDelete?.userErrors);
      if (failure) return onProblem(failure);
      onTrashed();
    } catch (caught) {
      onProblem(describeError(caught));
    }
  }

  return (
    <li className="file-row folder-row">
      <Link className="file-name" to={folderPath(folder.id)}>
        <span aria-hidden>🗀 </span>
        {folder.name}
      </Link>
      <span className="muted">
        {' '}
        · {folder.owner.name} · {formatDateTime(folder.createdAt)}
      </span>
      <span className="file-row-actions">
        <Button variant="ghost" onClick={onRename} aria-label={t(m.renameFolderNamed, { name: folder.name })}>
          {t(m.rename)}
        </Button>
        <Button variant="ghost" onClick={onMove} aria-label={t(m.moveFolderNamed, { name: folder.name })}>
          {t(m.move)}
        </Button>
        <Button variant="ghost" onClick={() => void trash()} busy={removing.loading} aria-label={t(m.moveFolderNamedToTrash, { name: folder.name })}>
          {t(m.moveToTrash)}
        </Button>
      </span>
    </li>
  );
}

function FileItem({
  file,
  onRename,
  onMove,
  onTrashed,
  onProblem,
}: {
  file: FileRow;
  onRename(): void;
  onMove(): void;
  onTrashed(): void;
  onProblem(problem: string | null): void;
}) {
  const t = useT();
  const [remove, removing] = useMutation(FilesDeleteMutation);

  async function trash() {
    onProblem(null);
    try {
      const result = await remove({ variables: { input: { id: file.id } } });
      const failure = describeUserErrors(result.data?.fileDelete?.userErrors);
      if (failure) return onProblem(failure);
      onTrashed();
    } catch (caught) {
      onProblem(describeError(caught));
    }
  }

  return (
    <li className="file-row">
      <a className="file-name" href={file.downloadUrl} download={file.name} rel="noopener">
        {file.name}
      </a>
      <span className="muted">
        {' '}
        · {formatBytes(file.size)} · {file.uploadedBy?.name ?? t(m.someone)} · {formatDateTime(file.createdAt)}
      </span>
      <span className="file-row-actions">
        <Button variant="ghost" onClick={onRename} aria-label={t(m.renameNamed, { name: file.name })}>
          {t(m.rename)}
        </Button>
        <Button variant="ghost" onClick={onMove} aria-label={t(m.moveNamed, { name: file.name })}>
          {t(m.move)}
        </Button>
        <Button variant="ghost" onClick={() => void trash()} busy={removing.loading} aria-label={t(m.moveNamedToTrash, { name: file.name })}>
          {t(m.moveToTrash)}
        </Button>
      </span>
    </li>
  );
}

function NewFolderForm({ parentId, onCreated }: { parentId: string | null; onCreated(id: string): void }) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const t = useT();
  const [create, creating] = useMutation(FilesFolderCreateMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      const result = await create({ variables: { input: { name, parentId } } });
      const failure = describeUserErrors(result.data?.folderCreate?.userErrors);
      if (failure) return setProblem(failure);
      const created = result.data?.folderCreate?.folder;
      if (created) onCreated(created.id);
    } catch (caught) {
      setProblem(describeError(caught));
    }
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)}>
      <TextField label={t(m.folderName)} value={name} onChange={(event) => setName(event.target.value)} autoFocus required maxLength={255} />
      <Notice>{problem}</Notice>
      <Button type="submit" variant="primary" busy={creating.loading}>
        {t(m.createFolder)}
      </Button>
    </form>
  );
}

function RenameForm({ kind, id, name: before, onDone }: { kind: 'file' | 'folder'; id: string; name: string; onDone(): void }) {
  const [name, setName] = useState(before);
  const [problem, setProblem] = useState<string | null>(null);
  const t = useT();
  const [renameFile, fileState] = useMutation(FilesRenameMutation);
  const [renameFolder, folderState] = useMutation(FilesFolderRenameMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    try {
      const failure =
        kind === 'file'
          ? describeUserErrors((await renameFile({ variables: { input: { id, name } } })).data?.fileRename?.userErrors)
          : describeUserErrors((await renameFolder({ variables: { input: { id, name } } })).data?.folderRename?.userErrors);
      if (failure) return setProblem(failure);
      onDone();
    } catch (caught) {
      setProblem(describeError(caught));
    }
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)}>
      <TextField label={t(m.newNameFor, { name: before })} value={name} onChange={(event) => setName(event.target.value)} autoFocus required maxLength={255} />
      <Notice>{problem}</Notice>
      <Button type="submit" variant="primary" busy={fileState.loading || folderState.loading}>
        {t(m.save)}
      </Button>
    </form>
  );
}

function MoveForm({ action, onMoved }: { action: Extract<Action, { kind: 'move-folder' | 'move-file' }>; onMoved(): void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [moveFolder, folderState] = useMutation(FilesFolderMoveMutation);
  const [moveFile, fileState] = useMutation(FilesMoveMutation);

  async function move(destination: PickedFolder) {
    setProblem(null);
    try {
      const failure =
        action.kind === 'move-folder'
          ? describeUserErrors((await moveFolder({ variables: { input: { id: action.folder.id, parentId: destination.id } } })).data?.folderMove?.userErrors)
          : describeUserErrors((await moveFile({ variables: { input: { id: action.file.id, folderId: destination.id } } })).data?.fileMove?.userErrors);
      if (failure) return setProblem(failure);
      onMoved();
    } catch (caught) {
      setProblem(describeError(caught));
    }
  }

  return (
    <>
      <FolderPicker onPick={(destination) => void move(destination)} busy={folderState.loading || fileState.loading} />
      <Notice>{problem}</Notice>
    </>
  );
}
