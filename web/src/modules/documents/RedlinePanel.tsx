import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type { DocumentRedlineMode } from '../../gql/graphql';
import { SelectField } from '../../ui/controls';
import { EmptyState, ErrorState, Loading } from '../../ui/states';
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
    <section className="panel" aria-label="Redline">
      <h2 className="panel-title">Redline</h2>
      <div className="doc-filters">
        <SelectField label="Show" value={mode} onChange={(event) => setMode(event.target.value as DocumentRedlineMode)}>
          <option value="CUMULATIVE">Every change since the original</option>
          <option value="REVISION">One revision’s changes</option>
        </SelectField>
        {mode === 'REVISION' ? (
          <SelectField label="Revision" value={chosen ?? ''} onChange={(event) => setRevision(Number(event.target.value))}>
            {revisions.map((entry) => (
              <option key={entry.number} value={entry.number}>
                {entry.number}: {entry.description}
              </option>
            ))}
          </SelectField>
        ) : null}
        <label className="doc-check">
          <input type="checkbox" checked={includeOldText} onChange={(event) => setIncludeOldText(event.target.checked)} /> Show old text
        </label>
      </div>
      {revisionCount === 0 ? (
        <EmptyState title="No revisions yet">Save a revision to see its changes here.</EmptyState>
      ) : error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : redline == null ? (
        <EmptyState title="No such revision" />
      ) : (
        <ServerHtml html={redline} label="Redline of the document" />
      )}
    </section>
  );
}

/** The fields that differ between two revisions, or a revision and the current content. */
export function ComparePanel({ documentId }: { documentId: string }) {
  const revisions = useRevisionNumbers(documentId);
  const [from, setFrom] = useState<number>(0);
  const [to, setTo] = useState<string>('');
  const { data, loading, error, refetch } = useQuery(DocumentsCompareQuery, {
    variables: { id: documentId, from, to: to === '' ? null : Number(to) },
    fetchPolicy: 'cache-and-network',
  });
  const differences = data?.document?.compare;
  return (
    <section className="panel" aria-label="Compare revisions">
      <h2 className="panel-title">Compare</h2>
      <div className="doc-filters">
        <SelectField label="From revision" value={from} onChange={(event) => setFrom(Number(event.target.value))}>
          {revisions.map((entry) => (
            <option key={entry.number} value={entry.number}>
              {entry.number}: {entry.description}
            </option>
          ))}
          {revisions.length === 0 ? <option value={0}>0: Original</option> : null}
        </SelectField>
        <SelectField label="To" value={to} onChange={(event) => setTo(event.target.value)}>
          <option value="">The current content</option>
          {revisions.map((entry) => (
            <option key={entry.number} value={entry.number}>
              Revision {entry.number}
            </option>
          ))}
        </SelectField>
      </div>
      {error && !data ? (
        <ErrorState error={error} retry={() => void refetch()} />
      ) : loading && !data ? (
        <Loading />
      ) : differences == null ? (
        <EmptyState title="No such revision">Save a revision first.</EmptyState>
      ) : differences.length === 0 ? (
        <p className="muted">No field differs.</p>
      ) : (
        <table className="doc-compare" aria-label="Differences">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
            </tr>
          </thead>
          <tbody>
            {differences.map((difference) => (
              <tr key={difference.field}>
                <th scope="row">{difference.field}</th>
                <td>{difference.from ?? <span className="muted">(no such section)</span>}</td>
                <td>{difference.to ?? <span className="muted">(no such section)</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
