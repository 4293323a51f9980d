import { requestTranslator, text, userError, type Message } from '@cellgraph/kernel';
import { webhooksErrorTexts } from '../messages.js';
import type { UrlRefusal } from '../ssrf/url-guard.js';

/** Every code the webhook endpoint aggregate answers with. */
export const WebhookEndpointErrorCode = {
  InvalidInput: 'WEBHOOK_ENDPOINT_INVALID_INPUT',
  NotFound: 'WEBHOOK_ENDPOINT_NOT_FOUND',
  /** The URL is not https (in production), or its host resolves to an internal address (SSRF guard). */
  UrlRefused: 'WEBHOOK_ENDPOINT_URL_REFUSED',
  UnknownEventType: 'WEBHOOK_ENDPOINT_UNKNOWN_EVENT_TYPE',
  Disabled: 'WEBHOOK_ENDPOINT_DISABLED',
} as const;

export const webhookEndpointNotFound = (field: (string | number)[] = ['input', 'id']) =>
  userError(WebhookEndpointErrorCode.NotFound, webhooksErrorTexts.endpointNotFound, field);

const refusalTexts: Record<UrlRefusal, Message> = {
  INVALID: webhooksErrorTexts.urlInvalid,
  NOT_HTTPS: webhooksErrorTexts.urlNotHttps,
  CREDENTIALS: webhooksErrorTexts.urlCredentials,
  UNRESOLVABLE: webhooksErrorTexts.urlUnresolvable,
  INTERNAL_ADDRESS: webhooksErrorTexts.urlInternal,
};

/** The URL refused, with the reason in the reader's language. */
export const webhookUrlRefused = (reason: UrlRefusal) =>
  userError(WebhookEndpointErrorCode.UrlRefused, text(webhooksErrorTexts.urlRefused, { reason: requestTranslator().t(refusalTexts[reason]) }), [
    'input',
    'url',
  ]);

export const unknownEventType = (type: string, index: number) =>
  userError(WebhookEndpointErrorCode.UnknownEventType, text(webhooksErrorTexts.unknownEventType, { type }), ['input', 'eventTypes', index]);

export const webhookEndpointDisabled = () => userError(WebhookEndpointErrorCode.Disabled, webhooksErrorTexts.endpointDisabled, ['input', 'id']);
