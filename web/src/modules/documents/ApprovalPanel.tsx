import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { formatDateTime } from '../../app/format';
import type { ApprovalDecision } from '../../gql/graphql';
import { Button, TextField } from '../../ui/controls';
import { ErrorState, Loading, Notice } from '../../ui/states';
import { DocumentsApprovalDecideMutation, DocumentsApprovalsQuery, DocumentsSubmitForApprovalMutation } from './operations';
import { attempt } from './shared';

const APPROVAL_STATUS = {
  NONE: 'Not submitted',
  PENDING: 'Waiting for approval',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
  RETURNED: 'Returned for changes',
} as const;
const STATE_LABELS = { PENDING: 'Pending', APPROVED: 'Approved', REJECTED: 'Rejected', RETURNED: 'Returned', SKIPPED: 'Skipped' } as const;
const DECISIONS: { decision: ApprovalDecision; label: string }[] = [
  { decision: 'APPROVE', label: 'Approve' },
  { decision: 'REJECT', label: 'Reject' },
  { decision: 'RETURN_FOR_CHANGES', label: 'Return for changes' },
];

/** Submission for approval, each round's steps with their reviewers and decisions, and the viewer's own decision. */
export function ApprovalPanel({ documentId, editable, status }: { documentId: string; editable: boolean; status: string }) {
  const { data, loading, error, refetch } = useQuery(DocumentsApprovalsQuery, { variables: { id: documentId }, fetchPolicy: 'cache-and-network' });
  const [submit, { loading: submitting }] = useMutation(DocumentsSubmitForApprovalMutation);
  const [decide, { loading: deciding }] = useMutation(DocumentsApprovalDecideMutation);
  const [failure, setFailure] = useState<string | null>(null);
  const [comments, setComments] = useState<Record<string, string>>({});
  const approval = data?.document;
  const requests = approval?.approvalRequests.nodes ?? [];
  const rounds = [...new Set(requests.map((request) => request.round))];

  async function run(action: Parameters<typeof attempt>[0]) {
    setFailure(await attempt(action));
    void refetch();
  }

  return (
    <section className="panel" aria-label="Approval">
      <h2 className="panel-title">Approval</h2>
      {error && !data ? <ErrorState error={error} retry={() => void refetch()} /> : null}
      {loading && !data ? <Loading /> : null}
      {approval ? <p>{APPROVAL_STATUS[approval.approvalStatus]}</p> : null}
      <Notice>{failure}</Notice>
      {editable && approval?.approvalStatus !== 'PENDING' && ['DRAFT', 'CLIENT_REVIEW'].includes(status) ? (
        <Button
          variant="primary"
          busy={submitting}
          onClick={() => void run(async () => (await submit({ variables: { input: { id: documentId } } })).data?.documentSubmitForApproval)}
        >
          Submit for approval
        </Button>
      ) : null}
      {rounds.map((round) => (
        <table key={round} className="doc-approvals" aria-label={`Round ${round}`}>
          <caption>
            Round {round}
            {requests.find((request) => request.round === round)?.submittedBy.name
              ? `, submitted by ${requests.find((request) => request.round === round)!.submittedBy.name}`
              : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Reviewers</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {requests
              .filter((request) => request.round === round)
              .map((request) => (
                <tr key={request.id}>
                  <td>
                    {request.stepOrder}. {request.action === 'SIGN' ? 'Sign off' : 'Approve'}
                    {request.required ? '' : ' (optional)'}
                  </td>
                  <td>{request.team ? `Team ${request.team.name}` : request.role ? `Role ${request.role.toLowerCase()}` : ''}</td>
                  <td>
                    <span className="badge">{STATE_LABELS[request.state]}</span>{' '}
                    {request.decidedBy ? `${request.decidedBy.name}, ${formatDateTime(request.decidedAt)}` : request.requestedAt ? '' : 'not reached yet'}
                    {request.comment ? <span className="doc-comment"> “{request.comment}”</span> : null}
                    {request.state === 'PENDING' && request.viewerIsReviewer && request.requestedAt ? (
                      <div className="doc-decide">
                        <TextField
                          label="Comment"
                          value={comments[request.id] ?? ''}
                          onChange={(event) => setComments({ ...comments, [request.id]: event.target.value })}
                        />
                        <div className="button-row">
                          {DECISIONS.map(({ decision, label }) => (
                            <Button
                              key={decision}
                              variant={decision === 'APPROVE' ? 'primary' : 'secondary'}
                              busy={deciding}
                              onClick={() =>
                                void run(
                                  async () =>
                                    (await decide({ variables: { input: { id: request.id, decision, comment: comments[request.id] || null } } })).data
                                      ?.approvalDecide,
                                )
                              }
                            >
                              {label}
                            </Button>
                          ))}
                        </div>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}
