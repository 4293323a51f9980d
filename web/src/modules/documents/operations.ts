import { graphql } from '../../gql';

// Every operation of the documents module is prefixed with `Documents` (operation names are unique app-wide).

/** A document in the list. */
graphql(`
  fragment DocumentsListItem on Document {
    id
    title
    type
    status
    expiresAt
    updatedAt
    owner {
      id
      name
    }
  }
`);

/** What the document page shows and edits. */
graphql(`
  fragment DocumentsDocument on Document {
    id
    title
    type
    status
    content
    expiresAt
    voidReason
    statusChangedAt
    createdAt
    updatedAt
    revisionCount
    approvalStatus
    owner {
      id
      name
    }
    template {
      id
      title
    }
  }
`);

/** A revision and its changes (pending or decided). */
graphql(`
  fragment DocumentsRevision on DocumentRevision {
    id
    number
    description
    createdAt
    author {
      id
      name
    }
    changes {
      id
      position
      kind
      fieldName
      fieldLabel
      markId
      oldValue
      newValue
      state
      decidedAt
    }
  }
`);

export const DocumentsListQuery = graphql(`
  query DocumentsList($filter: DocumentFilter, $orderBy: [DocumentOrder!], $first: Int, $after: String, $last: Int, $before: String) {
    documents(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...DocumentsListItem
      }
    }
  }
`);

/** The templates one can create a document from (documents of type TEMPLATE). */
export const DocumentsTemplatesQuery = graphql(`
  query DocumentsTemplates {
    documents(filter: { type: { eq: TEMPLATE } }, orderBy: [{ field: TITLE, direction: ASC }], first: 100) {
      nodes {
        id
        title
      }
    }
  }
`);

export const DocumentsDocumentQuery = graphql(`
  query DocumentsDocument($id: ID!) {
    document(id: $id) {
      ...DocumentsDocument
    }
  }
`);

export const DocumentsRevisionsQuery = graphql(`
  query DocumentsRevisions($id: ID!) {
    document(id: $id) {
      id
      revisionCount
      revisions(first: 100) {
        totalCount
        nodes {
          ...DocumentsRevision
        }
      }
    }
  }
`);

export const DocumentsRedlineQuery = graphql(`
  query DocumentsRedline($id: ID!, $mode: DocumentRedlineMode!, $revision: Int, $includeOldText: Boolean!) {
    document(id: $id) {
      id
      redline(mode: $mode, revision: $revision, includeOldText: $includeOldText)
    }
  }
`);

export const DocumentsCompareQuery = graphql(`
  query DocumentsCompare($id: ID!, $from: Int!, $to: Int) {
    document(id: $id) {
      id
      compare(from: $from, to: $to) {
        field
        from
        to
      }
    }
  }
`);

export const DocumentsReviewsQuery = graphql(`
  query DocumentsReviews($id: ID!) {
    document(id: $id) {
      id
      reviews(first: 50) {
        nodes {
          id
          email
          name
          message
          sentAt
          expiresAt
          revokedAt
          lastSeenAt
        }
      }
      suggestions(first: 50) {
        nodes {
          id
          section
          originalText
          suggestedText
          comment
          state
          decidedAt
          notes
          createdAt
        }
      }
    }
  }
`);

export const DocumentsApprovalsQuery = graphql(`
  query DocumentsApprovals($id: ID!) {
    document(id: $id) {
      id
      approvalStatus
      approvalRequests(first: 100) {
        nodes {
          id
          round
          stepOrder
          role
          team {
            id
            name
          }
          action
          required
          state
          decidedAt
          comment
          requestedAt
          decidedBy {
            id
            name
          }
          submittedBy {
            id
            name
          }
          viewerIsReviewer
        }
      }
    }
  }
`);

export const DocumentsSignatureQuery = graphql(`
  query DocumentsSignature($id: ID!) {
    document(id: $id) {
      id
      signature {
        provider
        status
        message
        createdAt
        completedAt
        signers {
          name
          email
          order
          signedAt
        }
      }
      deliverables(first: 50) {
        nodes {
          id
          title
          quantity
          progress
          frequency
          dueDate
          onTrack
        }
      }
    }
  }
`);

