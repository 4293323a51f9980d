import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useT } from '../../app/i18n';
import type { DocumentRedlineMode } from '../../gql/graphql';
import { SelectField } from '../../ui/controls';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
import { m } from './messages';
import { DocumentsCompareQuery, DocumentsRedlineQuery, DocumentsRevisionsQuery } from './operations';
import { ServerHtml } from './shared';

/** The revisions to choose from (newest first), as the redline and compare need them. */
function useRevisionNumbers(documentId: string) {
  const { data } = useQuery(DocumentsRevisionsQuery, { variables: { id: documentId } });
  return (data?.document?.revisions.nodes ?? []).map((revision) => ({ number: revision.number, description: revision.description }));
}

/**
 * The redline the server renders: every change since the original on the current content, or one
 * revision's changes on its own content; with the old text struck through, or without it.
 */
export function RedlinePanel({ documentId, revisionCount }: { documentId: string; revisionCount: number }) {
  const t = useT();
  const revisions = useRevisionNumbers(documentId);
  const [mode, setMode] = useState<DocumentRedlineMode>('CUMULATIVE');
  const [revision, setRevision] = useState<number | null>(null);
  const [includeOldText, setIncludeOldText] = useState(true);
  const chosen = revision ?? revisions.find((entry) => entry.number > 0)?.number ?? null;
  const { data, loading, error, refetch } = useQuery(DocumentsRedlineQuery, {
    variables: { id: documentId, mode, revision: mode === 'REVISION' ? chosen : null, includeOldText },
    skip: mode === 'REVISION' && chosen === null,
    // The redline follows every save and decision: read it each time it is shown.
    fetchPolicy: 'cache-and-network',
  });
  const redline = data?.document?.redline;
  return (
    <section className="panel" aria-label={t(m.redline)}>
      <h2 className="panel-title">{t(m.redline)}</h2>
      <div className="doc-filters">
        <SelectField label={t(m.show)} value={mode} onChange={(event) => setMode(event.target.value as DocumentRedlineMode)}>
          <option value="CUMULATIVE">{t(m.everyChange)}</option>
          <option value="REVISION">{t(m.oneRevision)}</option>
        </SelectField>
        {mode === 'REVISION' ? (
          <SelectField label={t(m.revisionLabel)} value={chosen ?? ''} onChange={(event) => setRevision(Number(event.target.value))}>
            {revisions.map((entry) => (
              <option key={entry.number} value={entry.number}>
                {entry.number}: {entry.description}
              </option>
            ))}
          </SelectField>
        ) : null}
        <label className="doc-check">
          <input type="checkbox" checked={includeOldText} onChange={(event) => setIncludeOldText(event.target.checked)} /> {t(m.showOldText)}
        </label>
      </div>
      {revisionCount === 0 ? (
        <EmptyState title={t(m.noRevisionsYet)}>{t(m.noRevisionsHint)}</EmptyState>
      ) : error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : redline == null ? (
        <EmptyState title={t(m.noSuchRevision)} />
      ) : (
        <ServerHtml html={redline} label={t(m.redlineLabel)} />
      )}
    </section>
  );
}

/** The fields that differ between two revisions, or a revision and the current content. */
export function ComparePanel({ documentId }: { documentId: string }) {
  const t = useT();
  const revisions = useRevisionNumbers(documentId);
  const [from, setFrom] = useState<number>(0);
  const [to, setTo] = useState<string>('');
  const { data, loading, error, refetch } = useQuery(DocumentsCompareQuery, {
    variables: { id: documentId, from, to: to === '' ? null : Number(to) },
    fetchPolicy: 'cache-and-network',
  });
  const differences = data?.document?.compare;
  return (
    <section className="panel" aria-label={t(m.compareRevisions)}>
      <h2 className="panel-title">{t(m.compare)}</h2>
      <div className="doc-filters">
        <SelectField label={t(m.fromRevision)} value={from} onChange={(event) => setFrom(Number(event.target.value))}>
          {revisions.map((entry) => (
            <option key={entry.number} value={entry.number}>
              {entry.number}: {entry.description}
            </option>
          ))}
          {revisions.length === 0 ? <option value={0}>{t(m.originalRevision)}</option> : null}
        </SelectField>
        <SelectField label={t(m.to)} value={to} onChange={(event) => setTo(event.target.value)}>
          <option value="">{t(m.currentContent)}</option>
          {revisions.map((entry) => (
            <option key={entry.number} value={entry.number}>
              {t(m.revision, { number: entry.number })}
            </option>
          ))}
        </SelectField>
      </div>
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : differences == null ? (
        <EmptyState title={t(m.noSuchRevision)}>{t(m.saveRevisionFirst)}</EmptyState>
      ) : differences.length === 0 ? (
        <p className="muted">{t(m.noFieldDiffers)}</p>
      ) : (
        <table className="doc-compare" aria-label={t(m.differences)}>
          <thead>
            <tr>
              <th scope="col">{t(m.field)}</th>
              <th scope="col">{t(m.from)}</th>
              <th scope="col">{t(m.to)}</th>
            </tr>
          </thead>
          <tbody>
            {differences.map((difference) => (
              <tr key={difference.field}>
                <th scope="row">{difference.field}</th>
                <td>{difference.from ?? <span className="muted">{t(m.noSuchSection)}</span>}</td>
                <td>{difference.to ?? <span className="muted">{t(m.noSuchSection)}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
