import { userError } from '@cellgraph/kernel';
import { organizationMessages } from '../messages.js';

/** Every code teams answer. */
export const TeamErrorCode = {
  InvalidInput: 'TEAM_INVALID_INPUT',
  NotFound: 'TEAM_NOT_FOUND',
  NameTaken: 'TEAM_NAME_TAKEN',
  MemberNotInOrganization: 'TEAM_MEMBER_NOT_IN_ORGANIZATION',
  MemberNotFound: 'TEAM_MEMBER_NOT_FOUND',
} as const;

export const teamNotFound = (field: (string | number)[] = ['input', 'teamId']) => userError(TeamErrorCode.NotFound, organizationMessages.teamNotFound, field);
export const teamNameTaken = () => userError(TeamErrorCode.NameTaken, organizationMessages.teamNameTaken, ['input', 'name']);
export const notInOrganization = () => userError(TeamErrorCode.MemberNotInOrganization, organizationMessages.notInOrganization, ['input', 'userId']);
export const notInTeam = () => userError(TeamErrorCode.MemberNotFound, organizationMessages.notInTeam, ['input', 'userId']);
