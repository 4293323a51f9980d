import { graphql } from '../../gql';

// Every operation of the CRM module is named Crm…: names are unique across the app (persisted
// documents are keyed by them).

graphql(`
  fragment CrmMoney on Money {
    amount
    currencyCode
  }
`);

graphql(`
  fragment CrmContactRow on Contact {
    id
    name
    type
    status
    email
    phone
    company
    jobTitle
    customFields
    lastInteractionAt
    createdAt
    updatedAt
    assignedTo {
      id
      name
    }
    tags {
      id
      name
      color
    }
  }
`);

graphql(`
  fragment CrmDealCard on Deal {
    id
    title
    status
    probability
    expectedCloseDate
    value {
      ...CrmMoney
    }
    stage {
      id
      name
    }
    contact {
      id
      name
    }
  }
`);

export const CrmContactsQuery = graphql(`
  query CrmContacts($first: Int, $after: String, $last: Int, $before: String, $search: String, $filter: ContactFilter, $orderBy: [ContactOrder!]) {
    contacts(first: $first, after: $after, last: $last, before: $before, search: $search, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...CrmContactRow
      }
    }
  }
`);

/** What the filters and forms choose from: custom field definitions, members, tags. */
export const CrmContactOptionsQuery = graphql(`
  query CrmContactOptions {
    contactFields {
      id
      key
      label
      type
      options
      required
      position
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
    }
    tags(first: 100) {
      nodes {
        id
        name
        color
      }
    }
  }
`);

