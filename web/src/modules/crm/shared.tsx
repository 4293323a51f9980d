import { Fragment, type ReactNode } from 'react';
import { activeTranslator, useT, type Message } from '../../app/i18n';
import { m } from './messages';

export const CONTACT_TYPES = ['LEAD', 'CLIENT', 'VENDOR', 'PARTNER'] as const;
export const CONTACT_STATUSES = ['ACTIVE', 'INACTIVE', 'CHURNED'] as const;
export const CONTACT_SOURCES = ['WEBSITE', 'REFERRAL', 'COLD_OUTREACH', 'IMPORT', 'EVENT', 'OTHER'] as const;
export const INTERACTION_TYPES = ['NOTE', 'CALL', 'EMAIL', 'MEETING', 'SMS'] as const;

/** The labels of a contact's text fields. */
export const CONTACT_FIELD_LABELS = {
  firstName: m.fieldFirstName,
  lastName: m.fieldLastName,
  email: m.fieldEmail,
  phone: m.fieldPhone,
  company: m.fieldCompany,
  jobTitle: m.fieldJobTitle,
} as const satisfies Record<string, Message>;

/** `t` of useT() (or of the active translator): a message in the reader's language. */
export type Translate = (message: Message, values?: Readonly<Record<string, unknown>>) => string;

/** The labels of the API's enumerations the CRM shows (contact type, status, source; interaction type, direction; deal status). */
const ENUM_LABELS: Readonly<Record<string, Message>> = {
  LEAD: m.typeLead,
  CLIENT: m.typeClient,
  VENDOR: m.typeVendor,
  PARTNER: m.typePartner,
  ACTIVE: m.statusActive,
  INACTIVE: m.statusInactive,
  CHURNED: m.statusChurned,
  WEBSITE: m.sourceWebsite,
  REFERRAL: m.sourceReferral,
  COLD_OUTREACH: m.sourceColdOutreach,
  IMPORT: m.sourceImport,
  EVENT: m.sourceEvent,
  OTHER: m.sourceOther,
  NOTE: m.interactionNote,
  CALL: m.interactionCall,
  EMAIL: m.interactionEmail,
  MEETING: m.interactionMeeting,
  SMS: m.interactionSms,
  INBOUND: m.directionInbound,
  OUTBOUND: m.directionOutbound,
  OPEN: m.dealOpen,
  WON: m.dealWon,
  LOST: m.dealLost,
};

/** "COLD_OUTREACH" → "Cold outreach" (a value no catalog knows yet, from a newer API, is spelled out as is). */
export function humanize(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An enumeration value in the reader's language ("COLD_OUTREACH" → "Cold outreach", "Kaltakquise"). */
export function enumLabel(t: Translate, value: string | null | undefined): string {
  if (!value) return '';
  const message = ENUM_LABELS[value];
  return message ? t(message) : humanize(value);
}

/** "Engineer at Acme", or whichever of the two the contact has. */
export function jobAndCompany(t: Translate, jobTitle: string | null | undefined, company: string | null | undefined): string {
  return jobTitle && company ? t(m.jobAtCompany, { jobTitle, company }) : jobTitle || company || '';
}

const calendarDateFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar date ("2026-11-22") as written in the reader's locale, without a time zone shift. */
export function formatLocalDate(value: string | null | undefined): string {
  if (!value) return '';
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return value;
  const { locale } = activeTranslator();
  let format = calendarDateFormats.get(locale);
  if (!format) {
    // The day as a UTC midnight, written in UTC: no time zone can move it to another day.
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    calendarDateFormats.set(locale, format);
  }
  return format.format(Date.UTC(year, month - 1, day));
}

// Private-use characters around an index mark where a React node goes in a translated text.
const NODE_START = '\uE000';
const NODE_END = '\uE001';
const NODE_MARK = new RegExp(`${NODE_START}(\\d+)${NODE_END}`);

/**
 * A message whose arguments include React nodes (a link, an amount): `values` are formatted as
 * usual, each of `nodes` lands where the translation puts its argument.
 */
export function translateWithNodes(
  t: Translate,
  message: Message,
  values: Readonly<Record<string, unknown>>,
  nodes: Readonly<Record<string, ReactNode>>,
): ReactNode {
  const keys = Object.keys(nodes);
  const marked = t(message, { ...values, ...Object.fromEntries(keys.map((key, index) => [key, `${NODE_START}${index}${NODE_END}`])) });
  // split() with a capturing group alternates text and captured indexes.
  return marked.split(NODE_MARK).map((part, index) => <Fragment key={index}>{index % 2 ? nodes[keys[Number(part)]!] : part}</Fragment>);
}

export function TagChips({ tags }: { tags: readonly { id: string; name: string; color: string }[] | null | undefined }) {
  const t = useT();
  if (!tags?.length) return null;
  return (
    <ul className="crm-tags" aria-label={t(m.tags)}>
      {tags.map((tag) => (
        <li key={tag.id} className="crm-tag" style={{ '--tag-color': tag.color } as React.CSSProperties}>
          {tag.name}
        </li>
      ))}
    </ul>
  );
}
