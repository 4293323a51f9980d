// @vitest-environment happy-dom
import type { MockLink } from '@apollo/client/testing';
import { screen, waitFor, within } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TasksBoardQuery, TasksCardFragment, TaskMoveInput } from '../../gql/graphql';
import { KanbanBoard } from './KanbanBoard';
import { renderWithApollo, unmountAll } from '../../testing/render';
import { TasksBoardChangedSubscription, TasksBoardQuery as BoardQuery, TasksMoveTaskMutation } from './operations';

afterEach(unmountAll);

function card(id: string, title: string, columnId: string, position: string, extra: Partial<TasksCardFragment> = {}): TasksCardFragment {
  return {
    __typename: 'Task',
    id,
    title,
    status: 'TODO',
    priority: null,
    dueDate: null,
    position,
    blocked: false,
    assignee: null,
    tags: [],
    column: { __typename: 'BoardColumn', id: columnId },
    board: { __typename: 'Board', id: 'b1' },
    ...extra,
  };
}

type Column = NonNullable<TasksBoardQuery['board']>['columns'][number];

function column(id: string, name: string, wipLimit: number | null, cards: TasksCardFragment[], status: Column['status'] = null): Column {
  return {
    __typename: 'BoardColumn',
    id,
    name,
    position: id,
    color: null,
    wipLimit,
    status,
    tasks: { __typename: 'TaskConnection', totalCount: cards.length, nodes: cards },
  };
}

const BOARD: TasksBoardQuery = {
  __typename: 'Query',
  board: {
    __typename: 'Board',
    id: 'b1',
    name: 'Launch',
    viewType: 'KANBAN',
    columns: [
      column('c1', 'To do', 3, [
        card('t1', 'Write the brief', 'c1', 'a0', { priority: 'HIGH', assignee: { __typename: 'User', id: 'u1', name: 'Ada Lovelace' } }),
        card('t2', 'Book the venue', 'c1', 'a1'),
      ]),
      column('c2', 'Doing', 1, [card('t3', 'Design the poster', 'c2', 'a0'), card('t4', 'Print flyers', 'c2', 'a1')], 'IN_PROGRESS'),
      column('c3', 'Done', 2, [card('t5', 'Pick a date', 'c3', 'a0', { status: 'DONE' })], 'DONE'),
    ],
  },
};

const boardMock: MockLink.MockedResponse = { request: { query: BoardQuery, variables: { id: 'b1' } }, result: { data: BOARD } };
// The live feed stays open and says nothing during these tests.
const quietLiveFeed: MockLink.MockedResponse = { request: { query: TasksBoardChangedSubscription, variables: { boardId: 'b1' } }, delay: Infinity };

function renderBoard(mocks: MockLink.MockedResponse[]) {
  return renderWithApollo(<KanbanBoard boardId="b1" />, [boardMock, quietLiveFeed, ...mocks], '/tasks/boards/b1');
}

const columnEl = (name: string) => screen.getByRole('listitem', { name });
const cardTitles = (name: string) =>
  within(within(columnEl(name)).getByRole('list', { name: `Tasks in ${name}` }))
    .queryAllByRole('article')
    .map((article) => article.getAttribute('aria-label'));

