import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/weak-randomness').map((f) => (f.subject.kind === 'source' ? f.subject.startLine : 0));

describe('audit/weak-randomness', () => {
  it('flags a hashed block value and the reads that feed it', async () => {
    const lines = await hits(`pragma solidity ^0.4.24;
library Deck {
  function deal(address player, uint8 n) internal returns (uint8) {
    uint b = block.number;
    uint ts = block.timestamp;
    return uint8(uint256(keccak256(blockhash(b), player, n, ts)) % 52);
  }
}`);
    expect(lines).toEqual(expect.arrayContaining([4, 5, 6]));
  });

  it('flags a private seed initialised from the timestamp and mixed with block.number', async () => {
    const lines = await hits(`pragma solidity ^0.4.25;
contract Rng {
  uint256 private salt = block.timestamp;
  function random(uint max) view private returns (uint256) {
    uint256 seed = block.number / 3 + (salt % 300);
    return uint256(blockhash(seed)) % max;
  }
}`);
    expect(lines).toEqual(expect.arrayContaining([3, 5, 6]));
  });

  it('flags block.number % 2 deciding a bet', async () => {
    expect(await hits(`pragma solidity ^0.4.0;
contract Lottery {
  function makeBet() payable {
    bool won = (block.number % 2) == 0;
    if (won) msg.sender.transfer(msg.value * 2);
  }
}`)).toEqual([4]);
  });

  it('does not flag a committed future blockhash read inside the 256-block window', async () => {
    expect(await hits(`pragma solidity ^0.4.25;
contract Guess {
  uint8 guessed; uint commitBlock; address guesser;
  function guess(uint8 g) public payable { guessed = g; commitBlock = block.number; guesser = msg.sender; }
  function recover() public {
    require(block.number > commitBlock + 20 && commitBlock + 20 > block.number - 256);
    if (uint(blockhash(commitBlock + 20)) == guessed) msg.sender.transfer(2 ether);
  }
}`)).toEqual([]);
  });

  it('does not flag period arithmetic or ids hashed with the timestamp', async () => {
    expect(await hits(`pragma solidity ^0.8.0;
contract Orders {
  mapping(bytes32 => address) public orders;
  uint public start;
  function place() external { bytes32 id = keccak256(abi.encodePacked(msg.sender, block.timestamp)); orders[id] = msg.sender; }
  function epoch() external view returns (uint) { return (block.number - start) % 100; }
  function align() external view returns (uint) { return block.number - (block.number % 10); }
}`)).toEqual([]);
  });
});
