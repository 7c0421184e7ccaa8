import { describe, expect, it } from 'vitest';
import { toDay } from './history.js';
import { historyFromSnapshots, parseListText, type Snapshot } from './snapshots.js';
import { bundledSanctionsHistory } from './bundled.js';

const LAZARUS = '0x098b716b8aaf21512996dc57eb0615e2383e2f96';

describe('sanctions history', () => {
  it('dates a listing from the date-added column and a delisting from a later snapshot of the same series', () => {
    const early: Snapshot = { series: 'u', date: '2024-01-01', source: 'u@1', entries: parseListText('date_added,address,name\n2022-08-08,0x00000000000000000000000000000000000000aa,"TORNADO CASH"\n2023-01-05,0x00000000000000000000000000000000000000bb,"SOMEONE, A"\n') };
    const late: Snapshot = { series: 'u', date: '2026-01-01', source: 'u@2', entries: parseListText('address,name\n0x00000000000000000000000000000000000000bb,"SOMEONE, A"\n0x00000000000000000000000000000000000000cc,"NEW ENTITY"\n') };
    const h = historyFromSnapshots([late, early]);
    const tc = '0x00000000000000000000000000000000000000aa';
    expect(h.screen(tc, '2022-08-07').status).toBe('not-listed');
    expect(h.screen(tc, '2022-08-08').status).toBe('listed');
    expect(h.screen(tc, '2025-03-20').status).toBe('listed');
    // The published day of the Tornado Cash delisting narrows the window the snapshots leave.
    expect(h.screen(tc, '2025-03-21').status).toBe('delisted');
    expect(h.screen('0x00000000000000000000000000000000000000bb', '2025-06-01').status).toBe('listed');
    // Added between two snapshots on an unknown day: before, unknown in between, listed after.
    const cc = '0x00000000000000000000000000000000000000cc';
    expect(h.screen(cc, '2023-12-31').status).toBe('not-listed');
    expect(h.screen(cc, '2025-01-01')).toMatchObject({ status: 'unknown' });
    expect(h.screen(cc, '2026-01-01').status).toBe('listed');
    expect(h.screen('0x00000000000000000000000000000000000000dd', '2026-01-01').status).toBe('not-listed');
  });

  it('does not read a delisting into two different compilers disagreeing', () => {
    const a: Snapshot = { series: 'a', date: '2024-01-01', source: 'a', entries: [{ address: '0x00000000000000000000000000000000000000aa' }] };
    const b: Snapshot = { series: 'b', date: '2025-01-01', source: 'b', entries: [] };
    expect(historyFromSnapshots([a, b]).screen('0x00000000000000000000000000000000000000aa', '2026-01-01').status).toBe('listed');
  });

  it('screens the bundled OFAC history: Lazarus listed, Tornado Cash listed in 2023 and delisted in 2025', () => {
    const h = bundledSanctionsHistory();
    expect(h.screen(LAZARUS, '2023-01-01')).toMatchObject({ status: 'listed' });
    expect(h.screen(LAZARUS, '2023-01-01').listing?.name).toBe('LAZARUS GROUP');
    const tc = h.listings().find((l) => l.name === 'TORNADO CASH');
    expect(tc?.listed.on).toBe('2022-08-08');
    expect(h.screen(tc!.address, '2023-06-01').status).toBe('listed');
    expect(h.screen(tc!.address, '2025-04-01').status).toBe('delisted');
    expect(h.screen(tc!.address, '2022-01-01').status).toBe('not-listed');
  });

  it('reads days from dates, date-times and UNIX seconds, and refuses garbage', () => {
    expect(toDay('2024-05-01')).toBe('2024-05-01');
    expect(toDay('2024-05-01T23:59:00Z')).toBe('2024-05-01');
    expect(toDay(1_700_000_000)).toBe('2023-11-14');
    expect(() => toDay('yesterday')).toThrow(/not a date/);
  });
});
