export { type Alert, type AlertContext, type AlertEvent, type Retraction } from '../../core/alert.js';
export { alertId, canonicalJson, makeAlert } from '../../core/alert-id.js';
export type { AlertSink } from './sink.js';
export { AlertDispatcher, type AlertDispatcherOptions, type DispatchResult } from './dispatcher.js';
export { StoreSink } from './store-sink.js';
export { StdoutSink, formatAlertLine, formatRetractionLine, type StdoutSinkOptions } from './stdout.js';
export { JsonlSink } from './jsonl.js';
export { LiveSink, type LiveSubscription } from './live.js';
export {
  WebhookSink,
  backoffDelay,
  signWebhook,
  verifyWebhookSignature,
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  type BackoffOptions,
  type DeliveryEvent,
  type WebhookSinkOptions,
} from './webhook.js';
export { checkUrl, classifyAddress, guardedLookup, type AddressClass, type DestinationPolicy } from './url-guard.js';
export { SubscriptionSink, subscriptionMatches, type SubscriptionSinkOptions } from './subscriptions.js';
