/**
 * Webhook subscriptions, whatever the database (`SubscriptionStore`): the receivers users register through
 * the API, each with its own signing secret and filter (a minimum severity, optionally a list of
 * detectors). They are in the store, so the server that writes them and the `argus watch` that delivers to
 * them (`SubscriptionSink`) may be different processes. This module holds the limits, the validation and
 * the making of a new one; the SQL is in `sqlite/subscriptions.ts`.
 */
import { randomBytes } from 'node:crypto';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { SEVERITIES } from '../core/finding.js';
import { FORMAT_TARGET, WEBHOOK_FORMATS, type NewSubscription, type WebhookSubscriptionWithSecret } from './store.js';

export type { DeliveryStats, NewSubscription, WebhookFormat, WebhookSubscription, WebhookSubscriptionWithSecret } from './store.js';
export { WEBHOOK_FORMATS } from './store.js';

/** Active subscriptions at most: each one is a delivery loop in the monitor. */
export const MAX_SUBSCRIPTIONS = 100;
export const MAX_SUBSCRIPTION_DETECTORS = 50;
export const MAX_DESCRIPTION = 200;
export const MAX_WEBHOOK_URL = 2048;
/** A Telegram chat id or a PagerDuty routing key. */
export const MAX_TARGET = 200;
/** A detector id such as `monitor/large-transfer`. */
export const DETECTOR_PATTERN = '^[a-z0-9-]+/[a-z0-9-]+$';
const DETECTOR_RE = new RegExp(DETECTOR_PATTERN);

/** The outbox queue (`WebhookSink` endpoint) a subscription's deliveries go to. */
export function subscriptionEndpoint(id: string): string {
  return `subscription:${id}`;
}

/**
 * The checks that do not depend on where the caller runs (the API's schema says the same; the destination
 * policy, loopback and private addresses, is the caller's and the sink's business).
 */
export function validateSubscription(input: NewSubscription): void {
  const bad = (message: string, details: Record<string, unknown> = {}) => new ArgusError(ERROR_CODES.USAGE, message, details);
  if (input.url.length > MAX_WEBHOOK_URL || !/^https?:\/\//i.test(input.url)) throw bad(`a webhook URL must be http(s) and at most ${MAX_WEBHOOK_URL} characters`);
  if (input.minSeverity !== undefined && !SEVERITIES.includes(input.minSeverity)) throw bad(`unknown severity ${String(input.minSeverity)}`, { allowed: SEVERITIES });
  const detectors = input.detectors ?? [];
  if (detectors.length > MAX_SUBSCRIPTION_DETECTORS) throw bad(`at most ${MAX_SUBSCRIPTION_DETECTORS} detectors per subscription`);
  const wrong = detectors.find((d) => !DETECTOR_RE.test(d));
  if (wrong !== undefined) throw bad(`not a detector id: ${wrong}`, { detector: wrong });
  if ((input.description?.length ?? 0) > MAX_DESCRIPTION) throw bad(`a description is at most ${MAX_DESCRIPTION} characters`);
  const format = input.format ?? 'argus';
  if (!WEBHOOK_FORMATS.includes(format)) throw bad(`unknown webhook format ${String(format)}`, { allowed: WEBHOOK_FORMATS });
  const target = input.target?.trim() ?? '';
  const needs = FORMAT_TARGET[format];
  if (needs && !target) throw bad(`the ${format} format needs ${needs} as its target`, { format });
  if (!needs && target) throw bad(`the ${format} format takes no target`, { format });
  if (target.length > MAX_TARGET) throw bad(`a target is at most ${MAX_TARGET} characters`);
}

/** A new subscription (validated) with a generated id and secret, as every `SubscriptionStore` creates it. */
export function newSubscription(input: NewSubscription, now: Date = new Date()): WebhookSubscriptionWithSecret {
  validateSubscription(input);
  return {
    id: 'wh_' + randomBytes(8).toString('hex'),
    url: input.url,
    minSeverity: input.minSeverity ?? 'low',
    detectors: [...(input.detectors ?? [])],
    description: input.description ?? null,
    createdAt: now.toISOString(),
    format: input.format ?? 'argus',
    target: input.target?.trim() || null,
    secret: randomBytes(32).toString('base64url'),
  };
}

/** The error of a create over the cap. */
export function tooManySubscriptions(): ArgusError {
  return new ArgusError(ERROR_CODES.USAGE, `at most ${MAX_SUBSCRIPTIONS} webhook subscriptions; delete one first`, { max: MAX_SUBSCRIPTIONS });
}
