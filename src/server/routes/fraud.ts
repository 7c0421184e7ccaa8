/** URL checks (GET one, POST a batch) and post checks: offline, no link is ever fetched. */
import { DomainChecker } from '../../fraud/domains/index.js';
import { IntelStore } from '../../fraud/intel/store.js';
import { checkPost, MAX_TEXT } from '../../fraud/posts/analyze.js';
import type { DomainVerdict, PostCheckRequest, PostVerdict, UrlAllowlist, UrlAllowRequest, UrlAllowResult, UrlBatchRequest, UrlBatchResult, UrlCheckQuery } from '../api-types.js';
import type { RouteContext } from '../context.js';

export const MAX_URL_BATCH = 10_000;
/** Domains one POST /urls/allowlist may add. */
export const MAX_ALLOW_BATCH = 1_000;

const urlList = { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 2048 } };
const postBody = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: {
    text: { type: 'string', maxLength: MAX_TEXT },
    id: { type: 'string', maxLength: 200 },
    author: { type: 'string', maxLength: 200 },
    createdAt: { type: 'string', format: 'date-time' },
    urls: urlList,
    history: {
      type: 'array',
      maxItems: 200,
      description: "the account's recent posts, for the hijacked-account checks",
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['text'],
        properties: { text: { type: 'string', maxLength: MAX_TEXT }, createdAt: { type: 'string', format: 'date-time' }, urls: urlList },
      },
    },
  },
};

export function fraudRoutes({ app, prefix, authed, options }: RouteContext): void {
  const domains = options.domains ?? new DomainChecker();
  for (const d of options.allowDomains ?? []) domains.allowDomain(d, 'the team allowlist');
  const intel = options.intel ?? IntelStore.create();
  const checkUrl = (url: string): DomainVerdict => domains.check(url);

  app.get<{ Querystring: UrlCheckQuery }>(
    `${prefix}/urls/check`,
    {
      schema: {
        summary: 'Check one URL or host for phishing (offline: the link is never fetched)',
        tags: ['fraud'],
        querystring: { type: 'object', additionalProperties: false, required: ['u'], properties: { u: { type: 'string', minLength: 1, maxLength: 2048, description: 'the URL or host' } } },
      },
    },
    async (request): Promise<DomainVerdict> => checkUrl(request.query.u),
  );

  app.post<{ Body: UrlBatchRequest }>(
    `${prefix}/urls/check`,
    {
      schema: {
        summary: `Check up to ${MAX_URL_BATCH} URLs or hosts`,
        tags: ['fraud'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['inputs'],
          properties: { inputs: { type: 'array', minItems: 1, maxItems: MAX_URL_BATCH, items: { type: 'string', minLength: 1, maxLength: 2048 } } },
        },
      },
      config: authed,
    },
    async (request): Promise<UrlBatchResult> => ({ results: request.body.inputs.map(checkUrl) }),
  );

  app.get(
    `${prefix}/urls/allowlist`,
    { schema: { summary: "The team's own domains: every URL check calls them (and their subdomains) benign first", tags: ['fraud'] }, config: authed },
    async (): Promise<UrlAllowlist> => ({ domains: domains.allowed() }),
  );

  app.post<{ Body: UrlAllowRequest }>(
    `${prefix}/urls/allowlist`,
    {
      schema: {
        summary: "Add domains to the team's allowlist (kept while the server runs; put them in argus.config.json fraud.allow to keep them)",
        tags: ['fraud'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['domains'],
          properties: { domains: { type: 'array', minItems: 1, maxItems: MAX_ALLOW_BATCH, items: { type: 'string', minLength: 1, maxLength: 253 } } },
        },
      },
      config: authed,
    },
    async (request): Promise<UrlAllowResult> => {
      const added: string[] = [];
      const rejected: string[] = [];
      for (const d of request.body.domains) (domains.allowDomain(d, 'the team allowlist') ? added : rejected).push(d);
      return { added, rejected, domains: domains.allowed() };
    },
  );

  app.post<{ Body: PostCheckRequest }>(
    `${prefix}/posts/check`,
    { schema: { summary: 'Is this social-media post a scam or phishing lure?', tags: ['fraud'], body: postBody }, config: authed },
    async (request): Promise<PostVerdict> => {
      const { history, ...post } = request.body;
      return checkPost(post, { checkUrl, intel, ...(history ? { history } : {}) });
    },
  );
}
