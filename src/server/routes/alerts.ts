/**
 * Alerts: filtered pages, counts for charts, one alert, the incident it belongs to, and the live stream
 * (server-sent events). Incidents: the list and one incident with its alerts (see ../incidents.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import { SEVERITIES } from '../../core/finding.js';
import type { LiveSubscription } from '../../monitor/sinks/live.js';
import { jsonText, type JsonText } from '../alert-query.js';
import type { AlertCounts, AlertEvent, AlertFilterQuery, AlertIncident, AlertListQuery, AlertPage, AlertSummary, AlertSummaryQuery, IncidentDetail, IncidentListQuery, IncidentPage, StoredAlert, ValueAtRisk } from '../api-types.js';
import type { RouteContext } from '../context.js';
import { HttpError, uintString } from '../http.js';
import { IncidentReader } from '../incidents.js';
import { alertPageJson, searchWords } from '../alert-query.js';
import { TRIAGE_STATUSES } from './triage.js';

export const MAX_ALERT_PAGE = 500;
const anyObject = { type: 'object', additionalProperties: true };
const alertId = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[0-9a-f]{32}$', description: '32 hex characters' } } };
const countsBySeverity = { type: 'object', properties: Object.fromEntries(SEVERITIES.map((s) => [s, { type: 'integer' }])) };
const incidentSummary = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    chainId: { type: 'integer' },
    title: { type: 'string' },
    severity: { type: 'string', enum: [...SEVERITIES] },
    confidence: { type: 'number' },
    stages: { type: 'array', items: { type: 'string' } },
    kinds: { type: 'array', items: { type: 'string' } },
    actors: { type: 'array', items: { type: 'string' } },
    firstBlock: { type: 'integer' },
    lastBlock: { type: 'integer' },
    alertCount: { type: 'integer' },
    updatedAt: { type: 'string' },
    triage: { type: 'object', additionalProperties: true, description: "the team's triage; absent: never triaged (open)" },
  },
};

/** The paging and chain fields both listings take (alerts and incidents, newest first). */
const pageFields = {
  chainId: uintString('only this chain', 10),
  limit: uintString(`page size, 1..${MAX_ALERT_PAGE} (default 100)`, 4),
  cursor: { type: 'string', minLength: 1, maxLength: 64, description: "the previous page's nextCursor" },
};

/** The page size asked for (default 100), or a 400 outside 1..MAX_ALERT_PAGE. */
function pageLimit(limit: string | undefined): number {
  const n = limit === undefined ? 100 : Number(limit);
  if (n < 1 || n > MAX_ALERT_PAGE) throw new ArgusError(ERROR_CODES.USAGE, `querystring/limit must be between 1 and ${MAX_ALERT_PAGE}`, { limit });
  return n;
}

/** The filters of an alert listing and of its counts. */
const alertFilterFields = {
  chainId: uintString('only this chain', 10),
  detector: { type: 'string', minLength: 1, maxLength: 100, description: 'only this detector, e.g. monitor/large-transfer' },
  severity: { type: 'string', enum: [...SEVERITIES], description: 'only this severity' },
  since: uintString('only alerts at this block number or later'),
  includeRetracted: { type: 'string', enum: ['true', 'false'], description: 'also alerts a reorg retracted (default false)' },
  status: { type: 'string', enum: [...TRIAGE_STATUSES], description: 'only alerts of this triage status, as of now (a snooze that ended is open)' },
  q: { type: 'string', maxLength: 900, description: 'search: space-separated words (at most 8), each of which the alert must contain, case-insensitive' },
};

/** The store's filter for the query's filter fields. */
function filterOf(q: AlertFilterQuery) {
  return {
    ...(q.chainId !== undefined ? { chainId: Number(q.chainId) } : {}),
    ...(q.detector !== undefined ? { detector: q.detector } : {}),
    ...(q.severity !== undefined ? { severity: q.severity } : {}),
    ...(q.since !== undefined ? { sinceBlock: Number(q.since) } : {}),
    ...(q.status !== undefined ? { status: q.status } : {}),
    ...(q.q !== undefined ? { q: q.q } : {}),
    includeRetracted: q.includeRetracted === 'true',
  };
}

