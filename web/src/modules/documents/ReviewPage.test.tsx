// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DocumentsSuggestionSubmitMutationVariables } from '../../gql/graphql';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { DocumentsReviewQuery, DocumentsSuggestionSubmitMutation } from './operations';
import { ReviewPage } from './ReviewPage';

afterEach(unmountAll);

const TOKEN = 'cgd_token-from-the-mail';

const review = {
  request: { query: DocumentsReviewQuery, variables: { token: TOKEN } },
  result: {
    data: {
      __typename: 'Query' as const,
      documentReview: {
        __typename: 'ReviewedDocument' as const,
        title: 'Retainer for Acme',
        content:
          '<section data-field="scope" data-label="Scope"><p>Monthly posts.</p></section><section data-field="fee" data-label="Fee"><p>The fee is 500 EUR.</p></section>',
        expiresAt: '2026-12-20T10:00:00.000Z',
        revisions: [{ __typename: 'ReviewedRevision' as const, number: 1, description: 'Scope detailed', createdAt: '2026-12-05T10:00:00.000Z' }],
      },
    },
  },
};

describe('the public review page', () => {
  it('shows the document and sends a suggestion for the chosen section with the token', async () => {
    const sent: DocumentsSuggestionSubmitMutationVariables[] = [];
    const submit = {
      request: {
        query: DocumentsSuggestionSubmitMutation,
        variables: (variables: DocumentsSuggestionSubmitMutationVariables) => {
          sent.push(variables);
          return true;
        },
      },
      result: {
        data: {
          __typename: 'Mutation' as const,
          documentSuggestionSubmit: {
            __typename: 'DocumentSuggestionSubmitPayload' as const,
            suggestion: { __typename: 'ReviewedSuggestion' as const, id: 's1', section: 'fee', createdAt: '2026-12-06T10:00:00.000Z' },
            userErrors: [],
          },
        },
      },
    };
    renderWithApollo(<ReviewPage />, [review, submit], `/review?token=${TOKEN}`);
    expect((await screen.findByRole('heading', { name: 'Retainer for Acme' })).tagName).toBe('H1');
    expect(screen.getByRole('document', { name: 'Document to review' }).textContent).toContain('The fee is 500 EUR.');
    expect(screen.getByText('1: Scope detailed')).toBeTruthy();
    // The sections offered are the content's data-field sections, by label.
    const section = screen.getByLabelText('Section') as HTMLSelectElement;
    expect([...section.options].map((option) => option.textContent)).toEqual(['Scope', 'Fee']);
    fireEvent.change(section, { target: { value: 'fee' } });
    fireEvent.change(screen.getByLabelText('Text to replace'), { target: { value: '500 EUR' } });
    fireEvent.change(screen.getByLabelText('Suggested text'), { target: { value: '450 EUR' } });
    fireEvent.change(screen.getByLabelText('Comment'), { target: { value: 'Budget' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send suggestion' }));
    await screen.findByText('Thank you: your suggestion was sent to the document’s owner.');
    expect(sent[0]?.input).toEqual({ token: TOKEN, section: 'fee', originalText: '500 EUR', suggestedText: '450 EUR', comment: 'Budget' });
  });

  it('says so when the link is invalid, expired or revoked', async () => {
    const refused = {
      request: { query: DocumentsReviewQuery, variables: { token: 'cgd_bad' } },
      result: { errors: [{ message: 'Invalid token', extensions: { code: 'DOCUMENT_REVIEW_TOKEN_INVALID' } }] },
    };
    renderWithApollo(<ReviewPage />, [refused], '/review?token=cgd_bad');
    await vi.waitFor(
      () =>
        expect(screen.getByRole('alert').textContent).toBe('This review link is invalid, has expired or was revoked. Ask the sender for a new one.Try again'),
      {
        timeout: 30_000,
      },
    );
  });
});
