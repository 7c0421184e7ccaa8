import { describe, expect, it } from 'vitest';
import { keccak256, pad, toHex, type Address, type Hex } from 'viem';
import { readLogs, senderChanges } from './simulate.js';

const A: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const B: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const TOKEN: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const t = (sig: string) => keccak256(toHex(sig));
const at = (a: Address) => pad(a.toLowerCase() as Hex, { size: 32 });

describe('asset changes from the events of a simulated transaction', () => {
  it('tells ERC-20 from ERC-721 transfers and approvals by their indexed topics', () => {
    const { movements, permissions } = readLogs([
      { address: TOKEN, topics: [t('Transfer(address,address,uint256)'), at(A), at(B)], data: toHex(5n, { size: 32 }) },
      { address: TOKEN, topics: [t('Transfer(address,address,uint256)'), at(A), at(B), toHex(9n, { size: 32 })], data: '0x' },
      { address: TOKEN, topics: [t('Approval(address,address,uint256)'), at(A), at(B)], data: toHex(0n, { size: 32 }) },
      { address: TOKEN, topics: [t('ApprovalForAll(address,address,bool)'), at(A), at(B)], data: toHex(1n, { size: 32 }) },
    ]);
    expect(movements.map((m) => [m.standard, m.amount, m.id])).toEqual([['ERC20', 5n, undefined], ['ERC721', 1n, 9n]]);
    expect(permissions.map((p) => [p.kind, p.revoked])).toEqual([['ERC20-approve', true], ['approval-for-all', false]]);
  });

  it("nets the sender's changes per asset, with counterparties", () => {
    const changes = senderChanges(A, [
      { standard: 'ERC20', token: TOKEN, from: A, to: B, amount: 5n },
      { standard: 'ERC20', token: TOKEN, from: B, to: A, amount: 2n },
    ], -10n, B);
    expect(changes).toEqual([
      { standard: 'ETH', amount: '-10', counterparties: [B] },
      { standard: 'ERC20', token: TOKEN, amount: '-3', counterparties: [B] },
    ]);
  });
});
