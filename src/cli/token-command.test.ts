import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { unknownFlags, type TokenReport } from '../token/types.js';
import { tokenText } from './token-command.js';

const report = (over: Partial<TokenReport>): TokenReport => ({
  chainId: null,
  address: null,
  name: null,
  symbol: null,
  riskScore: 10,
  reasons: [],
  findings: [],
  flags: unknownFlags(),
  simulation: null,
  market: null,
  rugScore: null,
  notes: [],
  elapsedMs: 12,
  ...over,
});

const header = (text: string) => stripVTControlCharacters(text).split('\n')[0];

describe('argus token text report header', () => {
  it('names the token and its address on a chain', () => {
    const address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
    expect(header(tokenText(report({ chainId: 31337, address, name: 'Pepe Gold', symbol: 'PEPEG' })))).toBe(`Pepe Gold (PEPEG) ${address} on chain 31337`);
    expect(header(tokenText(report({ chainId: 1, address, symbol: 'PEPEG' })))).toBe(`PEPEG ${address} on chain 1`);
    expect(header(tokenText(report({ chainId: 1, address })))).toBe(`token ${address} on chain 1`);
  });

  it('offline, names the contract and the file it was read from', () => {
    expect(header(tokenText(report({}), { source: 'contracts/scenarios/ScamTokens.sol', contract: 'FeeOnSellToken' }))).toBe('FeeOnSellToken from contracts/scenarios/ScamTokens.sol');
    expect(header(tokenText(report({}), { bytecode: 'honeypot.hex' }))).toBe('token from the bytecode in honeypot.hex');
  });
});
