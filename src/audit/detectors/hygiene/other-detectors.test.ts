import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';
import { OPTIONAL_HYGIENE_DETECTORS as ARITHMETIC_OPTIONAL_DETECTORS } from './index.js';

const at = async (src: string, id: string, detectors?: typeof ARITHMETIC_OPTIONAL_DETECTORS) =>
  (await auditSource(src, 'input.sol', detectors ? { detectors } : {})).filter((f) => f.detector === `audit/${id}`).map((f) => (f.subject.kind === 'source' ? f.subject.startLine : 0));

describe('other-category detectors', () => {
  it('uninitialized-storage-pointer flags a local struct without memory in 0.4', async () => {
    const src = `pragma solidity ^0.4.19;
contract Roulette {
  uint secret;
  struct Game { address player; uint number; }
  Game[] games;
  function play(uint number) public payable {
    Game game;
    game.player = msg.sender;
    game.number = number;
    games.push(game);
    Game memory ok = Game(msg.sender, number);
  }
}`;
    expect(await at(src, 'uninitialized-storage-pointer')).toEqual([7]);
  });

  it('shadowed-state flags a redeclared inherited variable, not the fixed version', async () => {
    expect(await at(`pragma solidity 0.4.24;
contract Tokensale { uint hardcap = 10000 ether; }
contract Presale is Tokensale { uint hardcap = 1000 ether; }`, 'shadowed-state')).toEqual([3]);
    expect(await at(`pragma solidity 0.4.24;
contract Tokensale { uint hardcap = 10000 ether; }
contract Presale is Tokensale { function Presale() { hardcap = 1000 ether; } }`, 'shadowed-state')).toEqual([]);
  });

  it('typo-operator flags =+ but not = -x', async () => {
    expect(await at(`pragma solidity ^0.4.25;
contract T {
  uint n = 1;
  int m;
  function f(int x) public { n =+ 1; m = -x; }
}`, 'typo-operator')).toEqual([5]);
  });

  it('rtlo-character flags U+202E', async () => {
    expect(await at(`pragma solidity 0.4.24;\ncontract R {\n  // a \u202e b\n}`, 'rtlo-character')).toEqual([3]);
  });

  it('optional: floating pragma, deprecated constructs, short addresses', async () => {
    const src = `pragma solidity ^0.4.11;
contract MyToken {
  mapping (address => uint) balances;
  function sendCoin(address to, uint amount) returns (bool) {
    if (balances[msg.sender] < amount) throw;
    balances[msg.sender] -= amount;
    balances[to] += amount;
    return true;
  }
}`;
    expect(await at(src, 'floating-pragma', ARITHMETIC_OPTIONAL_DETECTORS)).toEqual([1]);
    expect(await at(src, 'deprecated-constructs', ARITHMETIC_OPTIONAL_DETECTORS)).toEqual([5]);
    expect(await at(src, 'short-addresses', ARITHMETIC_OPTIONAL_DETECTORS)).toEqual([4]);
    expect(await at(src.replace('^0.4.11', '0.4.25'), 'floating-pragma', ARITHMETIC_OPTIONAL_DETECTORS)).toEqual([]);
  });
});
