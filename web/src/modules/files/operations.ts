import { graphql } from '../../gql';

// Every operation of the files module is prefixed with `Files` (operation names are unique app-wide).

/** A file as the Attachments widget lists it. */
graphql(`
  fragment FilesListItem on File {
    id
    name
    size
    contentType
    createdAt
    downloadUrl
    uploadedBy {
      id
      name
    }
  }
`);

export const FilesAboutQuery = graphql(`
  query FilesAbout($id: ID!, $first: Int) {
    node(id: $id) {
      id
      files(first: $first) {
        totalCount
        nodes {
          ...FilesListItem
        }
      }
    }
  }
`);

export const FilesUploadBeginMutation = graphql(`
  mutation FilesUploadBegin($input: FileUploadBeginInput!) {
    fileUploadBegin(input: $input) {
      upload {
        id
        url
        method
        headers {
          name
          value
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FilesUploadCompleteMutation = graphql(`
  mutation FilesUploadComplete($input: FileUploadCompleteInput!) {
    fileUploadComplete(input: $input) {
      file {
        ...FilesListItem
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FilesRenameMutation = graphql(`
  mutation FilesRename($input: FileRenameInput!) {
    fileRename(input: $input) {
      file {
        id
        name
        downloadUrl
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FilesDeleteMutation = graphql(`
  mutation FilesDelete($input: FileDeleteInput!) {
    fileDelete(input: $input) {
      deletedFileId
      userErrors {
        code
        field
        message
      }
    }
  }
`);

/** The signed-in user's avatar (the top bar, the avatar settings). */
export const FilesViewerAvatarQuery = graphql(`
  query FilesViewerAvatar {
    me {
      id
      avatar {
        id
        name
        downloadUrl
      }
    }
  }
`);

export const FilesAvatarSetMutation = graphql(`
  mutation FilesAvatarSet($input: UserAvatarSetInput!) {
    userAvatarSet(input: $input) {
      user {
        id
        avatar {
          id
          name
          downloadUrl
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

/** A folder as the Files page lists it. */
graphql(`
  fragment FilesFolderItem on Folder {
    id
    name
    createdAt
    owner {
      id
      name
    }
  }
`);

/** The open folder of the Files page: its name and the path to it (the breadcrumb). */
export const FilesFolderQuery = graphql(`
  query FilesFolder($id: ID!) {
    folder(id: $id) {
      id
      name
      path
      parent {
        id
      }
      ancestors {
        id
        name
      }
    }
  }
`);

/** The folders in a folder (`parentId`), or the viewer's top-level folders. */
export const FilesFoldersQuery = graphql(`
  query FilesFolders($parentId: ID, $first: Int, $after: String) {
    folders(parentId: $parentId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...FilesFolderItem
      }
    }
  }
`);

/** The files in a folder (`folderId`), or at the top level (`filter: { folderId: { isNull: true } }`), newest first. */
export const FilesFolderFilesQuery = graphql(`
  query FilesFolderFiles($folderId: ID, $filter: FileFilter, $first: Int, $after: String) {
    files(folderId: $folderId, filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...FilesListItem
      }
    }
  }
`);

export const FilesFolderCreateMutation = graphql(`
  mutation FilesFolderCreate($input: FolderCreateInput!) {
    folderCreate(input: $input) {
      folder {
        ...FilesFolderItem
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FilesFolderRenameMutation = graphql(`
  mutation FilesFolderRename($input: FolderRenameInput!) {
    folderRename(input: $input) {
      folder {
        id
        name
        path
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FilesFolderMoveMutation = graphql(`
  mutation FilesFolderMove($input: FolderMoveInput!) {
    folderMove(input: $input) {
      folder {
        id
        path
        parent {
          id
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FilesFolderDeleteMutation = graphql(`
  mutation FilesFolderDelete($input: FolderDeleteInput!) {
    folderDelete(input: $input) {
      deletedFolderId
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const FilesMoveMutation = graphql(`
  mutation FilesMove($input: FileMoveInput!) {
    fileMove(input: $input) {
      file {
        id
        folder {
          id
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

/** Uploads, renames, moves and deletions of files and folders in one folder (the Files page). */
export const FilesFolderChangedSubscription = graphql(`
  subscription FilesFolderChanged($folderId: ID!) {
    fileChanged(folderId: $folderId) {
      event
      occurredAt
      fileId
      folderId
    }
  }
`);
