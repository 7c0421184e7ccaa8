/**
 * Webhook subscriptions: create, list, read and delete the receivers the monitor delivers alerts to
 * (`SubscriptionSink` in `argus watch`). The server never calls a subscription's URL: it checks it against
 * its destination policy at creation (public addresses only by default) and stores it; the monitor
 * delivers, and checks the address again on every connection.
 */
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import { SEVERITIES } from '../../core/finding.js';
import { formatEvent, testAlert } from '../../monitor/sinks/formats.js';
import { checkUrl } from '../../monitor/sinks/url-guard.js';
import { postSigned } from '../../monitor/sinks/webhook.js';
import {
  DETECTOR_PATTERN,
  MAX_DESCRIPTION,
  MAX_SUBSCRIPTION_DETECTORS,
  MAX_SUBSCRIPTIONS,
  MAX_TARGET,
  MAX_WEBHOOK_URL,
  subscriptionEndpoint,
  WEBHOOK_FORMATS,
  type WebhookSubscription,
} from '../../store/webhooks.js';
import type { WebhookCreateRequest, WebhookCreated, WebhookList, WebhookTestResult, WebhookWithStats } from '../api-types.js';
import type { RouteContext } from '../context.js';
import { HttpError } from '../http.js';

const subscriptionProperties = {
  id: { type: 'string' },
  url: { type: 'string' },
  minSeverity: { type: 'string', enum: [...SEVERITIES] },
  detectors: { type: 'array', items: { type: 'string' } },
  description: { type: ['string', 'null'] },
  createdAt: { type: 'string', format: 'date-time' },
  format: { type: 'string', enum: [...WEBHOOK_FORMATS] },
  target: { type: ['string', 'null'] },
};
const subscriptionFields = Object.keys(subscriptionProperties);
const withStats = {
  type: 'object',
  required: [...subscriptionFields, 'deliveries'],
  properties: {
    ...subscriptionProperties,
    deliveries: {
      type: 'object',
      required: ['pending', 'delivered', 'dead'],
      properties: { pending: { type: 'integer' }, delivered: { type: 'integer' }, dead: { type: 'integer' }, lastError: { type: 'string' } },
    },
  },
};
const created = {
  type: 'object',
  required: [...subscriptionFields, 'secret'],
  properties: { ...subscriptionProperties, secret: { type: 'string', description: 'the HMAC key of the signatures: store it, it is not shown again' } },
};
const idParams = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', pattern: '^wh_[0-9a-f]{16}$' } } };

