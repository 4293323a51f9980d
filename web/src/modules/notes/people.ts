import { useQuery } from '@apollo/client/react';
import type { MentionCandidate } from './editor/extensions';
import { NotesPeopleQuery } from './operations';

export interface Person {
  id: string;
  name: string;
}

/** Who is asking, the organization's members (to mention, to share with) and its teams. */
export function usePeople(): { meId: string | null; members: Person[]; mentionable: MentionCandidate[]; teams: Person[]; loading: boolean } {
  const { data, loading } = useQuery(NotesPeopleQuery);
  const members = (data?.organization?.members?.nodes ?? []).flatMap((membership) => (membership.user ? [membership.user] : []));
  return {
    meId: data?.me?.id ?? null,
    members,
    mentionable: members.map((member) => ({ id: member.id, label: member.name })),
    teams: data?.organization?.teams?.nodes ?? [],
    loading,
  };
}