export const DocumentsCreateMutation = graphql(`
  mutation DocumentsCreate($input: DocumentCreateInput!) {
    documentCreate(input: $input) {
      document {
        ...DocumentsListItem
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DocumentsCreateFromTemplateMutation = graphql(`
  mutation DocumentsCreateFromTemplate($input: DocumentCreateFromTemplateInput!) {
    documentCreateFromTemplate(input: $input) {
      document {
        ...DocumentsListItem
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DocumentsStatusSetMutation = graphql(`
  mutation DocumentsStatusSet($input: DocumentStatusSetInput!) {
    documentStatusSet(input: $input) {
      document {
        ...DocumentsDocument
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DocumentsReviseMutation = graphql(`
  mutation DocumentsRevise($input: DocumentReviseInput!) {
    documentRevise(input: $input) {
      document {
        ...DocumentsDocument
      }
      revision {
        ...DocumentsRevision
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DocumentsChangeAcceptMutation = graphql(`
  mutation DocumentsChangeAccept($input: DocumentChangeAcceptInput!) {
    documentChangeAccept(input: $input) {
      document {
        ...DocumentsDocument
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DocumentsChangeRejectMutation = graphql(`
  mutation DocumentsChangeReject($input: DocumentChangeRejectInput!) {
    documentChangeReject(input: $input) {
      document {
        ...DocumentsDocument
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DocumentsRevisionAcceptMutation = graphql(`
  mutation DocumentsRevisionAccept($input: DocumentRevisionAcceptInput!) {
    documentRevisionAccept(input: $input) {
      document {
        ...DocumentsDocument
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DocumentsRevisionRejectMutation = graphql(`
  mutation DocumentsRevisionReject($input: DocumentRevisionRejectInput!) {
    documentRevisionReject(input: $input) {
      document {
        ...DocumentsDocument
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DocumentsSendMutation = graphql(`
  mutation DocumentsSend($input: DocumentSendInput!) {
    documentSend(input: $input) {
      document {
        ...DocumentsDocument
      }
      review {
        id
        email
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DocumentsReviewRevokeMutation = graphql(`
  mutation DocumentsReviewRevoke($input: DocumentReviewRevokeInput!) {
    documentReviewRevoke(input: $input) {
      review {
        id
        revokedAt
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DocumentsSuggestionApproveMutation = graphql(`
  mutation DocumentsSuggestionApprove($input: DocumentSuggestionApproveInput!) {
    documentSuggestionApprove(input: $input) {
      suggestion {
        id
        state
        decidedAt
      }
      document {
        ...DocumentsDocument
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DocumentsSuggestionRejectMutation = graphql(`
  mutation DocumentsSuggestionReject($input: DocumentSuggestionRejectInput!) {
    documentSuggestionReject(input: $input) {
      suggestion {
        id
        state
        decidedAt
        notes
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DocumentsSubmitForApprovalMutation = graphql(`
  mutation DocumentsSubmitForApproval($input: DocumentSubmitForApprovalInput!) {
    documentSubmitForApproval(input: $input) {
      document {
        ...DocumentsDocument
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DocumentsApprovalDecideMutation = graphql(`
  mutation DocumentsApprovalDecide($input: ApprovalDecideInput!) {
    approvalDecide(input: $input) {
      document {
        ...DocumentsDocument
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DocumentsSendForSignatureMutation = graphql(`
  mutation DocumentsSendForSignature($input: DocumentSendForSignatureInput!) {
    documentSendForSignature(input: $input) {
      signature {
        status
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DocumentsPdfMutation = graphql(`
  mutation DocumentsPdf($input: DocumentPdfInput!) {
    documentPdf(input: $input) {
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

/** The public review page: the token is the only credential. */
export const DocumentsReviewQuery = graphql(`
  query DocumentsReview($token: String!) {
    documentReview(token: $token) {
      title
      content
      expiresAt
      revisions {
        number
        description
        createdAt
      }
    }
  }
`);

export const DocumentsSuggestionSubmitMutation = graphql(`
  mutation DocumentsSuggestionSubmit($input: DocumentSuggestionSubmitInput!) {
    documentSuggestionSubmit(input: $input) {
      suggestion {
        id
        section
        createdAt
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);
