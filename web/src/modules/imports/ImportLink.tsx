import { Link } from 'react-router';
import { useHasModule } from '../../app/context';
import { useT } from '../../app/i18n';
import { m } from './messages';

/** An "Import" button to the import wizard for `type` (Contact, Deal, Task, …), shown only when the cell serves the imports module. */
export function ImportLink({ type }: { type: string }) {
  const t = useT();
  if (!useHasModule('imports')) return null;
  return (
    <Link to={`/settings/import?type=${encodeURIComponent(type)}`} className="button button-secondary">
      {t(m.import)}
    </Link>
  );
}
