import { graphql } from '../../gql';

// Every operation of the tasks module is prefixed with `Tasks` (operation names are unique app-wide).

/** What a Kanban card shows; also what the live feed and the move mutation bring back. */
graphql(`
  fragment TasksCard on Task {
    id
    title
    status
    priority
    dueDate
    position
    blocked
    assignee {
      id
      name
    }
    tags {
      id
      name
      color
    }
    column {
      id
    }
    board {
      id
    }
  }
`);

export const TasksBoardsQuery = graphql(`
  query TasksBoards($first: Int, $after: String) {
    boards(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        viewType
        createdAt
        columns {
          id
          name
          tasks(first: 1) {
            totalCount
          }
        }
      }
    }
  }
`);

export const TasksBoardQuery = graphql(`
  query TasksBoard($id: ID!) {
    board(id: $id) {
      id
      name
      viewType
      columns {
        id
        name
        position
        color
        wipLimit
        status
        tasks(first: 100) {
          totalCount
          nodes {
            ...TasksCard
          }
        }
      }
    }
  }
`);

export const TasksBoardChangedSubscription = graphql(`
  subscription TasksBoardChanged($boardId: ID!) {
    taskChanged(boardId: $boardId) {
      event
      occurredAt
      taskId
      task {
        ...TasksCard
      }
    }
  }
`);

