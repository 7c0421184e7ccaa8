/**
 * The API types module the dashboard shares (src/server/api-types.ts) and the JSON-text helpers the alert
 * page is built with. The type-level side (routes typed against the shared shapes, the shapes declared
 * there identical to their homes) is checked by `npm run typecheck` (src/server/api-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import * as apiTypes from '../src/server/api-types.js';
import { jsonArray, jsonObject, jsonText, type JsonText } from '../src/server/alert-query.js';
import type { AlertPage, StoredAlert } from '../src/server/api-types.js';

describe('src/server/api-types.ts', () => {
  it('has no run-time exports, so the dashboard bundles nothing of it', () => {
    expect(Object.keys(apiTypes)).toEqual([]);
  });
});

describe('JSON text of an alert page', () => {
  const alert: StoredAlert = {
    id: '0'.repeat(32),
    finding: { detector: 'monitor/x', title: 'T "quoted"', severity: 'high', confidence: 0.5, tags: [], subject: { kind: 'post' }, explanation: 'e', evidence: { n: 1 } },
    chainId: 1,
    blockNumber: 7,
    blockHash: '0xab',
    createdAt: '2024-01-01T00:00:00.000Z',
    retractedAt: '2024-01-02T00:00:00.000Z',
  };

  it('is byte for byte what JSON.stringify gives for the same page', () => {
    for (const [alerts, nextCursor] of [
      [[], null],
      [[alert], 'czoxMg'],
      [[alert, { ...alert, id: '1'.repeat(32) }], null],
    ] as [StoredAlert[], string | null][]) {
      const text = jsonObject<AlertPage>({ alerts: jsonArray(alerts.map((a) => jsonText(a))), nextCursor: jsonText(nextCursor), triage: jsonText({}) });
      expect(text).toBe(JSON.stringify({ alerts, nextCursor, triage: {} } satisfies AlertPage));
    }
  });

  it('keeps stored JSON text as it is', () => {
    const stored = '{"id":"x",  "spacing":"kept"}' as JsonText<StoredAlert>;
    expect(jsonObject<AlertPage>({ alerts: jsonArray([stored]), nextCursor: jsonText(null), triage: jsonText({}) })).toBe(`{"alerts":[${stored}],"nextCursor":null,"triage":{}}`);
  });
});
