import { argumentsKey, readableById, type Connection, type LoaderRegistry, type RequestContext } from '@cellgraph/kernel';
import type { CrmServices } from '../services.js';
import type { Contact } from './contact.entity.js';
import type { ContactsArgs } from './contact.inputs.js';

/** Contacts by id: null when absent (or in the trash), a FORBIDDEN error when the caller may not read it. */
export const contactById = ({ contacts }: CrmServices, loaders: LoaderRegistry, request: RequestContext) =>
  readableById(loaders, 'crm.contactById', (ids) => contacts.byIds(ids), (found) => contacts.readableOf(request, found), 'contact');

/** One page of contacts per owner, for one set of arguments. */
export const ownedContacts = (services: CrmServices, loaders: LoaderRegistry, request: RequestContext, args: ContactsArgs) =>
  loaders.get<string, Connection<Contact>>(`crm.ownedContacts:${argumentsKey(args)}`, (owners) => services.contacts.listGrouped(request, 'contact.assignedTo', owners, args));

export const lastInteractionAt = ({ interactions }: CrmServices, loaders: LoaderRegistry) =>
  loaders.get<string, Date | null>('crm.lastInteractionAt', (contactIds) => interactions.lastInteractionAt(contactIds));
