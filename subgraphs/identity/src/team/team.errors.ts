import { userError } from '@cellgraph/kernel';

/** Every code teams answer. */
export const TeamErrorCode = {
  InvalidInput: 'TEAM_INVALID_INPUT',
  NotFound: 'TEAM_NOT_FOUND',
  NameTaken: 'TEAM_NAME_TAKEN',
  MemberNotInOrganization: 'TEAM_MEMBER_NOT_IN_ORGANIZATION',
  MemberNotFound: 'TEAM_MEMBER_NOT_FOUND',
} as const;

export const teamNotFound = (field: (string | number)[] = ['input', 'teamId']) => userError(TeamErrorCode.NotFound, 'No such team in your organization', field);
export const teamNameTaken = () => userError(TeamErrorCode.NameTaken, 'A team with this name already exists', ['input', 'name']);
export const notInOrganization = () =>
  userError(TeamErrorCode.MemberNotInOrganization, 'Only members of the organization can join its teams', ['input', 'userId']);
export const notInTeam = () => userError(TeamErrorCode.MemberNotFound, 'This user is not in the team', ['input', 'userId']);
