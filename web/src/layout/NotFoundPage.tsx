import { Link } from 'react-router';
import { EmptyState } from '../ui/states';

export function NotFoundPage() {
  return (
    <EmptyState title="This page does not exist" action={<Link to="/">Go home</Link>}>
      It may belong to a module this cell does not serve, or the link is wrong.
    </EmptyState>
  );
}
