/**
 * Triage: what the team decided about an alert or an incident (status, assignee, a snooze, notes). Reads
 * are open like the other alert reads; every change needs the API key and is recorded in the item's
 * history with who (the `by` name given, and the digest of the key used) and when.
 */
import type { FastifyRequest } from 'fastify';
import { ERROR_CODES } from '../../core/errors.js';
import type { Store } from '../../store/store.js';
import type { TriageBulkRequest, TriageBulkResult, TriageKind, TriageRecord, TriageRequest, TriageStatus } from '../api-types.js';
import type { RouteContext } from '../context.js';
import { HttpError } from '../http.js';

export const TRIAGE_STATUSES: readonly TriageStatus[] = ['open', 'acknowledged', 'resolved', 'muted'];
/** Items one bulk action may change (a page of the feed at most). */
export const MAX_TRIAGE_BULK = 500;
export const MAX_NOTE = 4000;

const ID_PATTERN: Record<TriageKind, string> = { alert: '^[0-9a-f]{32}$', incident: '^incident-[0-9a-f]{16}$' };

const changeFields = {
  status: { type: 'string', enum: [...TRIAGE_STATUSES] },
  mutedUntil: { type: ['string', 'null'], format: 'date-time', description: 'with status muted: when the mute ends (a snooze); absent or null: until unmuted' },
  assignee: { type: ['string', 'null'], minLength: 1, maxLength: 100, description: 'null unassigns' },
  note: { type: 'string', minLength: 1, maxLength: MAX_NOTE },
  by: { type: 'string', minLength: 1, maxLength: 100, description: 'who is acting; recorded with the digest of the key used' },
};
const stateSchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: [...TRIAGE_STATUSES] },
    assignee: { type: ['string', 'null'] },
    mutedUntil: { type: ['string', 'null'] },
    updatedAt: { type: 'string' },
    updatedBy: { type: 'string' },
    notes: { type: 'integer' },
  },
};
const recordSchema = {
  type: 'object',
  required: ['triage', 'history'],
  properties: {
    triage: { anyOf: [stateSchema, { type: 'null' }] },
    history: {
      type: 'array',
      items: { type: 'object', properties: { at: { type: 'string' }, actor: { type: 'string' }, action: { type: 'string', enum: ['status', 'assignee', 'note'] }, value: { type: ['string', 'null'] }, previous: { type: ['string', 'null'] } } },
    },
  },
};

/** The change a request asks for, checked beyond its schema: a snooze end must be a time to come. */
function changeOf(body: TriageRequest): Parameters<Store['applyTriage']>[2] {
  if (body.status === undefined && body.assignee === undefined && body.note === undefined) {
    throw new HttpError(400, ERROR_CODES.USAGE, 'nothing to change: give a status, an assignee or a note');
  }
  if (body.mutedUntil !== undefined && body.mutedUntil !== null && body.status !== 'muted') throw new HttpError(400, ERROR_CODES.USAGE, 'mutedUntil goes with status "muted"');
  let mutedUntil: string | null = null;
  if (body.mutedUntil) {
    const t = new Date(body.mutedUntil);
    if (Number.isNaN(t.getTime())) throw new HttpError(400, ERROR_CODES.USAGE, 'mutedUntil is not a date-time');
    if (t.getTime() <= Date.now()) throw new HttpError(400, ERROR_CODES.USAGE, 'mutedUntil is in the past: a snooze ends later than now');
    mutedUntil = t.toISOString();
  }
  return {
    ...(body.status !== undefined ? { status: body.status, ...(body.status === 'muted' ? { mutedUntil } : {}) } : {}),
    ...(body.assignee !== undefined ? { assignee: body.assignee === null ? null : body.assignee.trim() } : {}),
    ...(body.note !== undefined ? { note: body.note } : {}),
  };
}

