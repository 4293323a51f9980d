import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { describeError, splitUserErrors } from '../../app/errors';
import { formatDateTime } from '../../app/format';
import { useT, useTranslator } from '../../app/i18n';
import { Button, TextArea, TextField } from '../../ui/controls';
import { ErrorState, Loading, Notice } from '../../ui/states';
import { m } from './messages';
import {
  DocumentsReviewRevokeMutation,
  DocumentsReviewsQuery,
  DocumentsSendMutation,
  DocumentsSuggestionApproveMutation,
  DocumentsSuggestionRejectMutation,
} from './operations';
import { attempt, richText } from './shared';

const STATE_LABELS = { PENDING: m.pending, APPROVED: m.approved, REJECTED: m.rejected } as const;

/** External review: the suggestions reviewers sent (side by side, to approve or reject), the links sent, and a new one. */
export function ReviewPanel({ documentId, editable }: { documentId: string; editable: boolean }) {
  const reader = useTranslator();
  const t = useT();
  const { data, loading, error, refetch } = useQuery(DocumentsReviewsQuery, { variables: { id: documentId }, fetchPolicy: 'cache-and-network' });
  const [approve] = useMutation(DocumentsSuggestionApproveMutation);
  const [reject] = useMutation(DocumentsSuggestionRejectMutation);
  const [revoke] = useMutation(DocumentsReviewRevokeMutation);
  const [failure, setFailure] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const suggestions = data?.document?.suggestions?.nodes ?? [];
  const reviews = data?.document?.reviews?.nodes ?? [];

  // An approved suggestion's payload carries the document: Apollo's cache updates its content.
  async function run(action: Parameters<typeof attempt>[0]) {
    setFailure(await attempt(action));
    void refetch();
  }

  return (
    <>
      <section className="panel" aria-label={t(m.suggestions)}>
        <h2 className="panel-title">{t(m.suggestionsFromReviewers)}</h2>
        {error && !data ? <ErrorState error={error} retry={() => void refetch()} /> : null}
        {loading && !data ? <Loading /> : null}
        {data && suggestions.length === 0 ? <p className="muted">{t(m.noSuggestions)}</p> : null}
        <Notice>{failure}</Notice>
        <ul className="doc-suggestions">
          {suggestions.map((suggestion) => (
            <li key={suggestion.id} className="doc-suggestion" aria-label={t(m.suggestionFor, { section: suggestion.section })}>
              <p>
                <span className="badge">{t(STATE_LABELS[suggestion.state])}</span>{' '}
                {richText(reader, m.suggestionSection, {}, { section: <strong>{suggestion.section}</strong> })}{' '}
                <span className="muted">· {formatDateTime(suggestion.createdAt)}</span>
              </p>
              <div className="doc-side-by-side">
                <div>
                  <p className="doc-side-label">{t(m.original)}</p>
                  <p className="doc-original">{suggestion.originalText || <span className="muted">{t(m.addedToSection)}</span>}</p>
                </div>
                <div>
                  <p className="doc-side-label">{t(m.suggested)}</p>
                  <p className="doc-suggested">{suggestion.suggestedText}</p>
                </div>
              </div>
              {suggestion.comment ? <p className="doc-comment">“{suggestion.comment}”</p> : null}
              {suggestion.notes ? <p className="muted">{t(m.suggestionNotes, { notes: suggestion.notes })}</p> : null}
              {suggestion.state === 'PENDING' && editable ? (
                <div className="doc-decide">
                  <TextField
                    label={t(m.notesWhenRejecting)}
                    value={notes[suggestion.id] ?? ''}
                    onChange={(event) => setNotes({ ...notes, [suggestion.id]: event.target.value })}
                  />
                  <div className="button-row">
                    <Button
                      variant="primary"
                      onClick={() => void run(async () => (await approve({ variables: { input: { id: suggestion.id } } })).data?.documentSuggestionApprove)}
                    >
                      {t(m.approveSuggestion)}
                    </Button>
                    <Button
                      onClick={() =>
                        void run(
                          async () =>
                            (await reject({ variables: { input: { id: suggestion.id, notes: notes[suggestion.id] || null } } })).data?.documentSuggestionReject,
                        )
                      }
                    >
                      {t(m.rejectSuggestion)}
                    </Button>
                  </div>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section className="panel" aria-label={t(m.reviews)}>
        <h2 className="panel-title">{t(m.reviewLinks)}</h2>
        {editable ? <SendForReview documentId={documentId} onSent={() => void refetch()} /> : null}
        {reviews.length ? (
          <ul className="doc-reviews">
            {reviews.map((review) => (
              <li key={review.id}>
                <strong>{review.name ? `${review.name} <${review.email}>` : review.email}</strong>{' '}
                <span className="muted">
                  {[
                    t(m.reviewSent, { date: formatDateTime(review.sentAt) }),
                    review.revokedAt
                      ? t(m.reviewRevoked, { date: formatDateTime(review.revokedAt) })
                      : t(m.reviewWorksUntil, { date: formatDateTime(review.expiresAt) }),
                    review.lastSeenAt ? t(m.reviewOpened, { date: formatDateTime(review.lastSeenAt) }) : t(m.reviewNotOpened),
                  ].join(' · ')}
                </span>{' '}
                {!review.revokedAt && editable ? (
                  <Button
                    variant="ghost"
                    aria-label={t(m.revokeLink, { email: review.email })}
                    onClick={() => void run(async () => (await revoke({ variables: { input: { id: review.id } } })).data?.documentReviewRevoke)}
                  >
                    {t(m.revoke)}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : data ? (
          <p className="muted">{t(m.noReviewLinks)}</p>
        ) : null}
      </section>
    </>
  );
}

/** E-mails a review link (`documentSend`) to someone without an account. */
function SendForReview({ documentId, onSent }: { documentId: string; onSent(): void }) {
  const t = useT();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<{ byField: Record<string, string>; general: string | null }>({ byField: {}, general: null });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [send, { loading }] = useMutation(DocumentsSendMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSentTo(null);
    if (!email.trim()) return setErrors({ byField: { email: t(m.reviewerRequired) }, general: null });
    try {
      const { data } = await send({
        variables: { input: { id: documentId, email: email.trim(), name: name.trim() || null, message: message.trim() || null } },
      });
      const failures = splitUserErrors(data?.documentSend?.userErrors, ['email', 'name', 'message']);
      setErrors(failures);
      if (failures.general || Object.keys(failures.byField).length) return;
      setSentTo(data?.documentSend?.review?.email ?? email);
      setEmail('');
      setName('');
      setMessage('');
      onSent();
    } catch (caught) {
      setErrors({ byField: {}, general: describeError(caught) });
    }
  }

  return (
    <form className="form doc-send" onSubmit={submit} aria-label={t(m.sendForReview)}>
      <TextField label={t(m.reviewerEmail)} type="email" value={email} onChange={(event) => setEmail(event.target.value)} error={errors.byField.email} />
      <TextField label={t(m.reviewerName)} value={name} onChange={(event) => setName(event.target.value)} error={errors.byField.name} />
      <TextArea label={t(m.message)} value={message} onChange={(event) => setMessage(event.target.value)} error={errors.byField.message} rows={2} />
      <Notice>{errors.general}</Notice>
      {sentTo ? <Notice tone="success">{t(m.reviewLinkSent, { email: sentTo })}</Notice> : null}
      <div>
        <Button type="submit" variant="primary" busy={loading}>
          {t(m.sendForReview)}
        </Button>
      </div>
    </form>
  );
}
