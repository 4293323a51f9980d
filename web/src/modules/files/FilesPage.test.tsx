// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/dom';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { FilesFolderFilesQueryVariables, FilesFolderMoveMutationVariables, FilesFoldersQueryVariables } from '../../gql/graphql';
import { liveFeedLink } from '../../testing/live';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { FilesPage } from './FilesPage';
import { FilesFolderCreateMutation, FilesFolderFilesQuery, FilesFolderMoveMutation, FilesFolderQuery, FilesFoldersQuery } from './operations';

afterEach(unmountAll);

const owner = { __typename: 'User' as const, id: 'user-fay', name: 'Fay Files' };

function folder(id: string, name: string) {
  return { __typename: 'Folder' as const, id, name, createdAt: '2026-12-01T10:00:00.000Z', owner };
}

function file(id: string, name: string) {
  return {
    __typename: 'File' as const,
    id,
    name,
    size: 2458,
    contentType: 'text/plain',
    createdAt: '2026-12-01T10:00:00.000Z',
    downloadUrl: `https://store.test/${id}`,
    uploadedBy: owner,
  };
}

function pageInfo(hasNextPage: boolean, endCursor: string | null) {
  return { __typename: 'PageInfo' as const, hasNextPage, endCursor };
}

/** The tree: Projects / Q3 / Drafts. */
const CHILDREN: Record<string, ReturnType<typeof folder>[]> = {
  top: [folder('folder-projects', 'Projects')],
  'folder-projects': [folder('folder-q3', 'Q3')],
  'folder-q3': [folder('folder-drafts', 'Drafts')],
  'folder-drafts': [],
};

const folderMock = {
  request: { query: FilesFolderQuery, variables: () => true },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: {
    data: {
      __typename: 'Query' as const,
      folder: {
        __typename: 'Folder' as const,
        id: 'folder-q3',
        name: 'Q3',
        path: '/Projects/Q3',
        parent: { __typename: 'Folder' as const, id: 'folder-projects' },
        ancestors: [{ __typename: 'Folder' as const, id: 'folder-projects', name: 'Projects' }],
      },
    },
  },
};