describe('KanbanBoard', () => {
  it('renders the columns, their cards and their WIP limit state', async () => {
    renderBoard([]);
    expect(await screen.findByRole('heading', { name: 'Launch' })).toBeTruthy();

    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual(['To do', 'Doing', 'Done']);
    expect(cardTitles('To do')).toEqual(['Write the brief', 'Book the venue']);
    expect(cardTitles('Doing')).toEqual(['Design the poster', 'Print flyers']);

    // Under the limit.
    const todoCount = within(columnEl('To do')).getByLabelText('2 of at most 3 tasks');
    expect(todoCount.textContent).toBe('2/3');
    expect(todoCount.getAttribute('data-wip')).toBe('ok');
    expect(within(columnEl('To do')).queryByText('Over the WIP limit')).toBeNull();

    // Over the limit: highlighted and said.
    const doingCount = within(columnEl('Doing')).getByLabelText('2 of at most 1 tasks, over the limit');
    expect(doingCount.textContent).toBe('2/1');
    expect(doingCount.getAttribute('data-wip')).toBe('exceeded');
    expect(columnEl('Doing').className).toContain('wip-exceeded');
    expect(within(columnEl('Doing')).getByText('Over the WIP limit')).toBeTruthy();

    // Below its limit of 2 with one task.
    expect(within(columnEl('Done')).getByText('1/2').getAttribute('data-wip')).toBe('ok');

    // The card shows its assignee's initials and priority, and every card can be picked up by keyboard.
    const brief = within(columnEl('To do')).getByRole('article', { name: 'Write the brief' });
    expect(within(brief).getByLabelText('Assigned to Ada Lovelace').textContent).toBe('AL');
    expect(within(brief).getByText('High')).toBeTruthy();
    expect(within(brief).getByRole('button', { name: 'Move task Write the brief' }).getAttribute('aria-roledescription')).toBe('sortable');
  });

  it('shows a move at once, and puts the card back with the error when the server refuses it', async () => {
    const sent: TaskMoveInput[] = [];
    const refused: MockLink.MockedResponse = {
      request: {
        query: TasksMoveTaskMutation,
        variables: (variables: { input: TaskMoveInput }) => {
          sent.push(variables.input);
          return true;
        },
      },
      delay: 300,
      result: {
        data: {
          __typename: 'Mutation',
          taskMove: {
            __typename: 'TaskPayload',
            task: null,
            userErrors: [
              { __typename: 'UserError', code: 'TASK_COLUMN_WIP_LIMIT', message: 'This column holds at most 2 tasks', field: ['input', 'columnId'] },
            ],
          },
        },
      },
    };
    renderBoard([refused]);
    const user = userEvent.setup();
    await screen.findByRole('heading', { name: 'Launch' });

    await user.click(screen.getByRole('button', { name: 'Actions for Write the brief' }));
    await user.click(await screen.findByRole('button', { name: 'Move to Done' }));

    // Optimistic: the card is in Done before the server answers.
    await waitFor(() => expect(cardTitles('Done')).toEqual(['Pick a date', 'Write the brief']), { interval: 5 });
    expect(cardTitles('To do')).toEqual(['Book the venue']);
    expect(screen.queryByRole('alert')).toBeNull();

    // Refused: back where it was, and the reason is shown.
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('“Write the brief” could not be moved: This column holds at most 2 tasks');
    await waitFor(() => expect(cardTitles('To do')).toEqual(['Write the brief', 'Book the venue']));
    expect(cardTitles('Done')).toEqual(['Pick a date']);
    expect(sent).toEqual([{ id: 't1', columnId: 'c3', afterId: 't5' }]);
  });

  it('rolls the card back when the request fails', async () => {
    const failed: MockLink.MockedResponse = {
      request: { query: TasksMoveTaskMutation, variables: () => true },
      delay: 300,
      error: new TypeError('Failed to fetch'),
    };
    renderBoard([failed]);
    const user = userEvent.setup();
    await screen.findByRole('heading', { name: 'Launch' });

    await user.click(screen.getByRole('button', { name: 'Actions for Print flyers' }));
    await user.click(await screen.findByRole('button', { name: 'Move up' }));
    await waitFor(() => expect(cardTitles('Doing')).toEqual(['Print flyers', 'Design the poster']), { interval: 5 });

    expect((await screen.findByRole('alert')).textContent).toContain('Cannot reach Cellgraph');
    await waitFor(() => expect(cardTitles('Doing')).toEqual(['Design the poster', 'Print flyers']));
  });

  it('keeps a successful move', async () => {
    const moved = card('t2', 'Book the venue', 'c2', 'a2', { status: 'IN_PROGRESS' });
    const accepted: MockLink.MockedResponse = {
      request: { query: TasksMoveTaskMutation, variables: { input: { id: 't2', columnId: 'c2', afterId: 't4' } } },
      delay: 20,
      result: { data: { __typename: 'Mutation', taskMove: { __typename: 'TaskPayload', task: moved, userErrors: [] } } },
    };
    const errors = vi.spyOn(console, 'error');
    renderBoard([accepted]);
    const user = userEvent.setup();
    await screen.findByRole('heading', { name: 'Launch' });

    await user.click(screen.getByRole('button', { name: 'Actions for Book the venue' }));
    await user.click(await screen.findByRole('button', { name: 'Move to Doing' }));
    await waitFor(() => expect(screen.getByText('Book the venue').closest('section')?.getAttribute('aria-labelledby')).toBe('column-c2-title'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(cardTitles('Doing')).toEqual(['Design the poster', 'Print flyers', 'Book the venue']);
    expect(cardTitles('To do')).toEqual(['Write the brief']);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
