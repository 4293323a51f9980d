import { useQuery } from '@apollo/client/react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useModules } from '../app/context';
import { SlideOver } from '../ui/Dialog';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { NodeTypeQuery } from './operations';
import { useT } from '../app/i18n';
import { m } from './messages';

const PARAM = 'peek';

/** The current page with the quick view of `id` open (`?peek=<id>`), for links and Cmd+K. */
export function quickViewPath(id: string, location: { pathname: string; search: string } = window.location): string {
  const params = new URLSearchParams(location.search);
  params.set(PARAM, id);
  return `${location.pathname}?${params}`;
}

/** A link that opens any object in the slide-over, keeping the page behind it. */
export function QuickViewLink({ id, children, className }: { id: string; children: React.ReactNode; className?: string }) {
  const location = useLocation();
  return (
    <Link to={quickViewPath(id, location)} className={className}>
      {children}
    </Link>
  );
}

/** The slide-over for `?peek=`: the object's module renders it, found by its type. */
export function QuickViewPanel() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const id = params.get(PARAM);
  const close = () => {
    params.delete(PARAM);
    setParams(params);
  };
  return (
    <SlideOver open={Boolean(id)} onOpenChange={(open) => !open && close()} title={t(m.quickView)}>
      {id ? <QuickViewBody id={id} /> : null}
    </SlideOver>
  );
}

function QuickViewBody({ id }: { id: string }) {
  const t = useT();
  const modules = useModules();
  const { data, loading, error, refetch } = useQuery(NodeTypeQuery, { variables: { id } });
  if (loading) return <Loading />;
  if (error) return <ErrorState error={error} retry={() => void refetch()} />;
  const typename = data?.node?.__typename;
  if (!typename) return <EmptyState title={t(m.notFound)}>{t(m.objectGone)}</EmptyState>;
  const view = modules.flatMap((module) => module.quickViews ?? []).find((candidate) => candidate.typename === typename);
  if (!view) return <EmptyState title={typename}>{t(m.noView)}</EmptyState>;
  const View = view.component;
  return (
    <div className="quick-view">
      <View id={id} />
      <Link to={view.path(id)} className="button button-secondary">
        {t(m.openFullPage)}
      </Link>
    </div>
  );
}
