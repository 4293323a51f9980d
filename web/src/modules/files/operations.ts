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
