/**
 * The OpenAPI 3.1 document of `argus serve`, built from the very JSON schemas Fastify validates requests
 * with (collected through the `onRoute` hook), so the document cannot drift from what the server accepts.
 */

export interface RouteSchema {
  summary?: string;
  description?: string;
  tags?: string[];
  body?: Record<string, unknown>;
  querystring?: Record<string, unknown>;
  params?: Record<string, unknown>;
  response?: Record<string, Record<string, unknown>>;
}

export interface CollectedRoute {
  method: string;
  url: string;
  schema?: RouteSchema;
  /** Needs an API key. */
  auth: boolean;
  /** The content type of a 200 when it is not JSON (metrics, event stream). */
  produces?: string;
}

type JsonObject = Record<string, unknown>;

function parameters(where: 'query' | 'path', schema: JsonObject | undefined): JsonObject[] {
  const props = (schema?.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((schema?.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: where, required: where === 'path' || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } },
    },
  },
};

export function openApiDocument(routes: readonly CollectedRoute[], info: { version: string }): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const r of routes) {
    if (r.method === 'HEAD' || r.method === 'OPTIONS') continue;
    const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const s = r.schema ?? {};
    const responses: JsonObject = {};
    for (const [status, schema] of Object.entries(s.response ?? {})) {
      responses[status] = { description: String((schema.description as string | undefined) ?? `HTTP ${status}`), content: { 'application/json': { schema } } };
    }
    if (r.produces) responses['200'] = { description: 'OK', content: { [r.produces]: { schema: { type: 'string' } } } };
    // A route that documents no success answers 200 (201 and 204 routes document theirs).
    if (!Object.keys(responses).some((code) => code.startsWith('2'))) responses['200'] = { description: 'OK' };
    const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
    responses['400'] = errorResponse('invalid request: the message says which field and why');
    responses['429'] = errorResponse('rate limit exceeded; retry after the `retry-after` header');
    if (r.auth) {
      responses['401'] = errorResponse('no API key given');
      responses['403'] = errorResponse('the API key is not valid');
    }
    if (s.body) responses['413'] = errorResponse('the body is larger than the limit');
    if (s.params) responses['404'] = errorResponse('no such resource');
    const op: JsonObject = {
      operationId: `${r.method.toLowerCase()}${path.replace(/\{([^}]+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      ...(s.summary ? { summary: s.summary } : {}),
      ...(s.description ? { description: s.description } : {}),
      ...(s.tags ? { tags: s.tags } : {}),
      parameters: [...parameters('path', s.params), ...parameters('query', s.querystring)],
      ...(s.body ? { requestBody: { required: true, content: { 'application/json': { schema: s.body } } } } : {}),
      responses,
      ...(r.auth ? { security: [{ bearer: [] }, { apiKey: [] }] } : {}),
    };
    paths[path] = { ...(paths[path] ?? {}), [r.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Argus API', version: info.version, description: 'Web3 security: Solidity audits, URL and post checks, chain alerts.' },
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'an API key from ARGUS_API_KEYS' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
  };
}
