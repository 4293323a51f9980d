import { graphql } from '../../gql';

export const AuditEntriesQuery = graphql(`
  query AuditEntries($filter: AuditEntryFilter, $first: Int, $after: String, $last: Int, $before: String) {
    auditEntries(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        seq
        action
        occurredAt
        actor {
          id
          name
        }
        actorApiKey {
          id
          name
        }
        clientAddress
        userAgent
        targetType
        targetId
        before
        after
      }
    }
    auditVerify {
      intact
      headSeq
      firstBrokenSeq
      reason
    }
  }
`);
