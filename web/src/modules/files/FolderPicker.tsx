import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useT } from '../../app/i18n';
import { Button } from '../../ui/controls';
import { ErrorState, Loading } from '../../ui/states';
import { m } from './messages';
import { FilesFoldersQuery } from './operations';

/** A destination: a folder, or the top level (`id` null). */
export interface PickedFolder {
  id: string | null;
  name: string;
}

// The top level's name is the reader's word for it, given when it is shown or picked.
const TOP: PickedFolder = { id: null, name: '' };

/** Folders listed per level of the picker (the API's maximum page). */
const PICKER_PAGE = 100;

/**
 * Chooses a destination folder by walking the viewer's folders from the top level down: open a
 * folder to see the ones in it, go back up by the path, and "Move here" picks where it stands.
 * It offers every folder; the server refuses a folder moved into itself or inside it (FOLDER_CYCLE).
 */
export function FolderPicker({ onPick, busy }: { onPick(destination: PickedFolder): void; busy?: boolean }) {
  const t = useT();
  const [trail, setTrail] = useState<PickedFolder[]>([TOP]);
  const nameOf = (step: PickedFolder) => (step.id === null ? t(m.topLevel) : step.name);
  const here = trail[trail.length - 1]!;
  const { data, error, refetch } = useQuery(FilesFoldersQuery, { variables: { parentId: here.id, first: PICKER_PAGE }, fetchPolicy: 'cache-and-network' });
  const folders = data?.folders?.nodes ?? [];

  return (
    <div className="folder-picker">
      <nav aria-label={t(m.destinationPath)} className="files-breadcrumb">
        {trail.map((step, index) => (
          <span key={step.id ?? 'top'}>
            {index > 0 ? ' / ' : null}
            {index === trail.length - 1 ? (
              <span aria-current="location">{nameOf(step)}</span>
            ) : (
              <button type="button" className="link-button" onClick={() => setTrail(trail.slice(0, index + 1))}>
                {nameOf(step)}
              </button>
            )}
          </span>
        ))}
      </nav>
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : !data ? (
        <Loading />
      ) : folders.length === 0 ? (
        <p className="muted">{t(m.noFoldersIn, { name: nameOf(here) })}</p>
      ) : (
        <ul className="folder-picker-list" aria-label={t(m.foldersIn, { name: nameOf(here) })}>
          {folders.map((folder) => (
            <li key={folder.id}>
              <Button
                variant="ghost"
                onClick={() => setTrail([...trail, { id: folder.id, name: folder.name }])}
                aria-label={t(m.openNamed, { name: folder.name })}
              >
                <span aria-hidden>🗀 </span>
                {folder.name}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Button variant="primary" busy={busy} onClick={() => onPick({ ...here, name: nameOf(here) })}>
        {t(m.moveTo, { name: nameOf(here) })}
      </Button>
    </div>
  );
}
