import { useApolloClient, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, describeUserErrors } from '../../app/errors';
import { useT } from '../../app/i18n';
import type { ImportsDataImportFieldsFragment, ImportsMapMutation as ImportsMapResult, ImportsTypesQuery as ImportsTypesResult } from '../../gql/graphql';
import { Button, SelectField, TextField } from '../../ui/controls';
import { EmptyState, ErrorState, Loading, Notice } from '../../ui/states';
import { uploadFile, type UploadedFile } from '../files/upload';
import { m } from './messages';
import {
  ImportsCancelMutation,
  ImportsChangedSubscription,
  ImportsCreateMutation,
  ImportsMapMutation,
  ImportsStartMutation,
  ImportsTypesQuery,
} from './operations';
import './imports.css';

type DataImport = ImportsDataImportFieldsFragment;
type ImportType = ImportsTypesResult['dataImportTypes'][number];
type PreviewRow = NonNullable<NonNullable<ImportsMapResult['dataImportMap']>['dataImport']>['preview'][number];
type Step = 'upload' | 'map' | 'preview' | 'run';

/** Uploads a file through the files module (a prop so tests can stand in for the object store). */
export type Uploader = (client: ReturnType<typeof useApolloClient>, file: File) => Promise<UploadedFile>;

const STEPS: Step[] = ['upload', 'map', 'preview', 'run'];
const FINISHED = new Set(['COMPLETED', 'FAILED', 'CANCELED']);

/**
 * The import wizard: a file uploaded through files and read by the imports module, its columns
 * mapped to the chosen type's fields (starting from the module's suggestion), the first rows
 * checked with their problems, then the import started and followed live (`dataImportChanged`)
 * to its report. The types are what the cell's modules declare (`dataImportTypes`).
 */
