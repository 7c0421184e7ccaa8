import { describe, expect, it } from 'vitest';
import { auditSource } from '../../audit-source.js';

const hits = async (src: string) => (await auditSource(src)).filter((f) => f.detector === 'audit/unhidden-player-choice').map((f) => (f.subject.kind === 'source' ? f.subject.startLine : 0));

describe('audit/unhidden-player-choice', () => {
  it('flags a game storing plain moves that decide the winner', async () => {
    expect(await hits(`pragma solidity ^0.4.2;
contract OddsAndEvens {
  struct Player { address addr; uint number; }
  Player[2] public players;
  uint8 tot;
  function play(uint number) payable {
    if (msg.value != 1 ether) throw;
    players[tot] = Player(msg.sender, number);
    tot++;
    if (tot == 2) andTheWinnerIs();
  }
  function andTheWinnerIs() private {
    uint n = players[0].number + players[1].number;
    if (n % 2 == 0) players[0].addr.send(1800 finney);
    else players[1].addr.send(1800 finney);
    delete players;
    tot = 0;
  }
}`)).toEqual([8]);
  });
  it('does not flag commitments', async () => {
    expect(await hits(`pragma solidity ^0.4.2;
contract Commit {
  struct Player { address addr; bytes32 commitment; }
  Player[2] public players;
  uint8 tot;
  function play(bytes32 commitment) payable { players[tot] = Player(msg.sender, commitment); tot++; }
}`)).toEqual([]);
  });
});
