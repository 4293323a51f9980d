import { graphql } from '../gql';

graphql(`
  fragment SettingsUserErrors on UserError {
    code
    message
    field
  }
`);

export const SettingsProfileQuery = graphql(`
  query SettingsProfile {
    me {
      id
      name
      email
      avatarUrl
      timeZone
      locale
      mfaEnabled
    }
  }
`);

export const SettingsUserUpdateMutation = graphql(`
  mutation SettingsUserUpdate($input: UserUpdateInput!) {
    userUpdate(input: $input) {
      user {
        id
        name
        avatarUrl
        timeZone
        locale
      }
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsPasswordChangeMutation = graphql(`
  mutation SettingsPasswordChange($input: PasswordChangeInput!) {
    passwordChange(input: $input) {
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsMfaEnrollStartMutation = graphql(`
  mutation SettingsMfaEnrollStart {
    mfaEnrollStart {
      secret
      otpauthUrl
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsMfaEnrollConfirmMutation = graphql(`
  mutation SettingsMfaEnrollConfirm($input: MfaEnrollConfirmInput!) {
    mfaEnrollConfirm(input: $input) {
      backupCodes
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsMfaDisableMutation = graphql(`
  mutation SettingsMfaDisable($input: MfaDisableInput!) {
    mfaDisable(input: $input) {
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsMembersQuery = graphql(`
  query SettingsMembers($first: Int, $after: String, $last: Int, $before: String) {
    me {
      id
    }
    organization {
      id
      name
      viewerRole
      members(first: $first, after: $after, last: $last, before: $before) {
        nodes {
          role
          createdAt
          user {
            id
            name
            email
            avatarUrl
          }
        }
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
        totalCount
      }
    }
  }
`);

export const SettingsMembershipUpdateMutation = graphql(`
  mutation SettingsMembershipUpdate($input: MembershipUpdateInput!) {
    membershipUpdate(input: $input) {
      membership {
        role
        user {
          id
        }
      }
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsMembershipDeleteMutation = graphql(`
  mutation SettingsMembershipDelete($input: MembershipDeleteInput!) {
    membershipDelete(input: $input) {
      deletedUserId
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsTeamsQuery = graphql(`
  query SettingsTeams {
    organization {
      id
      viewerRole
      teams(first: 100) {
        nodes {
          id
          name
          description
          members(first: 100) {
            totalCount
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
        totalCount
      }
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

export const SettingsTeamCreateMutation = graphql(`
  mutation SettingsTeamCreate($input: TeamCreateInput!) {
    teamCreate(input: $input) {
      team {
        id
        name
        description
      }
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsTeamUpdateMutation = graphql(`
  mutation SettingsTeamUpdate($input: TeamUpdateInput!) {
    teamUpdate(input: $input) {
      team {
        id
        name
        description
      }
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsTeamDeleteMutation = graphql(`
  mutation SettingsTeamDelete($input: TeamDeleteInput!) {
    teamDelete(input: $input) {
      deletedTeamId
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsTeamMemberAddMutation = graphql(`
  mutation SettingsTeamMemberAdd($input: TeamMemberAddInput!) {
    teamMemberAdd(input: $input) {
      teamMember {
        role
      }
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsTeamMemberRemoveMutation = graphql(`
  mutation SettingsTeamMemberRemove($input: TeamMemberRemoveInput!) {
    teamMemberRemove(input: $input) {
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsInvitationsQuery = graphql(`
  query SettingsInvitations($first: Int, $after: String, $last: Int, $before: String) {
    organization {
      id
      viewerRole
      invitations(first: $first, after: $after, last: $last, before: $before) {
        nodes {
          id
          email
          role
          status
          createdAt
          expiresAt
          invitedBy {
            id
            name
          }
          teams {
            id
            name
          }
        }
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
        totalCount
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

export const SettingsInvitationCreateMutation = graphql(`
  mutation SettingsInvitationCreate($input: InvitationCreateInput!) {
    invitationCreate(input: $input) {
      invitation {
        id
        email
        status
      }
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsInvitationResendMutation = graphql(`
  mutation SettingsInvitationResend($input: InvitationResendInput!) {
    invitationResend(input: $input) {
      invitation {
        id
        status
        expiresAt
      }
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsInvitationRevokeMutation = graphql(`
  mutation SettingsInvitationRevoke($input: InvitationRevokeInput!) {
    invitationRevoke(input: $input) {
      invitation {
        id
        status
        revokedAt
      }
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

graphql(`
  fragment SettingsApiKeyFields on ApiKey {
    id
    name
    prefix
    scopes
    rateLimit
    createdAt
    expiresAt
    lastUsedAt
    revokedAt
    createdBy {
      id
      name
    }
  }
`);

export const SettingsApiKeysQuery = graphql(`
  query SettingsApiKeys($first: Int, $after: String, $last: Int, $before: String) {
    organization {
      id
      viewerRole
      apiKeys(first: $first, after: $after, last: $last, before: $before) {
        nodes {
          ...SettingsApiKeyFields
        }
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
        totalCount
      }
    }
    apiKeyScopes {
      name
      description
    }
  }
`);

export const SettingsApiKeyCreateMutation = graphql(`
  mutation SettingsApiKeyCreate($input: ApiKeyCreateInput!) {
    apiKeyCreate(input: $input) {
      apiKey {
        ...SettingsApiKeyFields
      }
      plainKey
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsApiKeyRevokeMutation = graphql(`
  mutation SettingsApiKeyRevoke($input: ApiKeyRevokeInput!) {
    apiKeyRevoke(input: $input) {
      apiKey {
        ...SettingsApiKeyFields
      }
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

/** Module access: the cell's restricted modules, and who can be granted them. */
export const SettingsModuleAccessQuery = graphql(`
  query SettingsModuleAccess {
    restrictedModules
    organization {
      id
      viewerRole
      teams(first: 100) {
        nodes {
          id
          name
        }
      }
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

graphql(`
  fragment SettingsModuleGrantFields on ModuleGrant {
    module
    relation
    subject {
      ... on User {
        id
        name
        email
      }
      ... on Team {
        id
        name
      }
      ... on RoleSubject {
        role
      }
    }
  }
`);

export const SettingsModuleGrantsQuery = graphql(`
  query SettingsModuleGrants($module: String!) {
    moduleGrants(module: $module) {
      ...SettingsModuleGrantFields
    }
  }
`);

export const SettingsModuleAccessGrantMutation = graphql(`
  mutation SettingsModuleAccessGrant($input: ModuleAccessGrantInput!) {
    moduleAccessGrant(input: $input) {
      grant {
        ...SettingsModuleGrantFields
      }
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsModuleAccessRevokeMutation = graphql(`
  mutation SettingsModuleAccessRevoke($input: ModuleAccessRevokeInput!) {
    moduleAccessRevoke(input: $input) {
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsNamespaceQuery = graphql(`
  query SettingsNamespace($namespace: String!) {
    settings(namespace: $namespace) {
      namespace
      values
      organizationValues
      userValues
      sources {
        key
        source
      }
    }
    organization {
      id
      viewerRole
    }
  }
`);

export const SettingsSetMutation = graphql(`
  mutation SettingsSet($input: SettingSetInput!) {
    settingSet(input: $input) {
      settings {
        namespace
        values
        organizationValues
        userValues
        sources {
          key
          source
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

export const SettingsPlatformAdminQuery = graphql(`
  query SettingsPlatformAdmin {
    platformAdmin
  }
`);

graphql(`
  fragment SettingsScheduledJobRunFields on ScheduledJobRun {
    id
    trigger
    status
    startedAt
    finishedAt
    durationMs
    error
  }
`);

graphql(`
  fragment SettingsScheduledJobFields on ScheduledJob {
    id
    subgraph
    job
    cron
    timeZone
    everyMs
    description
    enabled
    nextRunAt
    consecutiveFailures
    lastRun {
      ...SettingsScheduledJobRunFields
    }
  }
`);

export const SettingsScheduledJobsQuery = graphql(`
  query SettingsScheduledJobs {
    scheduledJobs {
      ...SettingsScheduledJobFields
    }
    jobQueues {
      queue
      waiting
      active
      delayed
      failed
      completed
    }
    failedJobs(first: 50) {
      id
      queue
      name
      attempts
      failedReason
      failedAt
    }
  }
`);

export const SettingsScheduledJobRunsQuery = graphql(`
  query SettingsScheduledJobRuns($subgraph: String!, $job: String!, $first: Int, $after: String) {
    scheduledJobRuns(subgraph: $subgraph, job: $job, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...SettingsScheduledJobRunFields
      }
    }
  }
`);

export const SettingsScheduledJobSetEnabledMutation = graphql(`
  mutation SettingsScheduledJobSetEnabled($input: ScheduledJobSetEnabledInput!) {
    scheduledJobSetEnabled(input: $input) {
      scheduledJob {
        ...SettingsScheduledJobFields
      }
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsScheduledJobRunNowMutation = graphql(`
  mutation SettingsScheduledJobRunNow($input: ScheduledJobRunNowInput!) {
    scheduledJobRunNow(input: $input) {
      runId
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);

export const SettingsFailedJobRetryMutation = graphql(`
  mutation SettingsFailedJobRetry($input: FailedJobRetryInput!) {
    failedJobRetry(input: $input) {
      retried
      userErrors {
        ...SettingsUserErrors
      }
    }
  }
`);
