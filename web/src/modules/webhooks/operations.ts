import { graphql } from '../../gql';

export const WebhookEndpointsQuery = graphql(`
  query WebhookEndpoints {
    webhookEndpoints(first: 100) {
      totalCount
      nodes {
        id
        url
        description
        eventTypes
        enabled
        consecutiveFailures
        disabledAt
        previousSecretExpiresAt
        createdAt
      }
    }
    webhookEventTypes {
      type
      module
      description
    }
  }
`);

export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($id: ID!) {
    webhookEndpoint(id: $id) {
      id
      url
      deliveries(first: 50) {
        totalCount
        nodes {
          id
          eventId
          eventType
          state
          attemptCount
          responseStatus
          responseBodyExcerpt
          durationMs
          nextAttemptAt
          waitingFor
          redelivery
          createdAt
          requestBody
          attempts {
            number
            startedAt
            responseStatus
            succeeded
            error
            durationMs
          }
        }
      }
    }
  }
`);

export const WebhookEndpointCreateMutation = graphql(`
  mutation WebhookEndpointCreate($input: WebhookEndpointCreateInput!) {
    webhookEndpointCreate(input: $input) {
      secret
      webhookEndpoint {
        id
        url
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const WebhookEndpointUpdateMutation = graphql(`
  mutation WebhookEndpointUpdate($input: WebhookEndpointUpdateInput!) {
    webhookEndpointUpdate(input: $input) {
      webhookEndpoint {
        id
        enabled
        consecutiveFailures
        disabledAt
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const WebhookEndpointSecretRotateMutation = graphql(`
  mutation WebhookEndpointSecretRotate($input: WebhookEndpointSecretRotateInput!) {
    webhookEndpointSecretRotate(input: $input) {
      secret
      webhookEndpoint {
        id
        previousSecretExpiresAt
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const WebhookEndpointPingMutation = graphql(`
  mutation WebhookEndpointPing($input: WebhookEndpointPingInput!) {
    webhookEndpointPing(input: $input) {
      delivery {
        id
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const WebhookDeliveryRedeliverMutation = graphql(`
  mutation WebhookDeliveryRedeliver($input: WebhookDeliveryRedeliverInput!) {
    webhookDeliveryRedeliver(input: $input) {
      delivery {
        id
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);
