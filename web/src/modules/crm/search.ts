import type { ApolloClient } from '@apollo/client';
import { activeTranslator } from '../../app/i18n';
import type { SearchProvider, SearchResult } from '../../app/registry';
import { formatMoney } from './money';
import { CrmSearchContactsQuery, CrmSearchDealsQuery } from './operations';
import { shellMessages as m } from './shellMessages';

const LIMIT = 5;

/** Cmd+K: contacts by name, e-mail or company (`contacts(search:)`), deals by title (`deals(filter: { title: { contains } })`). */
export const crmSearch: SearchProvider = {
  async search(client: ApolloClient, text: string, signal: AbortSignal): Promise<SearchResult[]> {
    const context = { fetchOptions: { signal } };
    const [contacts, deals] = await Promise.all([
      client.query({ query: CrmSearchContactsQuery, variables: { search: text, first: LIMIT }, fetchPolicy: 'network-only', context }),
      client.query({ query: CrmSearchDealsQuery, variables: { title: text, first: LIMIT }, fetchPolicy: 'network-only', context }),
    ]);
    if (contacts.error) throw contacts.error;
    if (deals.error) throw deals.error;
    const translator = activeTranslator();
    return [
      ...(contacts.data?.contacts?.nodes ?? []).map((contact) => ({
        id: contact.id,
        typename: 'Contact',
        title: contact.name,
        subtitle: [translator.t(m.searchContact), contact.company !== contact.name ? contact.company : null, contact.email].filter(Boolean).join(' · '),
      })),
      ...(deals.data?.deals?.nodes ?? []).map((deal) => ({
        id: deal.id,
        typename: 'Deal',
        title: deal.title,
        subtitle: [translator.t(m.searchDeal), formatMoney(deal.value, translator.locale), deal.contact?.name].filter(Boolean).join(' · '),
      })),
    ];
  },
};
