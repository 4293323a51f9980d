import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { formatDateTime } from '../../app/format';
import { useT, type Message } from '../../app/i18n';
import type { ApprovalDecision, OrganizationRole } from '../../gql/graphql';
import { Button, TextField } from '../../ui/controls';
import { ErrorState, Loading, Notice } from '../../ui/states';
import { m } from './messages';
import { DocumentsApprovalDecideMutation, DocumentsApprovalsQuery, DocumentsSubmitForApprovalMutation } from './operations';
import { attempt } from './shared';

const APPROVAL_STATUS = {
  NONE: m.approvalNone,
  PENDING: m.approvalPending,
  APPROVED: m.approvalApproved,
  REJECTED: m.approvalRejected,
  RETURNED: m.approvalReturned,
} as const;
const STATE_LABELS = { PENDING: m.pending, APPROVED: m.approved, REJECTED: m.rejected, RETURNED: m.stepReturned, SKIPPED: m.stepSkipped } as const;
const DECISIONS: { decision: ApprovalDecision; label: Message }[] = [
  { decision: 'APPROVE', label: m.approve },
  { decision: 'REJECT', label: m.reject },
  { decision: 'RETURN_FOR_CHANGES', label: m.returnForChanges },
];
const ROLES: Record<OrganizationRole, Message> = { OWNER: m.roleOwner, ADMIN: m.roleAdmin, MEMBER: m.roleMember, GUEST: m.roleGuest };

/** Submission for approval, each round's steps with their reviewers and decisions, and the viewer's own decision. */
export function ApprovalPanel({ documentId, editable, status }: { documentId: string; editable: boolean; status: string }) {
  const t = useT();
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
    <section className="panel" aria-label={t(m.approval)}>
      <h2 className="panel-title">{t(m.approval)}</h2>
      {error && !data ? <ErrorState error={error} retry={() => void refetch()} /> : null}
      {loading && !data ? <Loading /> : null}
      {approval ? <p>{t(APPROVAL_STATUS[approval.approvalStatus])}</p> : null}
      <Notice>{failure}</Notice>
      {editable && approval?.approvalStatus !== 'PENDING' && ['DRAFT', 'CLIENT_REVIEW'].includes(status) ? (
        <Button
          variant="primary"
          busy={submitting}
          onClick={() => void run(async () => (await submit({ variables: { input: { id: documentId } } })).data?.documentSubmitForApproval)}
        >
          {t(m.submitForApproval)}
        </Button>
      ) : null}
      {rounds.map((round) => {
        const submitter = requests.find((request) => request.round === round)?.submittedBy.name;
        return (
          <table key={round} className="doc-approvals" aria-label={t(m.round, { round })}>
            <caption>{submitter ? t(m.roundSubmittedBy, { round, name: submitter }) : t(m.round, { round })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(m.step)}</th>
                <th scope="col">{t(m.reviewers)}</th>
                <th scope="col">{t(m.decision)}</th>
              </tr>
            </thead>
            <tbody>
              {requests
                .filter((request) => request.round === round)
                .map((request) => (
                  <tr key={request.id}>
                    <td>
                      {t(request.required ? m.stepAction : m.stepActionOptional, {
                        order: request.stepOrder,
                        action: t(request.action === 'SIGN' ? m.signOff : m.approve),
                      })}
                    </td>
                    <td>
                      {request.team ? t(m.reviewerTeam, { name: request.team.name }) : request.role ? t(m.reviewerRole, { role: t(ROLES[request.role]) }) : ''}
                    </td>
                    <td>
                      <span className="badge">{t(STATE_LABELS[request.state])}</span>{' '}
                      {request.decidedBy
                        ? t(m.decidedBy, { name: request.decidedBy.name, date: formatDateTime(request.decidedAt) })
                        : request.requestedAt
                          ? ''
                          : t(m.notReachedYet)}
                      {request.comment ? <span className="doc-comment"> “{request.comment}”</span> : null}
                      {request.state === 'PENDING' && request.viewerIsReviewer && request.requestedAt ? (
                        <div className="doc-decide">
                          <TextField
                            label={t(m.comment)}
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
                                {t(label)}
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
        );
      })}
    </section>
  );
}
