import { describe, expect, it } from 'vitest';
import { ChainState, type TxView } from '../state.js';
import type { DetectorEnv } from './detector.js';
import sanctioned from './sanctioned-counterparty.js';

const LAZARUS = '0x098b716b8aaf21512996dc57eb0615e2383e2f96';
const USER = '0x00000000000000000000000000000000000000a1';

const tx = (over: Partial<TxView>): TxView => ({
  blockNumber: 10n,
  hash: `0x${'ab'.repeat(32)}`,
  index: 0,
  from: USER,
  to: LAZARUS,
  value: 2n * 10n ** 18n,
  input: '0x',
  status: 'success',
  contractAddress: null,
  events: [],
  ...over,
});

function env(labels: [string, string][] = []): DetectorEnv {
  return { chainId: 1, state: new ChainState(), knownGood: new Set(), sanctioned: new Set([LAZARUS]), sanctionLabels: new Map(labels), tokens: new Map() };
}

describe('sanctioned-counterparty', () => {
  it('names the amount, the direction and, where the list says, whom the address is listed as', async () => {
    const [f] = await sanctioned.inspect(tx({}), null, env([[LAZARUS, 'OFAC SDN: LAZARUS GROUP']]));
    expect(f?.explanation).toBe(`2 ETH sent to sanctioned address ${LAZARUS} (OFAC SDN: LAZARUS GROUP).`);
    expect(f?.evidence).toMatchObject({ listed: LAZARUS, listedAs: 'OFAC SDN: LAZARUS GROUP', direction: 'to', value: '2000000000000000000' });
    expect(f?.tags).toContain('stage:exploitation');
  });

  it('funds out of a listed address are laundering; a user list without labels still alerts; a reverted payment does not', async () => {
    const [out] = await sanctioned.inspect(tx({ from: LAZARUS, to: USER }), null, env());
    expect(out?.explanation).toBe(`2 ETH received from sanctioned address ${LAZARUS}.`);
    expect(out?.tags).toContain('stage:laundering');
    expect(await sanctioned.inspect(tx({ status: 'reverted' }), null, env())).toEqual([]);
  });
});
