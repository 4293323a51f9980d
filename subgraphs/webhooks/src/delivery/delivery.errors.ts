import { userError } from '@cellgraph/kernel';
import { webhooksErrorTexts } from '../messages.js';

export const WebhookDeliveryErrorCode = {
  NotFound: 'WEBHOOK_DELIVERY_NOT_FOUND',
} as const;

export const webhookDeliveryNotFound = () => userError(WebhookDeliveryErrorCode.NotFound, webhooksErrorTexts.deliveryNotFound, ['input', 'id']);
