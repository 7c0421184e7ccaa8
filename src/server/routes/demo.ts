/**
 * GET /demo/attacks: in the `npm start` demo only, the attacks the simulator ran (ground truth the monitor
 * never sees) and, for each, whether the monitor's alerts caught it and how early. Elsewhere a 404.
 */
import { SEVERITIES } from '../../core/finding.js';
import { ERROR_CODES } from '../../core/errors.js';
import type { DemoAttacks } from '../api-types.js';
import type { RouteContext } from '../context.js';
import { HttpError } from '../http.js';

const count = { type: 'integer' };
const nullableInt = { type: ['integer', 'null'] };
const verdict = {
  type: 'object',
  properties: {
    attackId: { type: 'string' },
    kind: { type: 'string' },
    description: { type: 'string' },
    blockRange: { type: 'array', items: count },
    caught: { type: 'boolean' },
    alerts: count,
    detectors: { type: 'array', items: { type: 'string' } },
    firstAlertBlock: nullableInt,
    exploitationBlock: nullableInt,
    leadBlocks: nullableInt,
    timing: { type: 'string' },
    incidentId: { type: ['string', 'null'] },
    severity: { type: ['string', 'null'], enum: [...SEVERITIES, null] },
    judgedAt: { type: 'string' },
  },
};

export function demoRoutes({ app, prefix, options }: RouteContext): void {
  app.get(
    `${prefix}/demo/attacks`,
    {
      schema: {
        summary: "The demo's simulated attacks, newest first, each judged against the alerts (demo only)",
        tags: ['demo'],
        response: {
          200: {
            type: 'object',
            required: ['summary', 'attacks'],
            properties: { summary: { type: 'object', properties: { attacks: count, caught: count, early: count, pending: count } }, attacks: { type: 'array', items: verdict } },
          },
        },
      },
    },
    async (): Promise<DemoAttacks> => {
      const board = options.scoreboard;
      if (!board) throw new HttpError(404, ERROR_CODES.NOT_FOUND, 'this server is not running the demo (argus demo / npm start)');
      return { summary: board.summary(), attacks: board.verdicts() };
    },
  );
}
