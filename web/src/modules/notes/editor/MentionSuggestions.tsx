import type { SuggestionKeyDownProps, SuggestionOptions, SuggestionProps } from '@tiptap/suggestion';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../../app/i18n';
import type { MentionCandidate } from './extensions';
import { m } from './messages';

const MAX_SUGGESTIONS = 8;

interface Open {
  props: SuggestionProps<MentionCandidate>;
  active: number;
}

/**
 * The `@` suggestions of an editor: Tiptap's suggestion plugin reports what is typed after `@`;
 * this keeps it in React state and draws the members that match as a listbox under the caret.
 * Arrow keys move, Enter or Tab picks, Escape closes (the plugin forwards the editor's keys).
 */
export function useMentionSuggestions(candidates: readonly MentionCandidate[]) {
  const [open, setOpen] = useState<Open | null>(null);
  // The plugin's callbacks outlive renders: they read the newest state and members through refs.
  const openRef = useRef<Open | null>(null);
  const candidatesRef = useRef(candidates);
  candidatesRef.current = candidates;
  const update = (next: Open | null) => {
    openRef.current = next;
    setOpen(next);
  };

  const suggestion = useMemo<Omit<SuggestionOptions<MentionCandidate>, 'editor'>>(
    () => ({
      char: '@',
      items: ({ query }) => {
        const wanted = query.trim().toLowerCase();
        return candidatesRef.current.filter((candidate) => candidate.label.toLowerCase().includes(wanted)).slice(0, MAX_SUGGESTIONS);
      },
      render: () => ({
        onStart: (props) => update({ props, active: 0 }),
        onUpdate: (props) => update({ props, active: Math.min(openRef.current?.active ?? 0, Math.max(props.items.length - 1, 0)) }),
        onExit: () => update(null),
        onKeyDown: ({ event }: SuggestionKeyDownProps) => {
          const current = openRef.current;
          if (!current) return false;
          const count = current.props.items.length;
          if (event.key === 'Escape') {
            update(null);
            return true;
          }
          if (count === 0) return false;
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            const step = event.key === 'ArrowDown' ? 1 : -1;
            update({ ...current, active: (current.active + step + count) % count });
            return true;
          }
          if (event.key === 'Enter' || event.key === 'Tab') {
            const chosen = current.props.items[current.active];
            if (chosen) current.props.command(chosen);
            return true;
          }
          return false;
        },
      }),
    }),
    [],
  );

  return { suggestion, open, choose: (candidate: MentionCandidate) => open?.props.command(candidate) };
}

/** The listbox of members matching what follows `@`, placed under the caret. */
export function MentionList({ open, choose, listId }: { open: Open | null; choose(candidate: MentionCandidate): void; listId: string }) {
  const t = useT();
  const ref = useRef<HTMLUListElement>(null);
  // Placed through the CSSOM (never a style attribute), which the app's CSP does not restrict.
  useEffect(() => {
    const rect = open?.props.clientRect?.();
    if (!ref.current || !rect) return;
    ref.current.style.left = `${rect.left + window.scrollX}px`;
    ref.current.style.top = `${rect.bottom + window.scrollY + 4}px`;
  }, [open]);
  if (!open) return null;
  const { items } = open.props;
  return (
    <ul ref={ref} id={listId} className="mention-menu" role="listbox" aria-label={t(m.peopleToMention)}>
      {items.length === 0 ? <li className="mention-menu-empty">{t(m.noMemberMatches, { query: open.props.query })}</li> : null}
      {items.map((candidate, index) => (
        <li
          key={candidate.id}
          role="option"
          aria-selected={index === open.active}
          className={index === open.active ? 'mention-menu-item active' : 'mention-menu-item'}
          // mousedown, not click: the editor keeps its focus and selection while a member is picked.
          onMouseDown={(event) => {
            event.preventDefault();
            choose(candidate);
          }}
        >
          {candidate.label}
        </li>
      ))}
    </ul>
  );
}
