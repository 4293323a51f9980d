import { useSearchParams } from 'react-router';
import { useT } from '../../app/i18n';
import { PageHeader } from '../../ui/PageHeader';
import { ImportWizard } from './ImportWizard';
import { m } from './messages';

/** Settings → Import: the wizard, for the type named in `?type=` (the Import buttons of Contacts, Deals and Tasks). */
export function ImportPage() {
  const t = useT();
  const [params] = useSearchParams();
  return (
    <>
      <PageHeader title={t(m.importTitle)} subtitle={t(m.subtitle)} />
      <ImportWizard key={params.get('type') ?? ''} initialType={params.get('type')} />
    </>
  );
}
