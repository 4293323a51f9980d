import { translator, type Translator } from '@cellgraph/kernel/i18n';
import { Fragment, type ReactNode } from 'react';
import { describeError, describeUserErrors, type UserErrorLike } from '../../app/errors';
import { activeTranslator, useTranslator, type Message } from '../../app/i18n';
import type { DocumentStatus, DocumentType } from '../../gql/graphql';
import { m } from './messages';

export const DOCUMENT_TYPES: readonly DocumentType[] = ['CONTRACT', 'PROPOSAL', 'SOW', 'NDA', 'TEMPLATE', 'OTHER'];
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['DRAFT', 'INTERNAL_REVIEW', 'CLIENT_REVIEW', 'SENT', 'SIGNED', 'EXPIRED', 'VOID'];
/** The statuses a person may set by hand (`documentStatusSet`); the others are the system's. */
export const MANUAL_STATUSES: readonly DocumentStatus[] = ['DRAFT', 'INTERNAL_REVIEW', 'CLIENT_REVIEW', 'SENT'];

const TYPE_MESSAGES: Record<DocumentType, Message> = {
  CONTRACT: m.typeContract,
  PROPOSAL: m.typeProposal,
  SOW: m.typeSow,
  NDA: m.typeNda,
  TEMPLATE: m.typeTemplate,
  OTHER: m.typeOther,
};

const STATUS_MESSAGES: Record<DocumentStatus, Message> = {
  DRAFT: m.statusDraft,
  INTERNAL_REVIEW: m.statusInternalReview,
  CLIENT_REVIEW: m.statusClientReview,
  SENT: m.statusSent,
  SIGNED: m.statusSigned,
  EXPIRED: m.statusExpired,
  VOID: m.statusVoid,
};

/*
 * Labels in the reader's language. Call them while rendering a component that reads useT() or
 * useTranslator(), so it renders again when the reader's language changes.
 */
export const typeLabel = (type: DocumentType, reader: Translator = activeTranslator()): string => (TYPE_MESSAGES[type] ? reader.t(TYPE_MESSAGES[type]) : type);
export const statusLabel = (status: DocumentStatus, reader: Translator = activeTranslator()): string =>
  STATUS_MESSAGES[status] ? reader.t(STATUS_MESSAGES[status]) : status;

/** A document's status as a coloured badge. */
export function StatusBadge({ status }: { status: DocumentStatus }) {
  const reader = useTranslator();
  return <span className={`badge doc-status doc-status-${status.toLowerCase().replace('_', '-')}`}>{statusLabel(status, reader)}</span>;
}

/**
 * A message with React elements in place of some of its arguments (`Section {section}` with the
 * section in bold): the translation decides where they go.
 */
export function richText(reader: Translator, message: Message, values: Readonly<Record<string, unknown>>, elements: Readonly<Record<string, ReactNode>>) {
  const names = Object.keys(elements);
  const marks = Object.fromEntries(names.map((name, index) => [name, `\uE000${index}\uE000`]));
  return reader
    .t(message, { ...values, ...marks })
    .split(/\uE000(\d+)\uE000/)
    .map((part, index) => (index % 2 ? <Fragment key={index}>{elements[names[Number(part)]!]}</Fragment> : part));
}

/**
 * HTML the documents subgraph rendered and sanitized (a redline, a reviewed document's content:
 * rebuilt from its allow-list on every save, `<ins>`/`<del>` the only markup a redline adds). Only
 * such server fields are inserted here, never text a person typed in the page.
 */
export function ServerHtml({ html, label }: { html: string; label: string }) {
  return <div className="doc-html" role="document" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** The `data-field` sections of content, in order: name and label (for suggestions). */
export function sectionsOf(html: string): { field: string; label: string; text: string }[] {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const seen = new Set<string>();
  return [...parsed.querySelectorAll('[data-field]')].flatMap((element) => {
    const field = element.getAttribute('data-field') ?? '';
    if (!field || seen.has(field)) return [];
    seen.add(field);
    return [{ field, label: element.getAttribute('data-label') || field, text: element.textContent ?? '' }];
  });
}

/**
 * Runs a mutation and answers what to tell the person: the first user error in words, a failed
 * request's message, or null when it went through.
 */
export async function attempt(action: () => Promise<{ userErrors: readonly UserErrorLike[] } | null | undefined>): Promise<string | null> {
  try {
    return describeUserErrors((await action())?.userErrors);
  } catch (caught) {
    return describeError(caught);
  }
}

/** A calendar date ("2026-11-22") as written in the reader's locale, without a time zone shift (it is read as a day in UTC). */
export function formatLocalDate(value: string | null | undefined, reader: Translator = activeTranslator()): string {
  if (!value) return '';
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return value;
  return translator(reader.locale, 'UTC').date(Date.UTC(year, month - 1, day), 'date');
}

/** The instant a calendar day ("2027-01-31") starts in the reader's time zone, as an ISO date-time. */
export function startOfDay(value: string, reader: Translator = activeTranslator()): string {
  const [year = 1970, month = 1, day = 1] = value.split('-').map(Number);
  const midnightUtc = Date.UTC(year, month - 1, day);
  // The zone's offset then: its wall clock at that instant, read as if it were UTC, minus the instant.
  const wall = new Intl.DateTimeFormat('en-US', {
    timeZone: reader.timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(midnightUtc);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(wall.find((entry) => entry.type === type)?.value ?? 0);
  const offset = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - midnightUtc;
  return new Date(midnightUtc - offset).toISOString();
}
