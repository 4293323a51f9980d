import type { Cell } from './cells.js';
import { graphqlData } from './graphql-client.js';

export const DEMO_USER = { email: 'demo@cellgraph.dev', password: 'Cellgraph-demo-2026!', name: 'Demo User' };

const SESSION_FIELDS = 'session { accessToken user { id email } organization { id name } } userErrors { code message }';

interface SessionPayload {
  session: { accessToken: string; user: { id: string; email: string }; organization: { id: string; name: string } } | null;
  userErrors: { code: string; message: string }[];
}

/**
 * Seeds the demo organization and user through the public API (so seeding takes the same path as
 * every client), plus a few tasks and CRM records when the cell has those subgraphs. Idempotent: an existing demo account is
 * signed in to instead.
 */
export async function seedDemo(gatewayUrl: string, cell: Cell): Promise<{ accessToken: string; organization: string }> {
  const registered = await graphqlData<{ userRegister: SessionPayload }>(
    gatewayUrl,
    `mutation Register($input: UserRegisterInput!) { userRegister(input: $input) { ${SESSION_FIELDS} } }`,
    { input: { ...DEMO_USER, organizationName: 'Demo Company' } },
  );
  let payload = registered.userRegister;
  if (!payload.session) {
    payload = (
      await graphqlData<{ sessionCreate: SessionPayload }>(
        gatewayUrl,
        `mutation SignIn($input: SessionCreateInput!) { sessionCreate(input: $input) { ${SESSION_FIELDS} } }`,
        { input: { email: DEMO_USER.email, password: DEMO_USER.password } },
      )
    ).sessionCreate;
  }
  if (!payload.session) throw new Error(`Cannot seed the demo user: ${JSON.stringify(payload.userErrors)}`);
  const { accessToken, user, organization } = payload.session;

  if (cell.subgraphs.some((subgraph) => subgraph.name === 'tasks')) {
    const existing = await graphqlData<{ tasks: { totalCount: number } }>(gatewayUrl, '{ tasks { totalCount } }', {}, { token: accessToken });
    if (existing.tasks.totalCount === 0) {
      for (const title of ['Welcome to Cellgraph', 'Invite your team', 'Plan the first project']) {
        await graphqlData(
          gatewayUrl,
          'mutation Seed($input: TaskCreateInput!) { taskCreate(input: $input) { userErrors { code message } } }',
          { input: { title, assigneeId: user.id } },
          { token: accessToken },
        );
      }
    }
  }
  if (cell.subgraphs.some((subgraph) => subgraph.name === 'crm')) await seedCrm(gatewayUrl, accessToken, user.id);
  return { accessToken, organization: organization.name };
}

/** A sales pipeline, two contacts and a deal, so the CRM has something to show. */
async function seedCrm(gatewayUrl: string, token: string, userId: string): Promise<void> {
  const existing = await graphqlData<{ contacts: { totalCount: number } }>(gatewayUrl, '{ contacts { totalCount } }', {}, { token });
  if (existing.contacts.totalCount > 0) return;
  const run = <T>(query: string, input: Record<string, unknown>) => graphqlData<T>(gatewayUrl, query, { input }, { token });
  const pipeline = await run<{ pipelineCreate: { pipeline: { id: string } } }>(
    'mutation($input: PipelineCreateInput!) { pipelineCreate(input: $input) { pipeline { id } } }',
    { name: 'Sales' },
  );
  const createContact = 'mutation($input: ContactCreateInput!) { contactCreate(input: $input) { contact { id } } }';
  const ada = await run<{ contactCreate: { contact: { id: string } } }>(createContact, {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
    company: 'Analytical Engines',
    source: 'REFERRAL',
    assignedToId: userId,
  });
  await run(createContact, { firstName: 'Charles', lastName: 'Babbage', company: 'Difference Ltd', type: 'CLIENT', assignedToId: userId });
  await run('mutation($input: DealCreateInput!) { dealCreate(input: $input) { deal { id } } }', {
    contactId: ada.contactCreate.contact.id,
    pipelineId: pipeline.pipelineCreate.pipeline.id,
    title: 'Engine licence',
    value: '12500.00',
    currencyCode: 'GBP',
  });
}