export const CrmContactCreateMutation = graphql(`
  mutation CrmContactCreate($input: ContactCreateInput!) {
    contactCreate(input: $input) {
      contact {
        ...CrmContactRow
      }
      duplicateContact {
        id
        name
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const CrmContactQuery = graphql(`
  query CrmContact($id: ID!) {
    contact(id: $id) {
      ...CrmContactRow
      firstName
      lastName
      source
      convertedAt
      stage {
        id
        name
      }
      deals(first: 50) {
        totalCount
        nodes {
          ...CrmDealCard
        }
      }
      interactions(first: 20) {
        totalCount
        nodes {
          id
          type
          direction
          subject
          body
          occurredAt
          durationSeconds
          loggedBy {
            id
            name
          }
        }
      }
      timeline(first: 30) {
        totalCount
        nodes {
          __typename
          ... on Interaction {
            id
            type
            direction
            subject
            body
            occurredAt
            loggedBy {
              id
              name
            }
          }
          ... on ContactActivity {
            id
            event
            occurredAt
            data
            subjectId
            actor {
              id
              name
            }
          }
        }
      }
    }
  }
`);

export const CrmContactUpdateMutation = graphql(`
  mutation CrmContactUpdate($input: ContactUpdateInput!) {
    contactUpdate(input: $input) {
      contact {
        ...CrmContactRow
        firstName
        lastName
        source
      }
      duplicateContact {
        id
        name
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const CrmContactChangedSubscription = graphql(`
  subscription CrmContactChanged($id: ID!) {
    contactChanged(id: $id) {
      event
      occurredAt
      subjectId
      contact {
        ...CrmContactRow
        firstName
        lastName
        source
      }
    }
  }
`);

export const CrmTagApplyMutation = graphql(`
  mutation CrmTagApply($input: TagApplyInput!) {
    tagApply(input: $input) {
      changed
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const CrmTagRemoveMutation = graphql(`
  mutation CrmTagRemove($input: TagRemoveInput!) {
    tagRemove(input: $input) {
      changed
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const CrmInteractionLogMutation = graphql(`
  mutation CrmInteractionLog($input: InteractionLogInput!) {
    interactionLog(input: $input) {
      interaction {
        id
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const CrmPipelinesQuery = graphql(`
  query CrmPipelines {
    pipelines(first: 100, type: DEAL) {
      nodes {
        id
        name
        stages {
          id
          name
          closed
          won
        }
      }
    }
  }
`);

export const CrmPipelineBoardQuery = graphql(`
  query CrmPipelineBoard($id: ID!) {
    pipeline(id: $id) {
      id
      name
      stages {
        id
        name
        position
        color
        probability
        closed
        won
        dealTotals {
          deals
          value {
            ...CrmMoney
          }
        }
        deals(first: 100) {
          totalCount
          nodes {
            ...CrmDealCard
          }
        }
      }
    }
  }
`);

export const CrmDealMoveMutation = graphql(`
  mutation CrmDealMove($input: DealMoveInput!) {
    dealMove(input: $input) {
      deal {
        ...CrmDealCard
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const CrmDealCreateMutation = graphql(`
  mutation CrmDealCreate($input: DealCreateInput!) {
    dealCreate(input: $input) {
      deal {
        ...CrmDealCard
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const CrmDealQuery = graphql(`
  query CrmDeal($id: ID!) {
    deal(id: $id) {
      ...CrmDealCard
      probabilityOverridden
      actualCloseDate
      lostReason
      createdAt
      updatedAt
      weightedValue {
        ...CrmMoney
      }
      owner {
        id
        name
      }
      pipeline {
        id
        name
        stages {
          id
          name
          closed
          won
        }
      }
      tags {
        id
        name
        color
      }
      interactions(first: 20) {
        nodes {
          id
          type
          direction
          subject
          body
          occurredAt
        }
      }
    }
  }
`);

export const CrmDealUpdateMutation = graphql(`
  mutation CrmDealUpdate($input: DealUpdateInput!) {
    dealUpdate(input: $input) {
      deal {
        ...CrmDealCard
        probabilityOverridden
        lostReason
        weightedValue {
          ...CrmMoney
        }
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const CrmDealForecastQuery = graphql(`
  query CrmDealForecast($timezone: String!, $pipelineId: ID) {
    dealForecast(timezone: $timezone, pipelineId: $pipelineId) {
      month
      timezone
      currencies {
        currencyCode
        openDeals
        totalValue {
          ...CrmMoney
        }
        weightedValue {
          ...CrmMoney
        }
        expectedThisMonth {
          ...CrmMoney
        }
        weightedThisMonth {
          ...CrmMoney
        }
        wonThisMonth {
          ...CrmMoney
        }
        wonDealsThisMonth
        byStage {
          deals
          value {
            ...CrmMoney
          }
          weightedValue {
            ...CrmMoney
          }
          stage {
            id
            name
          }
        }
      }
    }
  }
`);

/** The command palette's search, and the contact picker of the new-deal form. */
export const CrmSearchContactsQuery = graphql(`
  query CrmSearchContacts($search: String!, $first: Int!) {
    contacts(search: $search, first: $first) {
      nodes {
        id
        name
        company
        email
      }
    }
  }
`);

export const CrmSearchDealsQuery = graphql(`
  query CrmSearchDeals($title: String!, $first: Int!) {
    deals(filter: { title: { contains: $title } }, first: $first) {
      nodes {
        id
        title
        value {
          ...CrmMoney
        }
        contact {
          id
          name
        }
      }
    }
  }
`);

export const CrmContactPeekQuery = graphql(`
  query CrmContactPeek($id: ID!) {
    contact(id: $id) {
      ...CrmContactRow
      deals(first: 5, filter: { status: { eq: OPEN } }) {
        totalCount
        nodes {
          id
          title
          value {
            ...CrmMoney
          }
        }
      }
    }
  }
`);

export const CrmDealPeekQuery = graphql(`
  query CrmDealPeek($id: ID!) {
    deal(id: $id) {
      ...CrmDealCard
      weightedValue {
        ...CrmMoney
      }
      owner {
        id
        name
      }
    }
  }
`);

export const CrmDealsForecastQuery = graphql(`
  query CrmDealsForecast {
    dealAnalytics(filter: { status: { eq: OPEN } }) {
      amount: groupBy(dimension: CURRENCY, sum: AMOUNT) {
        key
        count
        sum
      }
      weighted: groupBy(dimension: CURRENCY, sum: WEIGHTED_AMOUNT) {
        key
        sum
      }
    }
  }
`);

export const CrmNewContactsQuery = graphql(`
  query CrmNewContacts($from: DateTimeISO!, $to: DateTimeISO!, $timeZone: String) {
    contactAnalytics {
      timeSeries(date: CREATED_AT, interval: WEEK, from: $from, to: $to, timeZone: $timeZone) {
        start
        count
      }
    }
  }
`);
