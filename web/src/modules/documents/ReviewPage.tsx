import { useMutation, useQuery } from '@apollo/client/react';
import { useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { describeError, splitUserErrors } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { useT } from '../../app/i18n';
import { AuthLayout } from '../../auth/AuthLayout';
import { Button, SelectField, TextArea } from '../../ui/controls';
import { ErrorState, Loading, Notice } from '../../ui/states';
import { m } from './messages';
import { DocumentsReviewQuery, DocumentsSuggestionSubmitMutation } from './operations';
import { sectionsOf, ServerHtml } from './shared';
import './documents.css';

/**
 * /review?token=… — the page a review e-mail links to, for someone without an account: the
 * document's title, content and revisions, and a form to suggest a change to one of its sections.
 * The token is the only credential (`documentReview`, `documentSuggestionSubmit`).
 */
export function ReviewPage() {
  const t = useT();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { data, loading, error, refetch } = useQuery(DocumentsReviewQuery, { variables: { token }, skip: !token });
  const reviewed = data?.documentReview;
  if (!token) return <ReviewFrame title={t(m.reviewDocument)}>{t(m.linkIncomplete)}</ReviewFrame>;
  if (error && !reviewed)
    return (
      <ReviewFrame title={t(m.reviewDocument)}>
        <ErrorState error={error} retry={() => void refetch()} />
      </ReviewFrame>
    );
  if (loading || !reviewed) return <Loading label={t(m.openingDocument)} />;
  return (
    <main className="doc-review-page">
      <header className="doc-review-header">
        <span className="brand">Cellgraph</span>
        <h1>{reviewed.title}</h1>
        <p className="muted">{t(m.askedToReview, { date: formatDateTime(reviewed.expiresAt) })}</p>
      </header>
      <div className="doc-layout">
        <div className="doc-main">
          <ServerHtml html={reviewed.content} label={t(m.documentToReview)} />
        </div>
        <aside className="doc-side">
          <SuggestionForm token={token} content={reviewed.content} />
          {reviewed.revisions.length ? (
            <section className="panel" aria-label={t(m.revisions)}>
              <h2 className="panel-title">{t(m.revisions)}</h2>
              <ol className="doc-reviews">
                {reviewed.revisions.map((revision) => (
                  <li key={revision.number}>
                    {revision.number}: {revision.description ?? ''} <span className="muted">{formatDateTime(revision.createdAt)}</span>
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </aside>
      </div>
    </main>
  );
}

function ReviewFrame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <AuthLayout title={title}>
      <div>{children}</div>
    </AuthLayout>
  );
}

/** A suggested change to one section: the words as read, the words proposed, and why. */
function SuggestionForm({ token, content }: { token: string; content: string }) {
  const t = useT();
  const sections = useMemo(() => sectionsOf(content), [content]);
  const [section, setSection] = useState(sections[0]?.field ?? '');
  const [originalText, setOriginalText] = useState('');
  const [suggestedText, setSuggestedText] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<{ byField: Record<string, string>; general: string | null }>({ byField: {}, general: null });
  const [sent, setSent] = useState(0);
  const [submit, { loading }] = useMutation(DocumentsSuggestionSubmitMutation);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!section) return setErrors({ byField: { section: t(m.chooseSection) }, general: null });
    if (!suggestedText.trim()) return setErrors({ byField: { suggestedText: t(m.writeSuggestion) }, general: null });
    try {
      const { data } = await submit({ variables: { input: { token, section, originalText, suggestedText, comment: comment.trim() || null } } });
      const failures = splitUserErrors(data?.documentSuggestionSubmit?.userErrors, ['section', 'originalText', 'suggestedText', 'comment']);
      setErrors(failures);
      if (failures.general || Object.keys(failures.byField).length) return;
      setSent((count) => count + 1);
      setOriginalText('');
      setSuggestedText('');
      setComment('');
    } catch (caught) {
      setErrors({ byField: {}, general: describeError(caught) });
    }
  }

  if (sections.length === 0) return <p className="muted">{t(m.noSections)}</p>;
  return (
    <section className="panel" aria-label={t(m.suggestChange)}>
      <h2 className="panel-title">{t(m.suggestChange)}</h2>
      <form className="form" onSubmit={send}>
        <SelectField label={t(m.section)} value={section} onChange={(event) => setSection(event.target.value)} error={errors.byField.section}>
          {sections.map((option) => (
            <option key={option.field} value={option.field}>
              {option.label}
            </option>
          ))}
        </SelectField>
        <TextArea
          label={t(m.textToReplace)}
          hint={t(m.textToReplaceHint)}
          value={originalText}
          onChange={(event) => setOriginalText(event.target.value)}
          error={errors.byField.originalText}
          rows={2}
        />
        <TextArea
          label={t(m.suggestedText)}
          value={suggestedText}
          onChange={(event) => setSuggestedText(event.target.value)}
          error={errors.byField.suggestedText}
          rows={2}
        />
        <TextArea label={t(m.comment)} value={comment} onChange={(event) => setComment(event.target.value)} error={errors.byField.comment} rows={2} />
        <Notice>{errors.general}</Notice>
        {sent ? <Notice tone="success">{t(m.suggestionSent)}</Notice> : null}
        <div>
          <Button type="submit" variant="primary" busy={loading}>
            {t(m.sendSuggestion)}
          </Button>
        </div>
      </form>
    </section>
  );
}