export function ImportWizard({ initialType, upload = (client, file) => uploadFile(client, file) }: { initialType?: string | null; upload?: Uploader }) {
  const t = useT();
  const client = useApolloClient();
  const types = useQuery(ImportsTypesQuery);
  const [step, setStep] = useState<Step>('upload');
  const [type, setType] = useState<string>(initialType ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [dataImport, setDataImport] = useState<DataImport | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<PreviewRow[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [create] = useMutation(ImportsCreateMutation);
  const [map] = useMutation(ImportsMapMutation);
  const [start] = useMutation(ImportsStartMutation);
  const [cancel] = useMutation(ImportsCancelMutation);

  useSubscription(ImportsChangedSubscription, {
    variables: { id: dataImport?.id ?? '' },
    skip: step !== 'run' || !dataImport,
    onData: ({ data }) => {
      const changed = data.data?.dataImportChanged?.dataImport;
      if (changed) setDataImport(changed);
    },
  });

  if (types.error && !types.data) return <ErrorState error={types.error} retry={() => void types.refetch()} />;
  if (!types.data) return <Loading />;
  const importable = types.data.dataImportTypes;
  if (!importable.length) return <EmptyState title={t(m.nothingImportable)} />;
  const chosen: ImportType | undefined = importable.find((each) => each.type === (type || importable[0]!.type));

  /** Runs a step's request: a refusal or failure is shown, the step stays. */
  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setProblem(null);
    try {
      setProblem(await work());
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  const readFile = (event: FormEvent) => {
    event.preventDefault();
    if (!file || !chosen) return setProblem(t(m.chooseFile));
    void run(async () => {
      const uploaded = await upload(client, file);
      const result = await create({ variables: { input: { type: chosen.type, fileId: uploaded.id, idempotencyKey: `import-${uploaded.id}` } } });
      const payload = result.data?.dataImportCreate;
      const refused = describeUserErrors(payload?.userErrors);
      if (refused || !payload?.dataImport) return refused;
      setDataImport(payload.dataImport);
      setMapping(Object.fromEntries(payload.dataImport.suggestedMapping.map(({ column, field }) => [column, field])));
      setStep('map');
      return null;
    });
  };

  const showPreview = (event: FormEvent) => {
    event.preventDefault();
    if (!dataImport) return;
    void run(async () => {
      const chosenMapping = Object.entries(mapping)
        .filter(([, field]) => field)
        .map(([column, field]) => ({ column, field }));
      const result = await map({ variables: { input: { id: dataImport.id, mapping: chosenMapping } } });
      const payload = result.data?.dataImportMap;
      const refused = describeUserErrors(payload?.userErrors);
      if (refused || !payload?.dataImport) return refused;
      setDataImport(payload.dataImport);
      setPreview(payload.dataImport.preview);
      setStep('preview');
      return null;
    });
  };

  const startImport = () => {
    if (!dataImport) return;
    void run(async () => {
      const result = await start({ variables: { input: { id: dataImport.id } } });
      const payload = result.data?.dataImportStart;
      const refused = describeUserErrors(payload?.userErrors);
      if (refused || !payload?.dataImport) return refused;
      setDataImport(payload.dataImport);
      setStep('run');
      return null;
    });
  };

  const cancelImport = () => {
    if (!dataImport) return;
    void run(async () => {
      const result = await cancel({ variables: { input: { id: dataImport.id } } });
      const payload = result.data?.dataImportCancel;
      if (payload?.dataImport) setDataImport(payload.dataImport);
      return describeUserErrors(payload?.userErrors);
    });
  };

  const restart = () => {
    setStep('upload');
    setFile(null);
    setDataImport(null);
    setPreview([]);
    setProblem(null);
  };

  const labelOf = (field: string) => chosen?.fields.find((each) => each.name === field)?.label ?? field;

  return (
    <div className="import-wizard">
      <ol className="import-steps" aria-label={t(m.steps)}>
        {STEPS.map((each) => (
          <li key={each} aria-current={each === step ? 'step' : undefined}>
            {t({ upload: m.stepUpload, map: m.stepMap, preview: m.stepPreview, run: m.stepRun }[each])}
          </li>
        ))}
      </ol>
      {problem ? <Notice>{problem}</Notice> : null}

      {step === 'upload' ? (
        <form className="import-form" onSubmit={readFile}>
          <SelectField label={t(m.whatToImport)} value={chosen?.type ?? ''} onChange={(event) => setType(event.target.value)}>
            {importable.map((each) => (
              <option key={each.type} value={each.type}>
                {each.label}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t(m.file)}
            type="file"
            accept=".csv,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
          <Button type="submit" variant="primary" busy={busy} disabled={busy}>
            {t(m.readFile)}
          </Button>
        </form>
      ) : null}

      {step === 'map' && dataImport && chosen ? (
        <form className="import-form" onSubmit={showPreview}>
          <p>{t(m.fileRead, { name: dataImport.fileName, rows: dataImport.rowCount, columns: dataImport.headers.length })}</p>
          {dataImport.suggestedMapping.length ? <Notice tone="info">{t(m.suggested)}</Notice> : null}
          <table className="import-table">
            <thead>
              <tr>
                <th>{t(m.column)}</th>
                <th>{t(m.field)}</th>
              </tr>
            </thead>
            <tbody>
              {dataImport.headers.map((column) => (
                <tr key={column}>
                  <td>{column}</td>
                  <td>
                    <select aria-label={column} value={mapping[column] ?? ''} onChange={(event) => setMapping({ ...mapping, [column]: event.target.value })}>
                      <option value="">{t(m.skipColumn)}</option>
                      {chosen.fields.map((field) => (
                        <option key={field.name} value={field.name}>
                          {field.required ? t(m.required, { label: field.label }) : field.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="import-actions">
            <Button type="button" variant="secondary" onClick={restart}>
              {t(m.back)}
            </Button>
            <Button type="submit" variant="primary" busy={busy} disabled={busy}>
              {t(m.showPreview)}
            </Button>
          </div>
        </form>
      ) : null}

      {step === 'preview' && dataImport ? (
        <div className="import-form">
          <p>{t(m.previewHint, { count: preview.length })}</p>
          {preview.some((row) => row.errors.length) ? (
            <Notice tone="info">{t(m.rowsWithProblems, { count: preview.filter((row) => row.errors.length).length })}</Notice>
          ) : null}
          <div className="import-scroll">
            <table className="import-table">
              <thead>
                <tr>
                  <th>{t(m.row)}</th>
                  {dataImport.mapping.map(({ field }) => (
                    <th key={field}>{labelOf(field)}</th>
                  ))}
                  <th>{t(m.problems)}</th>
                </tr>
              </thead>
              <tbody>
                {preview.map((row) => (
                  <tr key={row.rowNumber} className={row.errors.length ? 'import-row-invalid' : undefined}>
                    <td>{row.rowNumber}</td>
                    {dataImport.mapping.map(({ field }) => (
                      <td key={field}>{row.values.find((value) => value.field === field)?.value ?? ''}</td>
                    ))}
                    <td>{row.errors.length ? row.errors.map((error) => <div key={`${error.code}-${error.field ?? ''}`}>{error.message}</div>) : t(m.ok)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="import-actions">
            <Button type="button" variant="secondary" onClick={() => setStep('map')}>
              {t(m.back)}
            </Button>
            <Button type="button" variant="primary" busy={busy} disabled={busy} onClick={startImport}>
              {t(m.start, { count: dataImport.rowCount })}
            </Button>
          </div>
        </div>
      ) : null}

      {step === 'run' && dataImport ? <ImportProgress dataImport={dataImport} busy={busy} onCancel={cancelImport} onRestart={restart} /> : null}
    </div>
  );
}

function ImportProgress({ dataImport, busy, onCancel, onRestart }: { dataImport: DataImport; busy: boolean; onCancel: () => void; onRestart: () => void }) {
  const t = useT();
  const finished = FINISHED.has(dataImport.status);
  return (
    <div className="import-form" aria-live="polite">
      <progress aria-label={t(m.progressLabel)} max={Math.max(dataImport.rowCount, 1)} value={dataImport.processedRows} />
      <p>{t(m.progress, { done: dataImport.processedRows, total: dataImport.rowCount })}</p>
      <ul className="import-counts">
        <li>{t(m.created, { count: dataImport.createdRows })}</li>
        <li>{t(m.skipped, { count: dataImport.skippedRows })}</li>
        <li>{t(m.failed, { count: dataImport.failedRows })}</li>
      </ul>
      {dataImport.status === 'COMPLETED' ? <Notice tone="success">{t(m.completed)}</Notice> : null}
      {dataImport.status === 'CANCELED' ? <Notice tone="info">{t(m.canceled)}</Notice> : null}
      {dataImport.status === 'FAILED' ? <Notice>{t(m.failedImport, { reason: dataImport.failureReason ?? '' })}</Notice> : null}
      {!finished ? <p>{t(m.running)}</p> : null}
      {dataImport.reportFile ? (
        <p>
          <a href={dataImport.reportFile.downloadUrl} download={dataImport.reportFile.name}>
            {t(m.downloadReport)}
          </a>
        </p>
      ) : null}
      <div className="import-actions">
        {finished ? (
          <Button type="button" variant="secondary" onClick={onRestart}>
            {t(m.another)}
          </Button>
        ) : (
          <Button type="button" variant="secondary" busy={busy} disabled={busy} onClick={onCancel}>
            {t(m.cancel)}
          </Button>
        )}
      </div>
    </div>
  );
}