export const TasksMoveTaskMutation = graphql(`
  mutation TasksMoveTask($input: TaskMoveInput!) {
    taskMove(input: $input) {
      task {
        ...TasksCard
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const TasksCreateTaskMutation = graphql(`
  mutation TasksCreateTask($input: TaskCreateInput!) {
    taskCreate(input: $input) {
      task {
        ...TasksCard
        parent {
          id
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

export const TasksCreateBoardMutation = graphql(`
  mutation TasksCreateBoard($input: BoardCreateInput!) {
    boardCreate(input: $input) {
      board {
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

export const TasksListQuery = graphql(`
  query TasksList($first: Int, $after: String, $last: Int, $before: String, $filter: TaskFilter, $orderBy: [TaskOrder!]) {
    tasks(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        title
        status
        priority
        dueDate
        createdAt
        updatedAt
        assignee {
          id
          name
        }
        board {
          id
          name
        }
        column {
          id
          name
        }
      }
    }
  }
`);

export const TasksSearchQuery = graphql(`
  query TasksSearch($text: String!, $first: Int) {
    tasks(first: $first, filter: { title: { contains: $text } }, orderBy: [{ field: UPDATED_AT, direction: DESC }]) {
      nodes {
        id
        title
        status
        board {
          id
          name
        }
      }
    }
  }
`);

export const TasksMembersQuery = graphql(`
  query TasksMembers {
    organization {
      id
      members(first: 100) {
        nodes {
          role
          user {
            id
            name
            email
          }
        }
      }
    }
  }
`);

export const TasksBoardPickerQuery = graphql(`
  query TasksBoardPicker {
    boards(first: 100) {
      nodes {
        id
        name
        columns {
          id
          name
        }
      }
    }
  }
`);

export const TasksTaskQuery = graphql(`
  query TasksTask($id: ID!) {
    task(id: $id) {
      id
      title
      description
      status
      priority
      dueDate
      startDate
      storyPoints
      completedAt
      createdAt
      updatedAt
      blocked
      trackedSeconds
      assignee {
        id
        name
      }
      createdBy {
        id
        name
      }
      watchers {
        id
        name
      }
      parent {
        id
        title
      }
      board {
        id
        name
        columns {
          id
          name
          status
        }
      }
      column {
        id
        name
      }
      checklists {
        id
        title
        doneCount
        completed
        items {
          id
          title
          done
          position
        }
      }
      subtasks(first: 50) {
        totalCount
        nodes {
          id
          title
          status
          assignee {
            id
            name
          }
        }
      }
      dependencies {
        id
        type
        dependsOn {
          id
          title
          status
        }
      }
      dependents {
        id
        type
        task {
          id
          title
          status
        }
      }
      timeEntries {
        id
        startedAt
        endedAt
        durationSeconds
        running
        billable
        note
        user {
          id
          name
        }
      }
      tags {
        id
        name
        color
      }
      links(first: 50) {
        nodes {
          id
          relationship
          direction
          node {
            __typename
            id
            ...TasksNodeLabel
          }
        }
      }
    }
  }
`);

/** A title for any object a task can link to. */
graphql(`
  fragment TasksNodeLabel on Node {
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
    ... on Board {
      name
    }
    ... on Pipeline {
      name
    }
    ... on User {
      name
    }
    ... on Team {
      name
    }
    ... on Organization {
      name
    }
  }
`);

/** One comment as the thread shows it. */
graphql(`
  fragment TasksCommentFields on Comment {
    id
    body
    createdAt
    editedAt
    deleted
    author {
      id
      name
    }
    mentions {
      id
      name
    }
  }
`);

/**
 * The newest top-level comments (earlier ones page in with `before`), each with its first replies.
 * Pages stay small so the thread, mentions included, costs well under the gateway's object limit.
 */
export const TasksCommentsQuery = graphql(`
  query TasksComments($id: ID!, $before: String) {
    task(id: $id) {
      id
      comments(last: 30, before: $before) {
        totalCount
        pageInfo {
          hasPreviousPage
          startCursor
        }
        nodes {
          ...TasksCommentFields
          replies(first: 20) {
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
            nodes {
              ...TasksCommentFields
            }
          }
        }
      }
    }
  }
`);

/** The next replies of one thread, after those shown. */
export const TasksCommentRepliesQuery = graphql(`
  query TasksCommentReplies($id: ID!, $after: String) {
    comment(id: $id) {
      id
      replies(first: 50, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          ...TasksCommentFields
        }
      }
    }
  }
`);

export const TasksActivityQuery = graphql(`
  query TasksActivity($id: ID!, $after: String) {
    task(id: $id) {
      id
      activity(first: 30, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          __typename
          ... on ActivityEvent {
            id
            event
            occurredAt
            data
            actor {
              id
              name
            }
          }
          ... on Comment {
            id
            body
            createdAt
            deleted
            author {
              id
              name
            }
            mentions {
              id
              name
            }
          }
        }
      }
    }
  }
`);

export const TasksUpdateTaskMutation = graphql(`
  mutation TasksUpdateTask($input: TaskUpdateInput!) {
    taskUpdate(input: $input) {
      task {
        id
        title
        description
        status
        priority
        dueDate
        startDate
        updatedAt
        assignee {
          id
          name
        }
        watchers {
          id
          name
        }
        parent {
          id
          title
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

export const TasksMoveToColumnMutation = graphql(`
  mutation TasksMoveToColumn($input: TaskMoveInput!) {
    taskMove(input: $input) {
      task {
        id
        status
        position
        column {
          id
          name
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

export const TasksDeleteTaskMutation = graphql(`
  mutation TasksDeleteTask($input: TaskDeleteInput!) {
    taskDelete(input: $input) {
      deletedTaskId
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const TasksChecklistCreateMutation = graphql(`
  mutation TasksChecklistCreate($input: ChecklistCreateInput!) {
    checklistCreate(input: $input) {
      checklist {
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

export const TasksChecklistDeleteMutation = graphql(`
  mutation TasksChecklistDelete($input: ChecklistDeleteInput!) {
    checklistDelete(input: $input) {
      deletedChecklistId
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const TasksChecklistItemAddMutation = graphql(`
  mutation TasksChecklistItemAdd($input: ChecklistItemAddInput!) {
    checklistItemAdd(input: $input) {
      item {
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

export const TasksChecklistItemToggleMutation = graphql(`
  mutation TasksChecklistItemToggle($input: ChecklistItemToggleInput!) {
    checklistItemToggle(input: $input) {
      item {
        id
        done
        doneAt
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const TasksChecklistItemDeleteMutation = graphql(`
  mutation TasksChecklistItemDelete($input: ChecklistItemDeleteInput!) {
    checklistItemDelete(input: $input) {
      deletedChecklistItemId
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const TasksDependencyAddMutation = graphql(`
  mutation TasksDependencyAdd($input: TaskDependencyAddInput!) {
    taskDependencyAdd(input: $input) {
      dependency {
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

export const TasksDependencyRemoveMutation = graphql(`
  mutation TasksDependencyRemove($input: TaskDependencyRemoveInput!) {
    taskDependencyRemove(input: $input) {
      removedTaskDependencyId
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const TasksWatcherAddMutation = graphql(`
  mutation TasksWatcherAdd($input: TaskWatcherInput!) {
    taskWatcherAdd(input: $input) {
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const TasksWatcherRemoveMutation = graphql(`
  mutation TasksWatcherRemove($input: TaskWatcherInput!) {
    taskWatcherRemove(input: $input) {
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const TasksTimerStartMutation = graphql(`
  mutation TasksTimerStart($input: TimerStartInput!) {
    timerStart(input: $input) {
      timeEntry {
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

export const TasksTimerStopMutation = graphql(`
  mutation TasksTimerStop {
    timerStop {
      timeEntry {
        id
        running
        endedAt
        durationSeconds
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const TasksTimeEntryCreateMutation = graphql(`
  mutation TasksTimeEntryCreate($input: TimeEntryCreateInput!) {
    timeEntryCreate(input: $input) {
      timeEntry {
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

export const TasksTimeEntryDeleteMutation = graphql(`
  mutation TasksTimeEntryDelete($input: TimeEntryDeleteInput!) {
    timeEntryDelete(input: $input) {
      deletedTimeEntryId
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const TasksCommentCreateMutation = graphql(`
  mutation TasksCommentCreate($input: CommentCreateInput!) {
    commentCreate(input: $input) {
      comment {
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

export const TasksTagsQuery = graphql(`
  query TasksTags($search: String) {
    tags(first: 50, search: $search) {
      nodes {
        id
        name
        color
      }
    }
  }
`);

export const TasksTagApplyMutation = graphql(`
  mutation TasksTagApply($input: TagApplyInput!) {
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

export const TasksTagRemoveMutation = graphql(`
  mutation TasksTagRemove($input: TagRemoveInput!) {
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

export const TasksLinkCreateMutation = graphql(`
  mutation TasksLinkCreate($input: LinkCreateInput!) {
    linkCreate(input: $input) {
      link {
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

export const TasksLinkDeleteMutation = graphql(`
  mutation TasksLinkDelete($input: LinkDeleteInput!) {
    linkDelete(input: $input) {
      deletedLinkId
      userErrors {
        code
        message
        field
      }
    }
  }
`);

/** Tasks linked to any object (the contact profile's widget). */
export const TasksLinkedTasksQuery = graphql(`
  query TasksLinkedTasks($id: ID!) {
    node(id: $id) {
      __typename
      id
      links(first: 50, type: ["Task"]) {
        totalCount
        nodes {
          id
          relationship
          node {
            __typename
            id
            ... on Task {
              title
              status
              priority
              dueDate
              assignee {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`);

export const TasksByStatusQuery = graphql(`
  query TasksByStatus {
    taskAnalytics {
      count
      groupBy(dimension: STATUS) {
        key
        count
      }
    }
  }
`);
