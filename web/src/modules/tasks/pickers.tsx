import { useQuery } from '@apollo/client/react';
import type { SelectHTMLAttributes } from 'react';
import { SelectField } from '../../ui/controls';
import { PRIORITIES, priorityLabel, STATUSES, statusLabel } from './format';
import { TasksBoardPickerQuery, TasksMembersQuery } from './operations';
import { useT, useTranslator } from '../../app/i18n';
import { m, widgetsMessages as w } from './messages';

export interface Member {
  id: string;
  name: string;
  email: string;
}

/** The organization's members (for assignees, watchers, mentions). */
export function useMembers(): { members: Member[]; loading: boolean; error: unknown } {
  const { data, loading, error } = useQuery(TasksMembersQuery);
  const members = (data?.organization?.members?.nodes ?? []).flatMap((membership) => (membership.user ? [membership.user] : []));
  return { members, loading, error };
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'> & { label: string; hint?: string; error?: string | null };

export function MemberSelect({
  emptyLabel,
  extraOptions = [],
  ...props
}: SelectProps & { emptyLabel?: string; extraOptions?: { value: string; label: string }[] }) {
  const t = useT();
  const { members, loading } = useMembers();
  return (
    <SelectField {...props} aria-busy={loading || undefined}>
      <option value="">{emptyLabel ?? t(w.nobody)}</option>
      {extraOptions.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
      {members.map((member) => (
        <option key={member.id} value={member.id}>
          {member.name}
        </option>
      ))}
    </SelectField>
  );
}

export function StatusSelect({ emptyLabel, ...props }: SelectProps & { emptyLabel?: string }) {
  useTranslator(); // the labels follow the reader
  return (
    <SelectField {...props}>
      {emptyLabel ? <option value="">{emptyLabel}</option> : null}
      {STATUSES.map((status) => (
        <option key={status} value={status}>
          {statusLabel(status)}
        </option>
      ))}
    </SelectField>
  );
}

export function PrioritySelect({ emptyLabel, ...props }: SelectProps & { emptyLabel?: string }) {
  useTranslator(); // the labels follow the reader
  return (
    <SelectField {...props}>
      <option value="">{emptyLabel ?? priorityLabel(null)}</option>
      {PRIORITIES.map((priority) => (
        <option key={priority} value={priority}>
          {priorityLabel(priority)}
        </option>
      ))}
    </SelectField>
  );
}

/** Boards (and their columns) for pickers. */
export function useBoards() {
  const { data, loading, error } = useQuery(TasksBoardPickerQuery);
  return { boards: data?.boards?.nodes ?? [], loading, error };
}

export function BoardSelect({ emptyLabel, ...props }: SelectProps & { emptyLabel?: string }) {
  const t = useT();
  const { boards, loading } = useBoards();
  return (
    <SelectField {...props} aria-busy={loading || undefined}>
      <option value="">{emptyLabel ?? t(m.noBoard)}</option>
      {boards.map((board) => (
        <option key={board.id} value={board.id}>
          {board.name}
        </option>
      ))}
    </SelectField>
  );
}
