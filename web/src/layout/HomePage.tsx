import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useModules } from '../app/context';
import { PageHeader } from '../ui/PageHeader';
import { ViewerQuery } from './operations';
import { WidgetSlot } from './WidgetSlot';
import { labelText, useT } from '../app/i18n';
import { m } from './messages';

/** Where a sign-in lands: a greeting, the cell's modules, and the widgets modules put on home. */
export function HomePage() {
  const t = useT();
  const { data } = useQuery(ViewerQuery);
  const navigation = useModules()
    .flatMap((module) => module.navigation ?? [])
    .sort((a, b) => a.order - b.order);
  return (
    <>
      <PageHeader title={data?.me ? t(m.welcomeName, { name: data.me.name.split(' ')[0] }) : t(m.welcome)} subtitle={data?.organization?.name} />
      <section className="card-grid" aria-label={t(m.modules)}>
        {navigation.map((item) => (
          <Link key={item.path} to={item.path} className="card card-link">
            <span aria-hidden className="card-icon">
              {item.icon}
            </span>
            {labelText(item.label)}
          </Link>
        ))}
      </section>
      <WidgetSlot slot="home" objectId={data?.me?.id ?? ''} />
    </>
  );
}
