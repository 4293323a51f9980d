import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useState } from 'react';
import { useT } from '../../app/i18n';
import { m } from './messages';
import { FinanceContactsQuery } from './operations';

export interface PickedContact {
  id: string;
  name: string;
}

/**
 * A CRM contact chosen by typing part of its name, e-mail or company (`contacts(search:)`): the
 * matches are offered in a list under the field.
 */
export function ContactPicker({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: PickedContact | null;
  onChange(contact: PickedContact | null): void;
  error?: string | null;
}) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(value?.name ?? '');
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  useEffect(() => setText(value?.name ?? ''), [value?.id, value?.name]);
  // Ask the API a moment after typing stops.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 200);
    return () => clearTimeout(timer);
  }, [text]);
  const { data, loading } = useQuery(FinanceContactsQuery, { variables: { search }, skip: !open });
  const matches = data?.contacts?.nodes ?? [];

  return (
    <div className="field fin-picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-invalid={error ? true : undefined}
        autoComplete="off"
        placeholder={t(m.searchContacts)}
        value={text}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          if (!event.target.value) onChange(null);
        }}
      />
      {open ? (
        <ul className="fin-picker-list" id={`${id}-list`} role="listbox" aria-label={t(m.contactMatches, { label })}>
          {matches.map((contact) => (
            <li
              key={contact.id}
              role="option"
              aria-selected={contact.id === value?.id}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                onChange({ id: contact.id, name: contact.name });
                setOpen(false);
              }}
            >
              {contact.name}
              {contact.email ? <span className="muted"> · {contact.email}</span> : null}
            </li>
          ))}
          {!loading && !matches.length ? <li className="muted">{t(m.noContactsMatch)}</li> : null}
        </ul>
      ) : null}
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}