function foldersMock(calls: FilesFoldersQueryVariables[] = []) {
  return {
    request: {
      query: FilesFoldersQuery,
      variables: (variables: FilesFoldersQueryVariables) => {
        calls.push(variables);
        return true;
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: (variables: FilesFoldersQueryVariables) => {
      const nodes = CHILDREN[variables.parentId ?? 'top'] ?? [];
      return {
        data: {
          __typename: 'Query' as const,
          folders: { __typename: 'FolderConnection' as const, totalCount: nodes.length, pageInfo: pageInfo(false, null), nodes },
        },
      };
    },
  };
}

/** The files of Q3: two pages (`after: "cursor-1"` gives the second); `shelf` is what the server holds now. */
function filesMock(calls: FilesFolderFilesQueryVariables[], shelf: { first: ReturnType<typeof file>[] }) {
  return {
    request: {
      query: FilesFolderFilesQuery,
      variables: (variables: FilesFolderFilesQueryVariables) => {
        calls.push(variables);
        return true;
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: (variables: FilesFolderFilesQueryVariables) => {
      const second = variables.after === 'cursor-1';
      const nodes = !variables.folderId ? [] : second ? [file('file-old', 'old-notes.txt')] : shelf.first;
      return {
        data: {
          __typename: 'Query' as const,
          files: {
            __typename: 'FileConnection' as const,
            totalCount: nodes.length,
            pageInfo: variables.folderId && !second ? pageInfo(true, 'cursor-1') : pageInfo(false, null),
            nodes,
          },
        },
      };
    },
  };
}

function renderAt(path: string, link: Parameters<typeof renderWithApollo>[3]) {
  return renderWithApollo(
    <Routes>
      <Route path="/files" element={<FilesPage />} />
      <Route path="/files/folders/:folderId" element={<FilesPage />} />
    </Routes>,
    [],
    path,
    link,
  );
}

describe('the Files page', () => {
  it('shows the path, the folders then the files of a folder, loads more, and reads the folder again on a live change', async () => {
    const fileCalls: FilesFolderFilesQueryVariables[] = [];
    const shelf = { first: [file('file-report', 'report.txt')] };
    const live = liveFeedLink('FilesFolderChanged', [folderMock, foldersMock(), filesMock(fileCalls, shelf)]);
    renderAt('/files/folders/folder-q3', { link: live.link });

    await screen.findByRole('heading', { name: 'Q3' });
    const path = screen.getByRole('navigation', { name: 'Folder path' });
    expect(within(path).getByRole('link', { name: 'Files' }).getAttribute('href')).toBe('/files');
    expect(within(path).getByRole('link', { name: 'Projects' }).getAttribute('href')).toBe('/files/folders/folder-projects');
    const folders = await screen.findByRole('list', { name: 'Folders' });
    expect(
      within(folders)
        .getByRole('link', { name: /Drafts/ })
        .getAttribute('href'),
    ).toBe('/files/folders/folder-drafts');
    const files = screen.getByRole('list', { name: 'Files' });
    expect(within(files).getByRole('link', { name: 'report.txt' }).getAttribute('href')).toBe('https://store.test/file-report');
    expect(within(files).getByText(/2\.4 KB · Fay Files/)).toBeTruthy();
    expect(fileCalls[0]).toMatchObject({ folderId: 'folder-q3', first: 50 });

    // "Load more" asks for the page after the last cursor and keeps the rows already shown.
    fireEvent.click(screen.getByRole('button', { name: 'Load more files' }));
    await screen.findByRole('link', { name: 'old-notes.txt' });
    expect(screen.getByRole('link', { name: 'report.txt' })).toBeTruthy();
    expect(fileCalls.at(-1)).toMatchObject({ folderId: 'folder-q3', after: 'cursor-1' });

    // Someone else uploads into the folder: the page reads it again, without a reload.
    await waitFor(() => expect(live.subscribed()).toBe(true));
    shelf.first = [file('file-new', 'budget.csv'), file('file-report', 'report.txt')];
    live.push({
      __typename: 'Subscription',
      fileChanged: { __typename: 'FileChange', event: 'file.uploaded', occurredAt: '2026-12-01T11:00:00.000Z', fileId: 'file-new', folderId: 'folder-q3' },
    });
    await screen.findByRole('link', { name: 'budget.csv' });
  });

  it('lists the top level (files in no folder) and says when there is nothing yet', async () => {
    const fileCalls: FilesFolderFilesQueryVariables[] = [];
    const empty = {
      ...foldersMock(),
      result: () => ({
        data: { __typename: 'Query' as const, folders: { __typename: 'FolderConnection' as const, totalCount: 0, pageInfo: pageInfo(false, null), nodes: [] } },
      }),
    };
    const live = liveFeedLink('FilesFolderChanged', [empty, filesMock(fileCalls, { first: [] })]);
    renderAt('/files', { link: live.link });
    await screen.findByText('No folders or files yet');
    expect(fileCalls[0]).toMatchObject({ filter: { folderId: { isNull: true } }, first: 50 });
    expect(fileCalls[0]?.folderId).toBeUndefined();
  });

  it('moves a folder to a destination picked in the folder picker, and shows FOLDER_CYCLE and FOLDER_NAME_TAKEN in words', async () => {
    const moves: FilesFolderMoveMutationVariables[] = [];
    const move = {
      request: {
        query: FilesFolderMoveMutation,
        variables: (variables: FilesFolderMoveMutationVariables) => {
          moves.push(variables);
          return true;
        },
      },
      result: {
        data: {
          __typename: 'Mutation' as const,
          folderMove: {
            __typename: 'FolderPayload' as const,
            folder: null,
            userErrors: [
              {
                __typename: 'UserError' as const,
                code: 'FOLDER_CYCLE',
                field: ['input', 'parentId'],
                message: 'A folder cannot be moved into itself or into a folder inside it',
              },
            ],
          },
        },
      },
    };
    const create = {
      request: { query: FilesFolderCreateMutation, variables: { input: { name: 'Drafts', parentId: 'folder-q3' } } },
      result: {
        data: {
          __typename: 'Mutation' as const,
          folderCreate: {
            __typename: 'FolderPayload' as const,
            folder: null,
            userErrors: [
              { __typename: 'UserError' as const, code: 'FOLDER_NAME_TAKEN', field: ['input', 'name'], message: 'A folder named “Drafts” is already there' },
            ],
          },
        },
      },
    };
    const live = liveFeedLink('FilesFolderChanged', [folderMock, foldersMock(), filesMock([], { first: [] }), move, create]);
    renderAt('/files/folders/folder-q3', { link: live.link });

    const folders = await screen.findByRole('list', { name: 'Folders' });
    fireEvent.click(within(folders).getByRole('button', { name: 'Move folder Drafts' }));
    const picker = await screen.findByRole('dialog', { name: 'Move “Drafts”' });
    fireEvent.click(await within(picker).findByRole('button', { name: 'Open Projects' }));
    fireEvent.click(await within(picker).findByRole('button', { name: 'Open Q3' }));
    fireEvent.click(await within(picker).findByRole('button', { name: 'Open Drafts' }));
    await within(picker).findByText('No folders in Drafts.');
    fireEvent.click(within(picker).getByRole('button', { name: 'Move to Drafts' }));
    await within(picker).findByText('A folder cannot be moved into itself or into a folder inside it. Choose another destination.');
    expect(moves).toEqual([{ input: { id: 'folder-drafts', parentId: 'folder-drafts' } }]);

    // Back up the path to the top level, from the picker's own breadcrumb.
    fireEvent.click(within(picker).getByRole('button', { name: 'Top level' }));
    await within(picker).findByRole('button', { name: 'Open Projects' });
    fireEvent.keyDown(picker, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'New folder' }));
    const dialog = await screen.findByRole('dialog', { name: 'New folder' });
    fireEvent.change(within(dialog).getByLabelText('Folder name'), { target: { value: 'Drafts' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create folder' }));
    await within(dialog).findByText('A folder named “Drafts” is already there');
  });
});
