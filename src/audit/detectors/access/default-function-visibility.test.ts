import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/default-function-visibility');

describe('audit/default-function-visibility', () => {
  it('flags a payout helper left public by default', async () => {
    const h = await hits(`pragma solidity ^0.4.24;
contract HashForEther {
  function withdrawWinnings() {
    require(uint32(msg.sender) == 0);
    _sendWinnings();
  }
  function _sendWinnings() {
    msg.sender.transfer(this.balance);
  }
}`);
    expect(h).toHaveLength(1);
    expect(h[0]!.subject).toMatchObject({ startLine: 7 });
  });

  it('accepts an internal helper', async () => {
    expect(await hits(`pragma solidity ^0.4.24;
contract HashForEther {
  function withdrawWinnings() public { require(uint32(msg.sender) == 0); _sendWinnings(); }
  function _sendWinnings() internal { msg.sender.transfer(this.balance); }
}`)).toHaveLength(0);
  });
});
