import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useModules } from '../app/context';
import { PageHeader } from '../ui/PageHeader';
import { ViewerQuery } from './operations';
import { WidgetSlot } from './WidgetSlot';

/** Where a sign-in lands: a greeting, the cell's modules, and the widgets modules put on home. */
export function HomePage() {
  const { data } = useQuery(ViewerQuery);
  const navigation = useModules()
    .flatMap((module) => module.navigation ?? [])
    .sort((a, b) => a.order - b.order);
  return (
    <>
      <PageHeader title={data?.me ? `Welcome, ${data.me.name.split(' ')[0]}` : 'Welcome'} subtitle={data?.organization?.name} />
      <section className="card-grid" aria-label="Modules">
        {navigation.map((item) => (
          <Link key={item.path} to={item.path} className="card card-link">
            <span aria-hidden className="card-icon">
              {item.icon}
            </span>
            {item.label}
          </Link>
        ))}
      </section>
      <WidgetSlot slot="home" objectId={data?.me?.id ?? ''} />
    </>
  );
}