export function triageRoutes(ctx: RouteContext): void {
  const { app, prefix, authed, needStore } = ctx;
  /** Who: the name the client gave, and which key (its digest), so a name cannot hide the key used. */
  const actorOf = (request: FastifyRequest, by: string | undefined) => {
    const key = ctx.clientOf(request).id;
    return by ? `${by.trim()} (${key})` : key;
  };
  const exists = async (store: Store, kind: TriageKind, id: string) => (kind === 'alert' ? (await store.getAlert(id)) !== null : (await store.newestIncidentAlert(id)) !== null);
  const record = async (store: Store, kind: TriageKind, id: string): Promise<TriageRecord> => ({
    triage: (await store.triageOf(kind, [id])).get(id) ?? null,
    history: await store.triageHistory(kind, id),
  });

  for (const [kind, path] of [
    ['alert', 'alerts'],
    ['incident', 'incidents'],
  ] as const) {
    const params = { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', pattern: ID_PATTERN[kind] } } };
    app.get<{ Params: { id: string } }>(
      `${prefix}/${path}/:id/triage`,
      { schema: { summary: `The triage of one ${kind} (status, assignee, snooze, notes) and its history with who and when`, tags: ['triage'], params, response: { 200: recordSchema } } },
      async (request): Promise<TriageRecord> => {
        const store = needStore();
        if (!(await exists(store, kind, request.params.id))) throw new HttpError(404, ERROR_CODES.NOT_FOUND, `no ${kind} ${request.params.id}`);
        return record(store, kind, request.params.id);
      },
    );
    app.post<{ Params: { id: string }; Body: TriageRequest }>(
      `${prefix}/${path}/:id/triage`,
      {
        config: authed,
        schema: {
          summary: `Change the triage of one ${kind}: status (open, acknowledged, resolved, muted with an optional end), assignee, a note; audited`,
          tags: ['triage'],
          params,
          body: { type: 'object', additionalProperties: false, properties: changeFields },
          response: { 200: recordSchema },
        },
      },
      async (request): Promise<TriageRecord> => {
        const store = needStore();
        const change = changeOf(request.body);
        if (!(await exists(store, kind, request.params.id))) throw new HttpError(404, ERROR_CODES.NOT_FOUND, `no ${kind} ${request.params.id}`);
        await store.applyTriage(kind, [request.params.id], change, actorOf(request, request.body.by));
        return record(store, kind, request.params.id);
      },
    );
  }

  app.post<{ Body: TriageBulkRequest }>(
    `${prefix}/triage`,
    {
      config: authed,
      schema: {
        summary: `One triage change to many alerts or incidents at once (at most ${MAX_TRIAGE_BULK}), all or none; audited per item`,
        tags: ['triage'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'ids'],
          properties: {
            kind: { type: 'string', enum: ['alert', 'incident'] },
            ids: { type: 'array', minItems: 1, maxItems: MAX_TRIAGE_BULK, uniqueItems: true, items: { type: 'string', maxLength: 40 } },
            ...changeFields,
          },
        },
        response: { 200: { type: 'object', required: ['updated', 'triage'], properties: { updated: { type: 'integer' }, triage: { type: 'object', additionalProperties: stateSchema } } } },
      },
    },
    async (request): Promise<TriageBulkResult> => {
      const store = needStore();
      const { kind, ids, by } = request.body;
      const change = changeOf(request.body);
      const pattern = new RegExp(ID_PATTERN[kind]);
      const bad = ids.filter((id) => !pattern.test(id));
      if (bad.length > 0) throw new HttpError(400, ERROR_CODES.USAGE, `not ${kind} ids: ${bad.slice(0, 5).join(', ')}`, { invalid: bad.slice(0, 20) });
      const missing: string[] = [];
      for (const id of ids) if (!(await exists(store, kind, id))) missing.push(id);
      // All or none: a bulk action that silently skipped some would leave the team believing they were done.
      if (missing.length > 0) throw new HttpError(404, ERROR_CODES.NOT_FOUND, `no ${kind} ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}: nothing changed`, { missing: missing.slice(0, 50) });
      const states = await store.applyTriage(kind, ids, change, actorOf(request, by));
      return { updated: ids.length, triage: Object.fromEntries(states) };
    },
  );
}
