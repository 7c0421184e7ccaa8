import { describe, expect, it } from 'vitest';
import { encodeFunctionData, erc20Abi, maxUint256, parseAbi, stringToHex, type Address } from 'viem';
import { permissionsInCalldata, readMessage, readTypedData } from './decode.js';

const TOKEN: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const SPENDER: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const OWNER: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

describe('permissions in calldata', () => {
  it('reads approve, increaseAllowance, setApprovalForAll and a revocation', () => {
    const approve = permissionsInCalldata(TOKEN, encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [SPENDER, maxUint256] }));
    expect(approve).toEqual([expect.objectContaining({ kind: 'ERC20-approve', token: TOKEN, spender: SPENDER, revoked: false })]);
    const inc = permissionsInCalldata(TOKEN, encodeFunctionData({ abi: parseAbi(['function increaseAllowance(address,uint256)']), args: [SPENDER, 5n] }));
    expect(inc[0]?.kind).toBe('ERC20-increaseAllowance');
    const all = permissionsInCalldata(TOKEN, encodeFunctionData({ abi: parseAbi(['function setApprovalForAll(address,bool)']), args: [SPENDER, false] }));
    expect(all[0]).toMatchObject({ kind: 'approval-for-all', revoked: true });
  });

  it('reads Permit2 approve and approvals inside a multicall', () => {
    const p2 = permissionsInCalldata('0x000000000022D473030F116dDEE9F6B43aC78BA3', encodeFunctionData({ abi: parseAbi(['function approve(address,address,uint160,uint48)']), args: [TOKEN, SPENDER, 10n, 0] }));
    expect(p2[0]).toMatchObject({ kind: 'Permit2-allowance', token: TOKEN, spender: SPENDER });
    const inner = encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [SPENDER, 1n] });
    const multi = permissionsInCalldata(TOKEN, encodeFunctionData({ abi: parseAbi(['function multicall(bytes[])']), args: [[inner, inner]] }));
    expect(multi).toHaveLength(2);
  });

  it('finds nothing in a transfer or garbage', () => {
    expect(permissionsInCalldata(TOKEN, encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [SPENDER, 1n] }))).toEqual([]);
    expect(permissionsInCalldata(TOKEN, '0xdeadbeef')).toEqual([]);
  });
});

describe('typed data by the meaning of its fields', () => {
  it('an EIP-2612 permit names its spender and amount whatever the domain', () => {
    const r = readTypedData({ primaryType: 'Permit', domain: { name: 'Any', verifyingContract: TOKEN }, message: { owner: OWNER, spender: SPENDER, value: '100', nonce: 0, deadline: 1 } }, OWNER);
    expect(r.permissions).toEqual([expect.objectContaining({ kind: 'EIP-2612-permit', token: TOKEN, spender: SPENDER, amount: '100' })]);
  });

  it('Permit2 batch: one permission per token', () => {
    const r = readTypedData({ primaryType: 'PermitBatch', domain: { name: 'Permit2' }, message: { details: [{ token: TOKEN, amount: '1' }, { token: SPENDER, amount: '2' }], spender: OWNER, sigDeadline: 1 } }, OWNER);
    expect(r.permissions.map((p) => p.kind)).toEqual(['Permit2-allowance', 'Permit2-allowance']);
  });

  it('a Seaport order: what the offerer gives and what comes back to it', () => {
    const r = readTypedData({ domain: { name: 'Seaport' }, message: { offerer: OWNER, offer: [{ itemType: 2, token: TOKEN, identifierOrCriteria: '7', startAmount: '1', endAmount: '1' }], consideration: [{ itemType: 0, token: '0x0000000000000000000000000000000000000000', identifierOrCriteria: '0', startAmount: '5', endAmount: '3', recipient: OWNER }, { itemType: 0, token: '0x0000000000000000000000000000000000000000', startAmount: '1', endAmount: '1', recipient: SPENDER }] } }, OWNER);
    expect(r.order?.gives[0]).toMatchObject({ standard: 'ERC721', id: '7' });
    expect(r.order?.receives).toEqual([{ token: 'ETH', amount: '3' }]); // the least of a declining price
    expect(r.order?.otherRecipients).toEqual([SPENDER]);
  });

  it('a meta-transaction carrying setApprovalForAll is a permission; a vote is inert', () => {
    const data = encodeFunctionData({ abi: parseAbi(['function setApprovalForAll(address,bool)']), args: [SPENDER, true] });
    const meta = readTypedData({ primaryType: 'ForwardRequest', domain: { verifyingContract: TOKEN }, message: { from: OWNER, to: TOKEN, value: 0, gas: 1, nonce: 0, data } }, OWNER);
    expect(meta.permissions[0]).toMatchObject({ kind: 'approval-for-all', spender: SPENDER, source: 'signature' });
    expect(readTypedData({ primaryType: 'Vote', domain: { name: 'snapshot' }, message: { from: OWNER, choice: 1 } }, OWNER).inert).toBe(true);
  });
});

describe('messages to sign', () => {
  it('text is readable, a 32-byte hash is opaque', () => {
    expect(readMessage(stringToHex('Sign in to the dashboard'))).toMatchObject({ opaque: false, text: 'Sign in to the dashboard' });
    expect(readMessage(`0x${'ab'.repeat(32)}`)).toMatchObject({ opaque: true, bytes: 32 });
  });
});
