import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { useT } from '../../app/i18n';
import type { ListExportProps } from '../../app/registry';
import type { DataExportFormat, DataExportState } from '../../gql/graphql';
import { Button, SelectField } from '../../ui/controls';
import { Dialog } from '../../ui/Dialog';
import { Notice } from '../../ui/states';
import { exportRequestOf, rootFieldOf } from './exportQuery';
import { m } from './messages';
import { DataExportCancelMutation, DataExportChangedSubscription, DataExportCreateMutation, DataExportQuery } from './operations';

const FORMATS: { value: DataExportFormat; label: typeof m.formatCsv }[] = [
  { value: 'CSV', label: m.formatCsv },
  { value: 'XLSX', label: m.formatXlsx },
  { value: 'JSON', label: m.formatJson },
];

/** The Export button of a list and its dialog: the format, then the export's live progress and its download link. */
export function ExportAction({ query, variables, name }: ListExportProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="ghost" onClick={() => setOpen(true)}>
        {t(m.export)}
      </Button>
      {open ? <ExportDialog query={query} variables={variables} name={name} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ExportDialog({ query, variables, name, onClose }: ListExportProps & { onClose(): void }) {
  const t = useT();
  const [format, setFormat] = useState<DataExportFormat>('CSV');
  const [exportId, setExportId] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [create, { loading: creating }] = useMutation(DataExportCreateMutation);

  async function start() {
    setProblem(null);
    const request = exportRequestOf(query, variables);
    const result = await create({ variables: { input: { ...request, format, name: name || rootFieldOf(query) } } }).catch((error: Error) => {
      setProblem(error.message);
      return null;
    });
    const payload = result?.data?.dataExportCreate;
    if (payload?.userErrors.length) setProblem(payload.userErrors.map((error) => error.message).join(' '));
    else if (payload?.dataExport) setExportId(payload.dataExport.id);
  }

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())} title={t(m.exportList, { name })} description={t(m.exportHint)}>
      {exportId ? (
        <ExportProgress id={exportId} />
      ) : (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            void start();
          }}
        >
          <SelectField label={t(m.format)} value={format} onChange={(event) => setFormat(event.target.value as DataExportFormat)}>
            {FORMATS.map((each) => (
              <option key={each.value} value={each.value}>
                {t(each.label)}
              </option>
            ))}
          </SelectField>
          <Notice>{problem}</Notice>
          <div className="button-row">
            <Button type="submit" variant="primary" busy={creating}>
              {t(m.start)}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** An export as it goes: rows so far (pushed by dataExportChanged), then its download link or why it failed. */
function ExportProgress({ id }: { id: string }) {
  const t = useT();
  const active = (state: DataExportState | undefined) => state === 'QUEUED' || state === 'RUNNING';
  // The query holds the export; each pushed change updates it in Apollo's cache (same id), so it re-renders.
  // It subscribes once the query answered (a later answer would overwrite what was pushed), while the export is active.
  const { data } = useQuery(DataExportQuery, { variables: { id } });
  const dataExport = data?.dataExport;
  useSubscription(DataExportChangedSubscription, { variables: { id }, skip: !dataExport || !active(dataExport.state) });
  const [cancel, { loading: canceling }] = useMutation(DataExportCancelMutation);
  if (!dataExport) return <p className="muted">{t(m.queued)}</p>;
  const rows = dataExport.rowsExported;
  return (
    <div className="export-progress" aria-live="polite" aria-label={t(m.progress)}>
      {dataExport.state === 'QUEUED' ? <p>{t(m.queued)}</p> : null}
      {dataExport.state === 'RUNNING' ? <p>{t(m.running, { rows })}</p> : null}
      {dataExport.state === 'SUCCEEDED' ? (
        <>
          <p>{t(m.succeeded, { rows })}</p>
          {dataExport.downloadUrl ? (
            <p>
              <a className="button button-primary" href={dataExport.downloadUrl} download>
                {t(m.download, { name: dataExport.name })}
              </a>
            </p>
          ) : null}
          <p className="muted">{t(m.linkValid)}</p>
        </>
      ) : null}
      {dataExport.state === 'FAILED' ? <Notice>{t(m.failed, { message: dataExport.error?.message ?? '' })}</Notice> : null}
      {dataExport.state === 'CANCELED' ? <p>{t(m.canceled)}</p> : null}
      {active(dataExport.state) ? (
        <div className="button-row">
          <Button variant="danger" busy={canceling} onClick={() => void cancel({ variables: { input: { id } } })}>
            {t(m.cancel)}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