export function webhookRoutes({ app, prefix, authed, options, needStore }: RouteContext): void {
  // The server's store (needStore answers 503 without one).
  const store = needStore;
  const withDeliveries = async (s: WebhookSubscription): Promise<WebhookWithStats> => ({ ...s, deliveries: await store().deliveryStats(subscriptionEndpoint(s.id)) });
  const found = async (id: string): Promise<WebhookSubscription> => {
    const s = await store().subscription(id);
    if (!s) throw new HttpError(404, ERROR_CODES.NOT_FOUND, `no webhook subscription ${id}`);
    return s;
  };

  app.post<{ Body: WebhookCreateRequest }>(
    `${prefix}/webhooks`,
    {
      schema: {
        summary: `Subscribe a URL to alerts (at most ${MAX_SUBSCRIPTIONS}); the response holds the signing secret, shown only this once`,
        description:
          'Deliveries are POSTs signed with HMAC-SHA256 over `<timestamp>.<body>` (headers X-Argus-Timestamp, X-Argus-Signature: sha256=<hex>, Idempotency-Key). The URL is checked against the server\'s destination policy (private, loopback and link-local addresses refused by default) but never fetched here.',
        tags: ['webhooks'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['url'],
          properties: {
            url: { type: 'string', minLength: 1, maxLength: MAX_WEBHOOK_URL, description: 'an http(s) URL' },
            minSeverity: { type: 'string', enum: [...SEVERITIES], description: 'alerts below it are not sent (default low)' },
            detectors: {
              type: 'array',
              maxItems: MAX_SUBSCRIPTION_DETECTORS,
              uniqueItems: true,
              items: { type: 'string', pattern: DETECTOR_PATTERN },
              description: 'only these detectors, e.g. monitor/large-transfer (default: all)',
            },
            description: { type: 'string', maxLength: MAX_DESCRIPTION },
            format: {
              type: 'string',
              enum: [...WEBHOOK_FORMATS],
              description: 'the payload: argus (the alert event JSON, default), slack, discord, telegram (Bot API sendMessage) or pagerduty (Events API v2)',
            },
            target: { type: 'string', maxLength: MAX_TARGET, description: "telegram: the chat id; pagerduty: the integration's routing key; none for the other formats" },
          },
        },
        response: { 201: created },
      },
      config: authed,
    },
    async (request, reply) => {
      const subs = store();
      try {
        checkUrl(request.body.url, options.webhookPolicy ?? {});
      } catch (error) {
        // An unsafe URL is the client's mistake: 400, keeping the UNSAFE_URL code and its details.
        if (error instanceof ArgusError) throw new HttpError(400, error.code, error.message, error.details);
        throw error;
      }
      try {
        return reply.status(201).send((await subs.createSubscription(request.body)) satisfies WebhookCreated);
      } catch (error) {
        // A format without its target (or a target it does not take) is the client's mistake too.
        if (error instanceof ArgusError && error.code === ERROR_CODES.USAGE) throw new HttpError(400, error.code, error.message, error.details);
        throw error;
      }
    },
  );

  app.get(
    `${prefix}/webhooks`,
    {
      schema: {
        summary: 'The webhook subscriptions with their delivery counts (secrets are never shown)',
        tags: ['webhooks'],
        response: { 200: { type: 'object', required: ['webhooks'], properties: { webhooks: { type: 'array', items: withStats } } } },
      },
      config: authed,
    },
    async (): Promise<WebhookList> => ({ webhooks: await Promise.all((await store().subscriptions()).map(withDeliveries)) }),
  );

  app.get<{ Params: { id: string } }>(
    `${prefix}/webhooks/:id`,
    { schema: { summary: 'One webhook subscription with its delivery counts', tags: ['webhooks'], params: idParams, response: { 200: withStats } }, config: authed },
    async (request): Promise<WebhookWithStats> => withDeliveries(await found(request.params.id)),
  );

  app.post<{ Params: { id: string } }>(
    `${prefix}/webhooks/:id/test`,
    {
      schema: {
        summary: "Deliver one signed test message to a subscription now, in its format, and say what the receiver answered",
        description:
          'The message is an info alert of detector argus/test, signed like every delivery; it is sent by the server itself (under its destination policy), once, without the outbox: it is not retried and not counted in the deliveries.',
        tags: ['webhooks'],
        params: idParams,
        response: {
          200: {
            type: 'object',
            required: ['delivered', 'format'],
            properties: { delivered: { type: 'boolean' }, format: { type: 'string' }, status: { type: 'integer' }, error: { type: 'string' }, ms: { type: 'integer' } },
          },
        },
      },
      config: authed,
    },
    async (request): Promise<WebhookTestResult> => {
      const subscription = (await store().activeSubscriptions()).find((s) => s.id === request.params.id);
      if (!subscription) throw new HttpError(404, ERROR_CODES.NOT_FOUND, `no webhook subscription ${request.params.id}`);
      let url: URL;
      try {
        url = checkUrl(subscription.url, options.webhookPolicy ?? {});
      } catch (error) {
        if (error instanceof ArgusError) return { delivered: false, format: subscription.format, error: `${error.code}: ${error.message}` };
        throw error;
      }
      const alert = testAlert(subscription.id);
      const body = formatEvent(subscription.format, { type: 'alert', alert }, { target: subscription.target });
      const started = Date.now();
      const result = await postSigned({ url, secret: subscription.secret, body, key: alert.id, allow: options.webhookPolicy ?? {}, timeoutMs: 10_000 });
      const ms = Date.now() - started;
      if (result.ok) return { delivered: true, format: subscription.format, status: result.status, ms };
      return { delivered: false, format: subscription.format, error: result.error, ms, ...(result.status !== undefined ? { status: result.status } : {}) };
    },
  );

  app.delete<{ Params: { id: string } }>(
    `${prefix}/webhooks/:id`,
    {
      schema: { summary: 'Delete a webhook subscription (the monitor stops delivering to it within seconds)', tags: ['webhooks'], params: idParams, response: { 204: { type: 'null', description: 'deleted' } } },
      config: authed,
    },
    async (request, reply) => {
      if (!(await store().deleteSubscription(request.params.id))) throw new HttpError(404, ERROR_CODES.NOT_FOUND, `no webhook subscription ${request.params.id}`);
      return reply.status(204).send();
    },
  );
}