export function alertRoutes(ctx: RouteContext): void {
  const { app, prefix, options, metrics, needStore } = ctx;
  const incidents = () => new IncidentReader(needStore());

  app.get<{ Querystring: AlertListQuery }>(
    `${prefix}/alerts`,
    {
      schema: {
        summary: 'Alerts raised by the monitor, newest first, with a cursor for the next page',
        tags: ['alerts'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...pageFields, ...alertFilterFields },
        },
        response: {
          200: {
            type: 'object',
            required: ['alerts', 'nextCursor', 'triage'],
            properties: { alerts: { type: 'array', items: anyObject }, nextCursor: { type: ['string', 'null'] }, triage: { type: 'object', description: 'the triage of the alerts on the page that have any, by alert id', additionalProperties: anyObject } },
          },
        },
      },
    },
    async (request, reply) => {
      const store = needStore();
      const q = request.query;
      const limit = pageLimit(q.limit);
      const page = await alertPageJson(store, { limit, ...filterOf(q), ...(q.cursor !== undefined ? { cursor: q.cursor } : {}) });
      ctx.servedAlerts(page.count);
      // Already JSON (the stored alerts as they are): sent as text, not through the serializer.
      return reply.type('application/json; charset=utf-8').send(page.json satisfies JsonText<AlertPage>);
    },
  );

  app.get<{ Querystring: AlertFilterQuery }>(
    `${prefix}/alerts/counts`,
    {
      schema: {
        summary: 'How many alerts a filter matches (the same filters as GET /alerts), per severity and per triage status',
        tags: ['alerts'],
        querystring: { type: 'object', additionalProperties: false, properties: alertFilterFields },
        response: {
          200: {
            type: 'object',
            required: ['total', 'bySeverity', 'byStatus'],
            properties: {
              total: { type: 'integer' },
              bySeverity: { ...countsBySeverity, description: 'with every filter but the severity' },
              byStatus: { type: 'object', description: 'with every filter but the status', properties: Object.fromEntries(TRIAGE_STATUSES.map((s) => [s, { type: 'integer' }])) },
            },
          },
        },
      },
    },
    async (request): Promise<AlertCounts> => {
      const { sinceBlock, q, ...f } = filterOf(request.query);
      const words = searchWords(q);
      return needStore().alertCounts({ ...f, ...(sinceBlock !== undefined ? { fromBlock: sinceBlock } : {}), ...(words.length > 0 ? { words } : {}) });
    },
  );

  app.get<{ Querystring: AlertSummaryQuery }>(
    `${prefix}/alerts/summary`,
    {
      schema: {
        summary: 'Alert counts per severity, per detector and per block bucket (retracted alerts left out), for charts',
        tags: ['alerts'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            chainId: uintString('only this chain', 10),
            buckets: uintString('buckets over the whole range (of blocks, and of time), 1..200 (default 40)', 3),
            range: { type: 'string', enum: ['1h', '24h', '7d', 'all'], description: 'only alerts raised in the last hour, day or week (default all); the time buckets then run to now' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['total', 'bySeverity', 'byDetector', 'overTime'],
            properties: {
              total: { type: 'integer' },
              bySeverity: countsBySeverity,
              byDetector: { type: 'array', items: { type: 'object', properties: { detector: { type: 'string' }, count: { type: 'integer' } } } },
              overTime: { type: 'array', items: { type: 'object', properties: { fromBlock: { type: 'integer' }, toBlock: { type: 'integer' }, counts: countsBySeverity } } },
              overTimeByTime: { type: 'array', items: { type: 'object', properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' }, counts: countsBySeverity } } },
            },
          },
        },
      },
    },
    async (request): Promise<AlertSummary> => {
      const buckets = request.query.buckets === undefined ? 40 : Number(request.query.buckets);
      if (buckets < 1 || buckets > 200) throw new ArgusError(ERROR_CODES.USAGE, 'querystring/buckets must be between 1 and 200', { buckets: request.query.buckets });
      const rangeMs = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 }[request.query.range ?? 'all' as string];
      return needStore().alertSummary({
        buckets,
        ...(request.query.chainId !== undefined ? { chainId: Number(request.query.chainId) } : {}),
        ...(rangeMs !== undefined ? { since: new Date(Date.now() - rangeMs).toISOString() } : {}),
      });
    },
  );

  const streams = new Set<LiveSubscription>();
  const maxStreams = options.maxStreams ?? 100;
  // Slots only a client with a valid key may take: a crowd of key-less clients cannot lock out the operator.
  const keylessSlots = maxStreams - Math.max(1, Math.ceil(maxStreams / 10));
  const perClient = options.maxStreamsPerClient ?? 8;
  const streamsOf = new Map<string, number>();
  let keylessStreams = 0;
  metrics.gauge('argus_live_clients', 'Clients connected to the live alert stream.', () => streams.size);
  app.addHook('preClose', async () => {
    for (const s of [...streams]) await s.return?.();
  });
  app.get(
    `${prefix}/alerts/stream`,
    { schema: { summary: 'Live alerts and retractions as server-sent events (event: alert | retraction)', tags: ['alerts'] }, config: { produces: 'text/event-stream' } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const live = options.live;
      if (!live) throw new HttpError(503, ERROR_CODES.UNAVAILABLE, 'no live alert stream in this server');
      const client = ctx.clientOf(request);
      if ((streamsOf.get(client.id) ?? 0) >= perClient) throw new HttpError(429, ERROR_CODES.RATE_LIMITED, `this client already holds ${perClient} live streams; close one first`);
      if (streams.size >= maxStreams || (!client.keyed && keylessStreams >= keylessSlots)) {
        throw new HttpError(503, ERROR_CODES.UNAVAILABLE, client.keyed ? 'too many live-stream clients; retry later' : 'the live-stream slots for clients without an API key are taken; retry later or send a key');
      }
      const sub = live.subscribe({ bufferSize: 1000 });
      streams.add(sub);
      streamsOf.set(client.id, (streamsOf.get(client.id) ?? 0) + 1);
      if (!client.keyed) keylessStreams++;
      let released = false;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(': argus live alert stream\n\n');
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      heartbeat.unref();
      const stop = () => {
        clearInterval(heartbeat);
        streams.delete(sub);
        if (!released) {
          released = true;
          const left = (streamsOf.get(client.id) ?? 1) - 1;
          if (left > 0) streamsOf.set(client.id, left);
          else streamsOf.delete(client.id);
          if (!client.keyed) keylessStreams--;
        }
        void sub.return?.();
      };
      request.raw.on('close', stop);
      res.on('close', stop);
      void (async () => {
        for await (const event of sub as AsyncIterable<AlertEvent>) {
          const id = event.type === 'alert' ? event.alert.id : `${event.retraction.alertId}:retraction`;
          if (event.type === 'alert') ctx.servedAlerts(1);
          res.write(`event: ${event.type}\nid: ${id}\ndata: ${jsonText(event)}\n\n`);
        }
        stop();
        res.end();
      })();
    },
  );

  app.get<{ Params: { id: string } }>(
    `${prefix}/alerts/:id`,
    { schema: { summary: 'One alert by id', tags: ['alerts'], params: alertId, response: { 200: anyObject } } },
    async (request): Promise<StoredAlert> => {
      const alert = await needStore().getAlert(request.params.id);
      if (!alert) throw new HttpError(404, ERROR_CODES.NOT_FOUND, `no alert ${request.params.id}`);
      ctx.servedAlerts(1);
      return alert;
    },
  );

  app.get<{ Params: { id: string } }>(
    `${prefix}/alerts/:id/incident`,
    { schema: { summary: 'The incident an alert belongs to', tags: ['alerts'], params: alertId, response: { 200: { type: 'object', required: ['incident'], properties: { incident: incidentSummary } } } } },
    async (request): Promise<AlertIncident> => {
      const alert = await needStore().getAlert(request.params.id);
      if (!alert) throw new HttpError(404, ERROR_CODES.NOT_FOUND, `no alert ${request.params.id}`);
      const incident = await incidents().ofAlert(alert);
      if (!incident) throw new HttpError(404, ERROR_CODES.NOT_FOUND, `alert ${request.params.id} is not part of an incident`);
      return { incident };
    },
  );

  app.get<{ Querystring: IncidentListQuery }>(
    `${prefix}/incidents`,
    {
      schema: {
        summary: 'Incidents (alerts the monitor joined by shared actors), most recently grown first, with a cursor for the next page',
        tags: ['alerts'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...pageFields,
            severity: { type: 'string', enum: [...SEVERITIES], description: "only incidents of this severity (the incident's own, as its stages add up)" },
            status: { type: 'string', enum: [...TRIAGE_STATUSES], description: 'only incidents of this triage status, as of now' },
          },
        },
        response: { 200: { type: 'object', required: ['incidents', 'nextCursor'], properties: { incidents: { type: 'array', items: incidentSummary }, nextCursor: { type: ['string', 'null'] } } } },
      },
    },
    async (request): Promise<IncidentPage> => {
      const q = request.query;
      return await incidents().list({
        limit: pageLimit(q.limit),
        ...(q.chainId !== undefined ? { chainId: Number(q.chainId) } : {}),
        ...(q.severity !== undefined ? { severity: q.severity } : {}),
        ...(q.status !== undefined ? { status: q.status } : {}),
        ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
      });
    },
  );

  app.get<{ Querystring: { chainId?: string } }>(
    `${prefix}/incidents/value-at-risk`,
    {
      schema: {
        summary: "What the open incidents put at stake: per asset, the largest amount each incident's alerts recorded, summed; in USD and ETH where a price is known, with what could not be priced listed",
        tags: ['alerts'],
        querystring: { type: 'object', additionalProperties: false, properties: { chainId: pageFields.chainId } },
        response: {
          200: {
            type: 'object',
            required: ['openIncidents', 'more', 'usd', 'eth', 'assets', 'unpriced', 'withoutAmount'],
            properties: {
              openIncidents: { type: 'integer' },
              more: { type: 'boolean' },
              usd: { type: 'number' },
              eth: { type: 'number' },
              unpriced: { type: 'integer' },
              withoutAmount: { type: 'integer' },
              assets: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    asset: { type: 'string' },
                    symbol: { type: ['string', 'null'] },
                    decimals: { type: ['integer', 'null'] },
                    raw: { type: 'string' },
                    amount: { type: ['number', 'null'] },
                    usd: { type: ['number', 'null'] },
                    eth: { type: ['number', 'null'] },
                    incidents: { type: 'integer' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (request): Promise<ValueAtRisk> => incidents().valueAtRisk(options.prices ?? {}, 200, request.query.chainId !== undefined ? Number(request.query.chainId) : undefined),
  );

  app.get<{ Params: { id: string } }>(
    `${prefix}/incidents/:id`,
    {
      schema: {
        summary: 'One incident with its alerts in block order',
        tags: ['alerts'],
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^incident-[0-9a-f]{16}$' } } },
        response: { 200: { type: 'object', required: ['incident', 'alerts'], properties: { incident: incidentSummary, alerts: { type: 'array', items: anyObject } } } },
      },
    },
    async (request): Promise<IncidentDetail> => {
      const found = await incidents().get(request.params.id);
      if (!found) throw new HttpError(404, ERROR_CODES.NOT_FOUND, `no incident ${request.params.id}`);
      ctx.servedAlerts(found.alerts);
      return found;
    },
  );
}
