import { graphql } from '../../gql';

// Every operation of the notes module is prefixed with `Notes` (operation names are unique app-wide).

/** A note in a list: the list page, a widget, search. */
graphql(`
  fragment NotesListItem on Note {
    id
    title
    excerpt
    pinned
    visibility
    archivedAt
    updatedAt
    author {
      id
      name
    }
  }
`);

/** Everything the note page shows and edits. */
graphql(`
  fragment NotesNote on Note {
    id
    title
    body
    pinned
    visibility
    archivedAt
    deletedAt
    createdAt
    updatedAt
    revision
    viewerCanEdit
    author {
      id
      name
    }
    team {
      id
      name
    }
    sharedWith {
      id
      name
    }
    aboutIds
    # Concrete types inline: without the schema's possible types, Apollo's cache cannot match a
    # fragment on the Node interface to a Contact, and would drop its fields.
    about {
      __typename
      id
      ... on Task {
        title
      }
      ... on Contact {
        name
      }
      ... on Deal {
        title
      }
      ... on Note {
        title
      }
    }
  }
`);

export const NotesListQuery = graphql(`
  query NotesList($filter: NoteFilter, $first: Int, $after: String, $last: Int, $before: String) {
    notes(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...NotesListItem
      }
    }
  }
`);

export const NotesSearchQuery = graphql(`
  query NotesSearch($text: String!, $first: Int) {
    notes(filter: { or: [{ title: { contains: $text } }, { text: { contains: $text } }] }, first: $first) {
      nodes {
        id
        title
        excerpt
      }
    }
  }
`);

export const NotesNoteQuery = graphql(`
  query NotesNote($id: ID!) {
    note(id: $id) {
      ...NotesNote
    }
  }
`);

export const NotesRevisionsQuery = graphql(`
  query NotesRevisions($id: ID!, $first: Int, $after: String) {
    note(id: $id) {
      id
      revisions(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          number
          title
          body
          createdAt
          author {
            id
            name
          }
        }
      }
    }
  }
`);

/** The notes about an object (a task, contact, deal …) the viewer may read (`Node.notes`). */
export const NotesAboutQuery = graphql(`
  query NotesAbout($id: ID!, $first: Int) {
    node(id: $id) {
      id
      notes(first: $first) {
        totalCount
        nodes {
          ...NotesListItem
        }
      }
    }
  }
`);

/** Who can be mentioned or shared with, the teams a note can be shared with, and who is asking. */
export const NotesPeopleQuery = graphql(`
  query NotesPeople {
    me {
      id
    }
    organization {
      id
      members(first: 100) {
        nodes {
          user {
            id
            name
          }
        }
      }
      teams(first: 100) {
        nodes {
          id
          name
        }
      }
    }
  }
`);

export const NotesCreateMutation = graphql(`
  mutation NotesCreate($input: NoteCreateInput!) {
    noteCreate(input: $input) {
      note {
        ...NotesNote
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const NotesUpdateMutation = graphql(`
  mutation NotesUpdate($input: NoteUpdateInput!) {
    noteUpdate(input: $input) {
      note {
        ...NotesNote
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const NotesShareMutation = graphql(`
  mutation NotesShare($input: NoteShareInput!) {
    noteShare(input: $input) {
      note {
        ...NotesNote
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const NotesDetachMutation = graphql(`
  mutation NotesDetach($input: NoteAboutInput!) {
    noteDetach(input: $input) {
      note {
        ...NotesNote
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const NotesRevisionRestoreMutation = graphql(`
  mutation NotesRevisionRestore($input: NoteRevisionRestoreInput!) {
    noteRevisionRestore(input: $input) {
      note {
        ...NotesNote
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const NotesDeleteMutation = graphql(`
  mutation NotesDelete($input: NoteIdInput!) {
    noteDelete(input: $input) {
      note {
        ...NotesNote
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const NotesRestoreMutation = graphql(`
  mutation NotesRestore($input: NoteIdInput!) {
    noteRestore(input: $input) {
      note {
        ...NotesNote
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const NotesAttachMutation = graphql(`
  mutation NotesAttach($input: NoteAboutInput!) {
    noteAttach(input: $input) {
      note {
        ...NotesNote
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

/**
 * One note's changes, live (`noteChanged`): the note as it is now, which Apollo's cache takes in
 * (the note page, list rows and widgets showing it follow), or null once it is deleted.
 */
export const NotesNoteChangedSubscription = graphql(`
  subscription NotesNoteChanged($id: ID!) {
    noteChanged(id: $id) {
      event
      occurredAt
      noteId
      changedFields
      actor {
        id
        name
      }
      note {
        ...NotesNote
        excerpt
      }
    }
  }
`);
