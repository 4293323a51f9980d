import { argumentsKey, type Connection, type ConnectionArgs, type LoaderRegistry, type RequestContext, type SubgraphContext } from '@cellgraph/kernel';
import type { CrmServices } from '../services.js';
import type { Contact } from './contact.entity.js';
import type { TimelineItem } from '../timeline/timeline.inputs.js';
import type { ContactsArgs } from './contact.inputs.js';

/** Contacts by id: null when absent (or in the trash), a FORBIDDEN error when the caller may not read it. */
export const contactById = ({ contacts }: CrmServices, loaders: LoaderRegistry, request: RequestContext) => contacts.access.loader(loaders, request);

/** Loads a contact for a field; an unreadable one raises its FORBIDDEN error at that field. */
export const loadContact = (context: SubgraphContext<CrmServices>, id: string | null): Promise<Contact | null> =>
  context.services.contacts.access.loadReadable(context.loaders, context.request, id);

/** One page of contacts per owner, for one set of arguments. */
export const ownedContacts = (services: CrmServices, loaders: LoaderRegistry, request: RequestContext, args: ContactsArgs) =>
  loaders.get<string, Connection<Contact>>(`crm.ownedContacts:${argumentsKey(args)}`, (owners) =>
    services.contacts.listGrouped(request, 'contact.assignedTo', owners, args),
  );

export const lastInteractionAt = ({ interactions }: CrmServices, loaders: LoaderRegistry, request: RequestContext) =>
  loaders.get<string, Date | null>('crm.lastInteractionAt', (contactIds) => interactions.lastInteractionAt(request, contactIds));

/** One timeline page per contact, for one set of arguments. */
export const timelineOf = ({ contacts }: CrmServices, loaders: LoaderRegistry, request: RequestContext, args: ConnectionArgs) =>
  loaders.get<string, Connection<TimelineItem>>(`crm.timeline:${argumentsKey(args)}`, (contactIds) => contacts.timelines(request, contactIds, args));
