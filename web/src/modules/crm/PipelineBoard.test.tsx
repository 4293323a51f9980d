// @vitest-environment happy-dom
import { screen, within } from '@testing-library/dom';
import { afterEach, describe, expect, it } from 'vitest';
import { CrmPipelineBoardQuery } from './operations';
import { PipelineBoard } from './PipelineBoard';
import { renderWithApollo, unmountAll } from '../../testing/render';

afterEach(unmountAll);

let dealCount = 0;
function deal(stageId: string, amount: string, currencyCode: string) {
  dealCount += 1;
  return {
    __typename: 'Deal',
    id: `deal-${dealCount}`,
    title: `Deal ${dealCount}`,
    status: 'OPEN',
    probability: 20,
    expectedCloseDate: null,
    value: { __typename: 'Money', amount, currencyCode },
    stage: { __typename: 'PipelineStage', id: stageId, name: stageId },
    contact: { __typename: 'Contact', id: `contact-${dealCount}`, name: `Contact ${dealCount}` },
  };
}

function stage(
  id: string,
  deals: ReturnType<typeof deal>[],
  extra: { totalCount?: number; dealTotals?: { deals: number; amount: string; currencyCode: string }[] } = {},
) {
  return {
    __typename: 'PipelineStage',
    id,
    name: id,
    position: id,
    color: null,
    probability: 20,
    closed: false,
    won: false,
    dealTotals: (extra.dealTotals ?? []).map((total) => ({
      __typename: 'StageDealTotal',
      deals: total.deals,
      value: { __typename: 'Money', amount: total.amount, currencyCode: total.currencyCode },
    })),
    deals: { __typename: 'DealConnection', totalCount: extra.totalCount ?? deals.length, nodes: deals },
  };
}

function renderBoard(stages: ReturnType<typeof stage>[]) {
  const mocks = [
    {
      request: { query: CrmPipelineBoardQuery, variables: { id: 'p1' } },
      result: { data: { pipeline: { __typename: 'Pipeline', id: 'p1', name: 'Sales', stages } } },
    },
  ];
  return renderWithApollo(<PipelineBoard pipelineId="p1" />, mocks);
}

/** The exact totals a column shows, from the markup (`<data value="0.30 USD">`). */
function totalsOf(stageName: string): string[] {
  const list = screen.getByRole('list', { name: `Totals of ${stageName}` });
  return [...list.querySelectorAll('data')].map((element) => element.getAttribute('value') ?? '');
}

describe('PipelineBoard totals', () => {
  it('sums each stage per currency exactly (0.1 + 0.2 = 0.30), never mixing currencies', async () => {
    renderBoard([
      stage('Qualified', [deal('Qualified', '0.1', 'USD'), deal('Qualified', '0.2', 'USD'), deal('Qualified', '5', 'EUR')]),
      stage('Proposal', [deal('Proposal', '99999999999999999.99', 'EUR'), deal('Proposal', '0.01', 'EUR'), deal('Proposal', '1000', 'JPY')]),
      stage('Won', []),
    ]);
    await screen.findByRole('heading', { name: /Qualified/ });
    expect(totalsOf('Qualified')).toEqual(['0.30 USD', '5.00 EUR']);
    expect(totalsOf('Proposal')).toEqual(['100000000000000000.00 EUR', '1000 JPY']);
    const qualified = screen.getByRole('region', { name: /Qualified/ });
    expect(within(qualified).getAllByRole('article')).toHaveLength(3);
    expect(within(screen.getByRole('region', { name: /Won/ })).getByText('No deals')).toBeTruthy();
  });

  it('shows the API totals of a stage whose deals are not all on the board', async () => {
    renderBoard([
      stage('Negotiation', [deal('Negotiation', '10.00', 'USD')], {
        totalCount: 150,
        dealTotals: [{ deals: 150, amount: '123456.78', currencyCode: 'USD' }],
      }),
    ]);
    await screen.findByRole('heading', { name: /Negotiation/ });
    expect(totalsOf('Negotiation')).toEqual(['123456.78 USD']);
    expect(screen.getByText('Showing 1 of 150 deals.')).toBeTruthy();
  });

  it('makes every deal movable from the keyboard', async () => {
    renderBoard([stage('Qualified', [deal('Qualified', '1', 'USD')])]);
    const handle = await screen.findByRole('button', { name: /^Move Deal/ });
    expect(handle.getAttribute('aria-roledescription')).toBe('draggable');
    expect(handle.getAttribute('aria-describedby')).toBeTruthy();
  });
});
