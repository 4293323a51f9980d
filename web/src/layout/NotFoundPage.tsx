import { Link } from 'react-router';
import { EmptyState } from '../ui/states';
import { useT } from '../app/i18n';
import { m } from './messages';

export function NotFoundPage() {
  const t = useT();
  return (
    <EmptyState title={t(m.notFoundTitle)} action={<Link to="/">{t(m.goHome)}</Link>}>
      {t(m.notFoundText)}
    </EmptyState>
  );
}
