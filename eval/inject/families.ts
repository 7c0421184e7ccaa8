import type { Dialect, Syntax } from './syntax.js';
import { ROUND2 } from './families-r2.js';

/**
 * The bug families of the injection benchmark (the SolidiFI method: many syntactic variants of each bug
 * class, injected into real contracts, labelled by construction).
 *
 * FROZEN: these families were written, and their splits chosen, before any detector was changed for
 * them (issue 15). Changing a family changes the benchmark: add new families instead, and say so.
 *
 * Splits: every family says `split` itself. At least a third of each class is 'heldout': those results
 * are printed but never used to tune a detector. Held-out families, by class:
 *   reentrancy            call-result-write, counter-after-call, write-in-modifier, inherited-balance,
 *                         read-only-view, storage-pointer, ternary-result-write
 *   timestamp             local-copy-modulo, modifier-time-gate, blockhash-xor-seed, loop-winner,
 *                         bool-helper-claim
 *   tod                   fee-setter, plain-choice-game, inherited-reward, rate-sell
 *   arithmetic            uint8-level, callee-add, burn-supply, time-addition, unchecked-mul-08
 *   unhandled-exception   result-unused, callee-send, call-with-gas, modifier-refund
 *   unchecked-send        call-value-drain, callee-send, useless-guard, param-guard
 *   tx-origin             assert-origin, helper-origin, inherited-owner, origin-or-admin
 *
 * Markers: `«` and `»` enclose the lines that are the bug (the vulnerable function, modifier or pair of
 * functions). A finding of the right class must touch them for the bug to count as found.
 */

export type BugClass = 'reentrancy' | 'timestamp' | 'tod' | 'arithmetic' | 'unhandled-exception' | 'unchecked-send' | 'tx-origin';
export const BUG_CLASSES: BugClass[] = ['reentrancy', 'timestamp', 'tod', 'arithmetic', 'unhandled-exception', 'unchecked-send', 'tx-origin'];

export type Split = 'dev' | 'heldout';

export interface Snippet {
  /** Members placed inside the host contract, before its closing brace. */
  members: string;
  /** A contract the host is made to inherit from (inherited-state families). */
  base?: { name: string; code: string };
  /** Top-level declarations placed before the host contract (interfaces). */
  before?: string;
}

export interface Family {
  id: string;
  cls: BugClass;
  split: Split;
  /** Dialects the family renders in; `['0.8']` forces 0.8 syntax whatever the host. */
  dialects: Dialect[];
  description: string;
  render(v: Syntax, s: string): Snippet;
  /** 2 for the round-2 families (families-r2.ts); round 1 otherwise. */
  round?: 2;
  /** A round-1 held-out family whose score was read in session 1: now counted as development. */
  seen?: boolean;
}

const BOTH: Dialect[] = ['0.4', '0.5'];
const ONLY04: Dialect[] = ['0.4'];
const ONLY08: Dialect[] = ['0.8'];

function fam(cls: BugClass, id: string, split: Split, dialects: Dialect[], description: string, render: Family['render']): Family {
  return { id, cls, split, dialects, description, render };
}

// ---------------------------------------------------------------- reentrancy (SWC-107)
const REENTRANCY: Family[] = [
  fam('reentrancy', 'call-value-classic', 'dev', BOTH, 'balance checked, paid with call.value, then decremented', (v, s) => ({
    members: `
    mapping(address => uint256) balances${s};
    function deposit${s}() public payable { balances${s}[msg.sender] += msg.value; }
«    function withdraw${s}(uint256 amount) public {
        require(balances${s}[msg.sender] >= amount);
        ${v.callValue('msg.sender', 'amount', 'ok')}
        require(ok);
        balances${s}[msg.sender] -= amount;
    }»`,
  })),
  fam('reentrancy', 'call-result-write', 'heldout', BOTH, 'the balance is zeroed only if the call succeeded', (v, s) => ({
    members: `
    mapping(address => uint256) credit${s};
«    function claim${s}() public {
        uint256 amount = credit${s}[msg.sender];
        ${v.callValue('msg.sender', 'amount', 'success')}
        if (success) {
            credit${s}[msg.sender] = 0;
        }
    }»`,
  })),
  fam('reentrancy', 'send-then-write', 'dev', BOTH, 'send (2,300 gas) then the balance is written', (v, s) => ({
    members: `
    mapping(address => uint256) pending${s};
«    function withdrawPending${s}(uint256 amount) public {
        require(pending${s}[msg.sender] >= amount);
        if (${v.sender}.send(amount)) {
            pending${s}[msg.sender] -= amount;
        }
    }»`,
  })),
  fam('reentrancy', 'transfer-then-write', 'dev', BOTH, 'transfer (2,300 gas) then the balance is zeroed', (v, s) => ({
    members: `
    mapping(address => uint256) owed${s};
«    function cashOut${s}() public {
        uint256 amount = owed${s}[msg.sender];
        require(amount > 0);
        ${v.sender}.transfer(amount);
        owed${s}[msg.sender] = 0;
    }»`,
  })),
  fam('reentrancy', 'flag-after-call', 'dev', BOTH, 'a one-shot claimed flag set after the payment', (v, s) => ({
    members: `
    mapping(address => bool) claimed${s};
    uint256 bonus${s} = 1 ether;
«    function claimBonus${s}() public {
        require(!claimed${s}[msg.sender]);
        ${v.callValue('msg.sender', `bonus${s}`, 'ok')}
        require(ok);
        claimed${s}[msg.sender] = true;
    }»`,
  })),
  fam('reentrancy', 'counter-after-call', 'heldout', BOTH, 'a per-user counter limits payouts but is bumped after the call', (v, s) => ({
    members: `
    mapping(address => uint256) payouts${s};
«    function collect${s}() public {
        require(payouts${s}[msg.sender] < 3);
        ${v.callValue('msg.sender', '0.1 ether', 'sent')}
        require(sent);
        payouts${s}[msg.sender] += 1;
    }»`,
  })),
  fam('reentrancy', 'write-in-callee', 'dev', BOTH, 'the balance is written by an internal function called after the call', (v, s) => ({
    members: `
    mapping(address => uint256) funds${s};
«    function debit${s}(address who, uint256 amount) internal {
        funds${s}[who] -= amount;
    }
    function take${s}(uint256 amount) public {
        require(funds${s}[msg.sender] >= amount);
        ${v.callValue('msg.sender', 'amount', 'ok')}
        require(ok);
        debit${s}(msg.sender, amount);
    }»`,
  })),
  fam('reentrancy', 'write-in-modifier', 'heldout', BOTH, 'a modifier zeroes the balance after the function body has paid', (v, s) => ({
    members: `
    mapping(address => uint256) stash${s};
«    modifier settles${s}() {
        _;
        stash${s}[msg.sender] = 0;
    }
    function withdrawStash${s}() public settles${s} {
        require(stash${s}[msg.sender] > 0);
        ${v.callValue('msg.sender', `stash${s}[msg.sender]`, 'ok')}
        require(ok);
    }»`,
  })),
  fam('reentrancy', 'call-with-data', 'dev', BOTH, 'a low-level call with caller-chosen target and data, credit cleared after', (v, s) => ({
    members: `
    mapping(address => uint256) allowanceOf${s};
«    function execute${s}(address target, ${v.bytesParam} data) public {
        require(allowanceOf${s}[msg.sender] > 0);
        ${v.callData('target', 'data', 'ok')}
        require(ok);
        allowanceOf${s}[msg.sender] = 0;
    }»`,
  })),
  fam('reentrancy', 'loop-payout', 'dev', BOTH, 'payees paid in a loop, each owed amount cleared after its call', (v, s) => ({
    members: `
    address${v.ap}[] payees${s};
    mapping(address => uint256) due${s};
«    function payAll${s}() public {
        for (uint256 i = 0; i < payees${s}.length; i++) {
            address${v.ap} p = payees${s}[i];
            ${v.callValue('p', `due${s}[p]`, 'ok')}
            if (ok) {
                due${s}[p] = 0;
            }
        }
    }»`,
  })),
  fam('reentrancy', 'inherited-balance', 'heldout', BOTH, 'the balance mapping is declared in a base contract', (v, s) => ({
    base: { name: `InjLedger${s}`, code: `contract InjLedger${s} {\n    mapping(address => uint256) internal deposits${s};\n}\n` },
    members: `
«    function withdrawDeposit${s}() public {
        uint256 amount = deposits${s}[msg.sender];
        ${v.callValue('msg.sender', 'amount', 'ok')}
        require(ok);
        deposits${s}[msg.sender] = 0;
    }»`,
  })),
  fam('reentrancy', 'cross-function', 'dev', BOTH, 'withdraw pays before zeroing; a transfer function moves the stale balance', (v, s) => ({
    members: `
    mapping(address => uint256) shares${s};
    function moveShares${s}(address to, uint256 amount) public {
        require(shares${s}[msg.sender] >= amount);
        shares${s}[to] += amount;
        shares${s}[msg.sender] -= amount;
    }
«    function redeemShares${s}() public {
        uint256 amount = shares${s}[msg.sender];
        ${v.callValue('msg.sender', 'amount', 'ok')}
        require(ok);
        shares${s}[msg.sender] = 0;
    }»`,
  })),
  fam('reentrancy', 'read-only-view', 'heldout', BOTH, 'a total used by a view is updated after the call', (v, s) => ({
    members: `
    mapping(address => uint256) staked${s};
    uint256 totalStaked${s};
    function sharePrice${s}() public ${v.view} returns (uint256) {
        return ${v.balance} / (totalStaked${s} + 1);
    }
«    function unstake${s}() public {
        uint256 amount = staked${s}[msg.sender];
        staked${s}[msg.sender] = 0;
        ${v.callValue('msg.sender', 'amount', 'ok')}
        require(ok);
        totalStaked${s} -= amount;
    }»`,
  })),
  fam('reentrancy', 'event-reorder', 'dev', BOTH, 'effects done before the call, only the event is emitted after it', (v, s) => ({
    members: `
    mapping(address => uint256) vault${s};
    event Withdrawn${s}(address who, uint256 amount);
«    function withdrawVault${s}(uint256 amount) public {
        require(vault${s}[msg.sender] >= amount);
        vault${s}[msg.sender] -= amount;
        ${v.callValue('msg.sender', 'amount', 'ok')}
        require(ok);
        emit Withdrawn${s}(msg.sender, amount);
    }»`,
  })),
  fam('reentrancy', 'high-level-hook', 'dev', BOTH, 'a hook on the caller contract is called before its reward is cleared', (_v, s) => ({
    before: `interface IInjReceiver${s} {\n    function onReward${s}(uint256 amount) external;\n}\n`,
    members: `
    mapping(address => uint256) rewards${s};
«    function notifyReward${s}() public {
        uint256 amount = rewards${s}[msg.sender];
        require(amount > 0);
        IInjReceiver${s}(msg.sender).onReward${s}(amount);
        rewards${s}[msg.sender] = 0;
    }»`,
  })),
  fam('reentrancy', 'storage-pointer', 'heldout', BOTH, 'the balance is cleared through a storage pointer to a struct', (v, s) => ({
    members: `
    struct Account${s} { uint256 balance; uint256 lastSeen; }
    mapping(address => Account${s}) accounts${s};
«    function close${s}() public {
        Account${s} storage acc = accounts${s}[msg.sender];
        ${v.callValue('msg.sender', 'acc.balance', 'ok')}
        require(ok);
        acc.balance = 0;
    }»`,
  })),
  fam('reentrancy', 'delete-after-call', 'dev', BOTH, 'the entry is deleted after the call', (v, s) => ({
    members: `
    mapping(address => uint256) escrow${s};
«    function release${s}() public {
        uint256 amount = escrow${s}[msg.sender];
        ${v.callValue('msg.sender', 'amount', 'ok')}
        require(ok);
        delete escrow${s}[msg.sender];
    }»`,
  })),
  fam('reentrancy', 'call-braces-08', 'dev', ONLY08, '0.8 call{value:} with a require message, then the decrement', (v, s) => ({
    members: `
    mapping(address => uint256) balanceOf${s};
«    function withdrawBalance${s}(uint256 amount) public {
        require(balanceOf${s}[msg.sender] >= amount, "insufficient");
        (bool ok, ) = payable(msg.sender).call{value: amount}("");
        require(ok, "transfer failed");
        balanceOf${s}[msg.sender] -= amount;
    }»`,
  })),
  fam('reentrancy', 'ternary-result-write', 'heldout', BOTH, 'the balance is written with a ternary on the call result', (v, s) => ({
    members: `
    mapping(address => uint256) holdings${s};
«    function exit${s}() public {
        ${v.callValue('msg.sender', `holdings${s}[msg.sender]`, 'ok')}
        holdings${s}[msg.sender] = ok ? 0 : holdings${s}[msg.sender];
    }»`,
  })),
  fam('reentrancy', 'param-target', 'dev', BOTH, 'pays a caller-chosen address with call.value before debiting it', (v, s) => ({
    members: `
    mapping(address => uint256) claimable${s};
«    function payout${s}(address${v.ap} to, uint256 amount) public {
        require(claimable${s}[to] >= amount);
        ${v.callValue('to', 'amount', 'ok')}
        require(ok);
        claimable${s}[to] -= amount;
    }»`,
  })),
];

// ---------------------------------------------------------------- timestamp dependence (SWC-116, and SWC-120 when it seeds randomness)
const TIMESTAMP: Family[] = [
  fam('timestamp', 'modulo-lottery', 'dev', BOTH, 'the whole balance goes to whoever plays when now % 15 == 0', (v, s) => ({
    members: `
    uint256 pastBlockTime${s};
«    function play${s}() public payable {
        require(msg.value == 0.1 ether);
        require(${v.now} != pastBlockTime${s});
        pastBlockTime${s} = ${v.now};
        if (${v.now} % 15 == 0) {
            ${v.sender}.transfer(${v.balance});
        }
    }»`,
  })),
  fam('timestamp', 'equality-winner', 'dev', BOTH, 'the winner is whoever calls at an exact timestamp', (_v, s) => ({
    members: `
    uint256 startTime${s};
    address winner${s};
«    function tryWin${s}() public {
        if (startTime${s} + 5 days == block.timestamp) {
            winner${s} = msg.sender;
        }
    }»`,
  })),
  fam('timestamp', 'local-copy-modulo', 'heldout', BOTH, 'the timestamp is copied to a local, whose parity pays out', (v, s) => ({
    members: `
    uint256 prize${s} = 0.5 ether;
«    function spin${s}() public {
        uint256 t = block.timestamp;
        if (t % 2 == 0) {
            ${v.sender}.transfer(prize${s});
        }
    }»`,
  })),
  fam('timestamp', 'helper-time', 'dev', BOTH, 'an internal helper returns now; its value picks the winner', (v, s) => ({
    members: `
    address winner${s};
«    function currentTime${s}() internal ${v.view} returns (uint256) {
        return ${v.now};
    }
    function draw${s}() public {
        if (currentTime${s}() % 7 == 0) {
            winner${s} = msg.sender;
        }
    }»`,
  })),
  fam('timestamp', 'hash-random', 'dev', BOTH, 'a hash of the timestamp and sender is the random number', (v, s) => ({
    members: `
    uint256 jackpot${s};
«    function gamble${s}() public payable {
        require(msg.value >= 0.01 ether);
        uint256 rand = uint256(keccak256(abi.encodePacked(block.timestamp, msg.sender))) % 100;
        if (rand < 10) {
            ${v.sender}.transfer(jackpot${s});
        }
    }»`,
  })),
  fam('timestamp', 'stored-time-window', 'dev', BOTH, 'the last player wins the pot once a short time has passed (GovernMental)', (v, s) => ({
    members: `
    uint256 lastPlay${s};
    address${v.ap} lastPlayer${s};
    function bid${s}() public payable {
        require(msg.value > 0);
        lastPlay${s} = ${v.now};
        lastPlayer${s} = ${v.sender};
    }
«    function finish${s}() public {
        if (${v.now} - lastPlay${s} > 1 minutes) {
            lastPlayer${s}.transfer(${v.balance});
        }
    }»`,
  })),
  fam('timestamp', 'modifier-time-gate', 'heldout', BOTH, 'a modifier lets calls through only on even seconds', (v, s) => ({
    members: `
«    modifier onEvenSecond${s}() {
        require(${v.now} % 2 == 0);
        _;
    }
    function luckyWithdraw${s}() public onEvenSecond${s} {
        ${v.sender}.transfer(0.01 ether);
    }»`,
  })),
  fam('timestamp', 'blockhash-xor-seed', 'heldout', BOTH, 'a seed mixes the previous blockhash with the timestamp', (v, s) => ({
    members: `
    address winner${s};
«    function pickWinner${s}() public {
        uint256 seed = uint256(blockhash(block.number - 1)) ^ ${v.now};
        if (seed % 10 == 0) {
            winner${s} = msg.sender;
        }
    }»`,
  })),
  fam('timestamp', 'inherited-opening', 'dev', BOTH, 'an opening time declared in a base contract is compared for equality', (_v, s) => ({
    base: { name: `InjClock${s}`, code: `contract InjClock${s} {\n    uint256 internal openedAt${s};\n}\n` },
    members: `
    address firstIn${s};
«    function enterAtOpening${s}() public {
        if (block.timestamp == openedAt${s} + 1 days) {
            firstIn${s} = msg.sender;
        }
    }»`,
  })),
  fam('timestamp', 'loop-winner', 'heldout', BOTH, 'a loop picks the player whose index matches the time', (v, s) => ({
    members: `
    address[] players${s};
    address chosen${s};
«    function choose${s}() public {
        for (uint256 i = 0; i < players${s}.length; i++) {
            if ((${v.now} + i) % players${s}.length == 0) {
                chosen${s} = players${s}[i];
            }
        }
    }»`,
  })),
  fam('timestamp', 'braces-08', 'dev', ONLY08, '0.8: block.timestamp parity decides a call{value:} payout', (_v, s) => ({
    members: `
    uint256 reward${s} = 1 ether;
«    function roll${s}() public {
        if (block.timestamp % 10 == 0) {
            (bool ok, ) = payable(msg.sender).call{value: reward${s}}("");
            require(ok, "failed");
        }
    }»`,
  })),
  fam('timestamp', 'bool-helper-claim', 'heldout', BOTH, 'a public view says whether now is a winning second; claim requires it', (v, s) => ({
    members: `
    uint256 pot${s};
«    function isWinningTime${s}() public ${v.view} returns (bool) {
        return block.timestamp % 60 == 0;
    }
    function claimPot${s}() public {
        require(isWinningTime${s}());
        ${v.sender}.transfer(pot${s});
    }»`,
  })),
  fam('timestamp', 'random-index', 'dev', BOTH, 'the timestamp modulo the number of entrants indexes the winner', (v, s) => ({
    members: `
    address${v.ap}[] entrants${s};
«    function raffle${s}() public {
        require(entrants${s}.length > 0);
        uint256 index = ${v.now} % entrants${s}.length;
        entrants${s}[index].transfer(${v.balance});
    }»`,
  })),
];

// ---------------------------------------------------------------- transaction order dependence (SWC-114)
const TOD: Family[] = [
  fam('tod', 'winner-reward', 'dev', BOTH, 'whoever sends the solution becomes the winner; anyone pays the winner (SolidiFI)', (v, s) => ({
    members: `
    address${v.ap} winner${s};
    bytes32 solutionHash${s};
«    function play${s}(${v.bytesParam} guess) public {
        if (keccak256(guess) == solutionHash${s}) {
            winner${s} = ${v.sender};
        }
    }
    function getReward${s}() public payable {
        winner${s}.transfer(msg.value);
    }»`,
  })),
  fam('tod', 'mutable-reward', 'dev', BOTH, 'the owner can change the reward while a claim is pending (SWC-114 example)', (v, s) => ({
    members: `
    address${v.ap} rewardOwner${s} = ${v.sender};
    bool claimed${s};
    uint256 reward${s};
«    function setReward${s}() public payable {
        require(!claimed${s});
        require(msg.sender == rewardOwner${s});
        rewardOwner${s}.transfer(reward${s});
        reward${s} = msg.value;
    }
    function claimReward${s}(uint256 submission) public {
        require(!claimed${s});
        require(submission < 10);
        ${v.sender}.transfer(reward${s});
        claimed${s} = true;
    }»`,
  })),
  fam('tod', 'solution-reward', 'dev', BOTH, 'the first to submit a preimage is paid; the answer is visible in the mempool', (v, s) => ({
    members: `
    bytes32 answerHash${s} = 0xb5b5b97fafd9855eec9b41f74dfb6c38f5951141f9a3ecd7f44d5479b630ee0a;
«    function solve${s}(${v.bytesParam} solution) public {
        require(answerHash${s} == keccak256(solution));
        ${v.sender}.transfer(1 ether);
    }»`,
  })),
  fam('tod', 'price-setter', 'dev', BOTH, 'the owner can change the price between a buyer sending and the buy executing', (_v, s) => ({
    members: `
    address priceAdmin${s} = msg.sender;
    uint256 price${s} = 1 finney;
    mapping(address => uint256) bought${s};
«    function setPrice${s}(uint256 newPrice) public {
        require(msg.sender == priceAdmin${s});
        price${s} = newPrice;
    }
    function buy${s}() public payable {
        uint256 amount = msg.value / price${s};
        bought${s}[msg.sender] += amount;
    }»`,
  })),
  fam('tod', 'approve-race', 'dev', BOTH, 'ERC-20 approve overwrites the allowance (double-spend by front-running)', (_v, s) => ({
    members: `
    mapping(address => mapping(address => uint256)) allowed${s};
    mapping(address => uint256) tokenBalance${s};
«    function approveSpender${s}(address spender, uint256 value) public returns (bool) {
        allowed${s}[msg.sender][spender] = value;
        return true;
    }»
    function spendFrom${s}(address from, address to, uint256 value) public returns (bool) {
        require(allowed${s}[from][msg.sender] >= value && tokenBalance${s}[from] >= value);
        allowed${s}[from][msg.sender] -= value;
        tokenBalance${s}[from] -= value;
        tokenBalance${s}[to] += value;
        return true;
    }`,
  })),
  fam('tod', 'fee-setter', 'heldout', BOTH, 'the owner can raise the fee just before a swap executes', (v, s) => ({
    members: `
    address feeAdmin${s} = msg.sender;
    uint256 feePercent${s} = 1;
«    function setFee${s}(uint256 percent) public {
        require(msg.sender == feeAdmin${s});
        feePercent${s} = percent;
    }
    function swapOut${s}() public payable {
        uint256 fee = msg.value * feePercent${s} / 100;
        ${v.sender}.transfer(msg.value - fee);
    }»`,
  })),
  fam('tod', 'plain-choice-game', 'heldout', BOTH, 'players submit their move in the clear; the second sees the first', (v, s) => ({
    members: `
    address${v.ap}[2] gamers${s};
    uint8[2] moves${s};
    uint256 joined${s};
«    function playMove${s}(uint8 move) public payable {
        require(msg.value == 0.1 ether && joined${s} < 2 && move < 3);
        gamers${s}[joined${s}] = ${v.sender};
        moves${s}[joined${s}] = move;
        joined${s} += 1;
        if (joined${s} == 2) {
            uint256 w = (3 + moves${s}[0] - moves${s}[1]) % 3 == 1 ? 0 : 1;
            gamers${s}[w].transfer(${v.balance});
            joined${s} = 0;
        }
    }»`,
  })),
  fam('tod', 'bounty-modifier', 'dev', BOTH, 'a modifier checks the bounty is open; the owner may swap the bounty amount', (v, s) => ({
    members: `
    address bountyOwner${s} = msg.sender;
    uint256 bounty${s};
    bool open${s} = true;
    modifier whileOpen${s}() {
        require(open${s});
        _;
    }
«    function updateBounty${s}(uint256 amount) public whileOpen${s} {
        require(msg.sender == bountyOwner${s});
        bounty${s} = amount;
    }
    function claimBounty${s}(uint256 proof) public whileOpen${s} {
        require(proof % 97 == 1);
        open${s} = false;
        ${v.sender}.transfer(bounty${s});
    }»`,
  })),
  fam('tod', 'inherited-reward', 'heldout', BOTH, 'the reward lives in a base contract; owner resets it while claims race', (v, s) => ({
    base: { name: `InjPrize${s}`, code: `contract InjPrize${s} {\n    uint256 internal prize${s};\n    address internal prizeOwner${s} = msg.sender;\n}\n` },
    members: `
«    function resetPrize${s}() public payable {
        require(msg.sender == prizeOwner${s});
        prize${s} = msg.value;
    }
    function winPrize${s}(uint256 answer) public {
        require(answer * answer == 144);
        ${v.sender}.transfer(prize${s});
    }»`,
  })),
  fam('tod', 'braces-08', 'dev', ONLY08, '0.8: mutable reward paid with call{value:}', (_v, s) => ({
    members: `
    address rewardAdmin${s} = msg.sender;
    uint256 payout${s};
«    function setPayout${s}(uint256 amount) external {
        require(msg.sender == rewardAdmin${s}, "admin");
        payout${s} = amount;
    }
    function submit${s}(uint256 guess) external {
        require(guess % 13 == 5, "wrong");
        (bool ok, ) = payable(msg.sender).call{value: payout${s}}("");
        require(ok, "failed");
    }»`,
  })),
  fam('tod', 'rate-sell', 'heldout', BOTH, 'the owner can change the buy-back rate before a sell executes', (v, s) => ({
    members: `
    address rateAdmin${s} = msg.sender;
    uint256 rate${s} = 100;
    mapping(address => uint256) units${s};
«    function setRate${s}(uint256 r) public {
        require(msg.sender == rateAdmin${s});
        rate${s} = r;
    }
    function sellUnits${s}(uint256 amount) public {
        require(units${s}[msg.sender] >= amount);
        units${s}[msg.sender] -= amount;
        ${v.sender}.transfer(amount * rate${s});
    }»`,
  })),
];

// ---------------------------------------------------------------- integer overflow / underflow (SWC-101)
const ARITHMETIC: Family[] = [
  fam('arithmetic', 'lock-time-increase', 'dev', BOTH, 'a user adds any number of seconds to their lock time (SolidiFI)', (v, s) => ({
    members: `
    mapping(address => uint256) lockTime${s};
«    function increaseLockTime${s}(uint256 secondsToIncrease) public {
        lockTime${s}[msg.sender] += secondsToIncrease;
    }»
    function withdrawLocked${s}() public {
        require(${v.now} > lockTime${s}[msg.sender]);
        lockTime${s}[msg.sender] = 0;
    }`,
  })),
  fam('arithmetic', 'underflow-check', 'dev', BOTH, 'a check that a difference of uints is >= 0, then the subtraction', (v, s) => ({
    members: `
    mapping(address => uint256) balances${s};
«    function withdrawAmount${s}(uint256 amount) public {
        require(balances${s}[msg.sender] - amount >= 0);
        balances${s}[msg.sender] -= amount;
        ${v.sender}.transfer(amount);
    }»`,
  })),
  fam('arithmetic', 'batch-multiply', 'dev', BOTH, 'count times value overflows so a batch transfer costs nothing (BEC)', (_v, s) => ({
    members: `
    mapping(address => uint256) tokenBalances${s};
«    function batchTransfer${s}(address[] memory receivers, uint256 value) public {
        uint256 cnt = receivers.length;
        uint256 amount = cnt * value;
        require(cnt > 0 && cnt <= 20);
        require(tokenBalances${s}[msg.sender] >= amount);
        tokenBalances${s}[msg.sender] -= amount;
        for (uint256 i = 0; i < cnt; i++) {
            tokenBalances${s}[receivers[i]] += value;
        }
    }»`,
  })),
  fam('arithmetic', 'uint8-level', 'heldout', BOTH, 'a uint8 level plus a caller-chosen step wraps', (_v, s) => ({
    members: `
    mapping(address => uint8) level${s};
«    function levelUp${s}(uint8 steps) public {
        uint8 current = level${s}[msg.sender];
        current = current + steps;
        level${s}[msg.sender] = current;
    }»`,
  })),
  fam('arithmetic', 'price-multiply', 'dev', BOTH, 'n * price overflows so many units are bought for little', (_v, s) => ({
    members: `
    uint256 unitPrice${s} = 1 finney;
    mapping(address => uint256) units${s};
«    function buyUnits${s}(uint256 n) public payable {
        require(msg.value == n * unitPrice${s});
        units${s}[msg.sender] += n;
    }»`,
  })),
  fam('arithmetic', 'unchecked-sub-08', 'dev', ONLY08, '0.8: an unchecked block subtracts without a balance check', (_v, s) => ({
    members: `
    mapping(address => uint256) credits${s};
«    function spend${s}(uint256 amount) external {
        unchecked {
            credits${s}[msg.sender] -= amount;
        }
    }»`,
  })),
  fam('arithmetic', 'callee-add', 'heldout', BOTH, 'an internal add helper without a check is fed a caller value', (_v, s) => ({
    members: `
    mapping(address => uint256) points${s};
«    function plus${s}(uint256 a, uint256 b) internal pure returns (uint256) {
        return a + b;
    }
    function addPoints${s}(uint256 amount) public {
        points${s}[msg.sender] = plus${s}(points${s}[msg.sender], amount);
    }»`,
  })),
  fam('arithmetic', 'loop-sum', 'dev', BOTH, 'a sum of caller amounts in a loop wraps below the balance check', (_v, s) => ({
    members: `
    mapping(address => uint256) ledger${s};
«    function multiSend${s}(address[] memory to, uint256[] memory amounts) public {
        uint256 total = 0;
        for (uint256 i = 0; i < amounts.length; i++) {
            total += amounts[i];
        }
        require(ledger${s}[msg.sender] >= total);
        ledger${s}[msg.sender] -= total;
        for (uint256 j = 0; j < to.length; j++) {
            ledger${s}[to[j]] += amounts[j];
        }
    }»`,
  })),
  fam('arithmetic', 'burn-supply', 'heldout', BOTH, 'burn subtracts from balance and supply without checks', (_v, s) => ({
    members: `
    uint256 supply${s};
    mapping(address => uint256) held${s};
«    function burn${s}(uint256 value) public {
        held${s}[msg.sender] -= value;
        supply${s} -= value;
    }»`,
  })),
  fam('arithmetic', 'inherited-points', 'dev', BOTH, 'points declared in a base contract are redeemed without a check', (v, s) => ({
    base: { name: `InjPoints${s}`, code: `contract InjPoints${s} {\n    mapping(address => uint256) internal loyalty${s};\n}\n` },
    members: `
«    function redeem${s}(uint256 cost) public {
        loyalty${s}[msg.sender] = loyalty${s}[msg.sender] - cost;
        ${v.sender}.transfer(cost);
    }»`,
  })),
  fam('arithmetic', 'time-addition', 'heldout', BOTH, 'now plus a caller-chosen duration wraps to the past', (v, s) => ({
    members: `
    mapping(address => uint256) unlockAt${s};
«    function lockFor${s}(uint256 duration) public {
        unlockAt${s}[msg.sender] = ${v.now} + duration;
    }»`,
  })),
  fam('arithmetic', 'compound-mul', 'dev', BOTH, 'a balance is multiplied by a caller factor in place', (_v, s) => ({
    members: `
    mapping(address => uint256) stakeOf${s};
«    function boost${s}(uint256 factor) public {
        require(factor > 1);
        stakeOf${s}[msg.sender] *= factor;
    }»`,
  })),
  fam('arithmetic', 'unchecked-mul-08', 'heldout', ONLY08, '0.8: the cost is computed in an unchecked block', (_v, s) => ({
    members: `
    uint256 ticketPrice${s} = 0.01 ether;
    mapping(address => uint256) tickets${s};
«    function buyTickets${s}(uint256 n) external payable {
        uint256 cost;
        unchecked {
            cost = n * ticketPrice${s};
        }
        require(msg.value >= cost, "pay");
        tickets${s}[msg.sender] += n;
    }»`,
  })),
];

// ---------------------------------------------------------------- unhandled exceptions (SWC-104)
const UNHANDLED: Family[] = [
  fam('unhandled-exception', 'send-unchecked', 'dev', BOTH, 'the result of send is dropped after the balance was debited', (v, s) => ({
    members: `
    mapping(address => uint256) refunds${s};
«    function refund${s}(uint256 amount) public {
        require(refunds${s}[msg.sender] >= amount);
        refunds${s}[msg.sender] -= amount;
        ${v.sender}.send(amount);
    }»`,
  })),
  fam('unhandled-exception', 'call-value-unchecked', 'dev', BOTH, 'a call with value whose result is dropped', (v, s) => ({
    members: `
    mapping(address => uint256) deposits${s};
«    function withdrawDeposits${s}() public {
        uint256 amount = deposits${s}[msg.sender];
        deposits${s}[msg.sender] = 0;
        ${v.callValueIgnored('msg.sender', 'amount')}
    }»`,
  })),
  fam('unhandled-exception', 'call-data-unchecked', 'dev', BOTH, 'a notification call with data whose failure is ignored', (v, s) => ({
    members: `
    address${v.ap} registry${s};
«    function register${s}(uint256 amount) public {
        registry${s}.call(abi.encodeWithSignature("notify(address,uint256)", msg.sender, amount));
    }»`,
  })),
  fam('unhandled-exception', 'delegatecall-unchecked', 'dev', BOTH, 'a delegatecall to a library whose failure is ignored', (_v, s) => ({
    members: `
    address logic${s};
«    function upgradeState${s}() public {
        logic${s}.delegatecall(abi.encodeWithSignature("migrate()"));
    }»`,
  })),
  fam('unhandled-exception', 'callcode-unchecked', 'dev', ONLY04, '0.4 callcode whose failure is ignored', (_v, s) => ({
    members: `
    address helper${s};
«    function runHelper${s}() public {
        helper${s}.callcode(bytes4(keccak256("run()")));
    }»`,
  })),
  fam('unhandled-exception', 'result-unused', 'heldout', BOTH, 'the call result is stored in a local and never read', (v, s) => ({
    members: `
    mapping(address => uint256) winnings${s};
«    function collectWinnings${s}() public {
        uint256 amount = winnings${s}[msg.sender];
        winnings${s}[msg.sender] = 0;
        ${v.callValue('msg.sender', 'amount', 'sent')}
    }»`,
  })),
  fam('unhandled-exception', 'loop-send', 'dev', BOTH, 'payees are sent their share in a loop without checking', (v, s) => ({
    members: `
    address${v.ap}[] members${s};
«    function distribute${s}() public {
        uint256 share = ${v.balance} / (members${s}.length + 1);
        for (uint256 i = 0; i < members${s}.length; i++) {
            members${s}[i].send(share);
        }
    }»`,
  })),
  fam('unhandled-exception', 'callee-send', 'heldout', BOTH, 'an internal pay helper drops the send result', (v, s) => ({
    members: `
    mapping(address => uint256) earned${s};
«    function pay${s}(address${v.ap} to, uint256 amount) internal {
        to.send(amount);
    }
    function claimEarned${s}() public {
        uint256 amount = earned${s}[msg.sender];
        earned${s}[msg.sender] = 0;
        pay${s}(${v.sender}, amount);
    }»`,
  })),
  fam('unhandled-exception', 'braces-08', 'dev', ONLY08, '0.8 call{value:} whose result is dropped', (_v, s) => ({
    members: `
    mapping(address => uint256) owedTo${s};
«    function settle${s}() external {
        uint256 amount = owedTo${s}[msg.sender];
        owedTo${s}[msg.sender] = 0;
        payable(msg.sender).call{value: amount}("");
    }»`,
  })),
  fam('unhandled-exception', 'call-with-gas', 'heldout', BOTH, 'a call with a gas limit and value whose result is dropped', (v, s) => ({
    members: `
    mapping(address => uint256) tips${s};
«    function sendTip${s}() public {
        uint256 amount = tips${s}[msg.sender];
        tips${s}[msg.sender] = 0;
        ${v.dialect === '0.4' ? 'msg.sender.call.gas(50000).value(amount)();' : 'msg.sender.call.gas(50000).value(amount)("");'}
    }»`,
  })),
  fam('unhandled-exception', 'inherited-vault', 'dev', BOTH, 'the call target is declared in a base contract; its failure is ignored', (v, s) => ({
    base: { name: `InjVault${s}`, code: `contract InjVault${s} {\n    address${v.ap} internal vault${s};\n}\n` },
    members: `
«    function sweep${s}() public {
        ${v.callValueIgnored(`vault${s}`, v.balance)}
    }»`,
  })),
  fam('unhandled-exception', 'modifier-refund', 'heldout', BOTH, 'a modifier refunds the excess with an unchecked send', (v, s) => ({
    members: `
    uint256 itemPrice${s} = 0.05 ether;
    mapping(address => uint256) items${s};
«    modifier refundsExcess${s}() {
        _;
        if (msg.value > itemPrice${s}) {
            ${v.sender}.send(msg.value - itemPrice${s});
        }
    }
    function buyItem${s}() public payable refundsExcess${s} {
        require(msg.value >= itemPrice${s});
        items${s}[msg.sender] += 1;
    }»`,
  })),
];

// ---------------------------------------------------------------- unchecked send (SolidiFI's name: ether sent to any caller, SWC-105)
const UNCHECKED_SEND: Family[] = [
  fam('unchecked-send', 'transfer-fixed', 'dev', BOTH, 'anyone can call and receive 1 ether (SolidiFI)', (v, s) => ({
    members: `
«    function claimOne${s}() public payable {
        ${v.sender}.transfer(1 ether);
    }»`,
  })),
  fam('unchecked-send', 'send-all', 'dev', BOTH, 'anyone can take the whole balance with send', (v, s) => ({
    members: `
«    function withdrawAll${s}() public {
        require(${v.sender}.send(${v.balance}));
    }»`,
  })),
  fam('unchecked-send', 'call-value-drain', 'heldout', BOTH, 'anyone can drain the balance through call.value', (v, s) => ({
    members: `
«    function drain${s}() public {
        ${v.callValue('msg.sender', v.balance, 'ok')}
        require(ok);
    }»`,
  })),
  fam('unchecked-send', 'param-recipient', 'dev', BOTH, 'anyone can send any amount to any address', (v, s) => ({
    members: `
«    function payTo${s}(address${v.ap} to, uint256 amount) public {
        to.transfer(amount);
    }»`,
  })),
  fam('unchecked-send', 'settable-recipient', 'dev', BOTH, 'the payout address has an unprotected setter; flush pays it', (v, s) => ({
    members: `
    address${v.ap} payoutAddress${s};
«    function setPayoutAddress${s}(address${v.ap} p) public {
        payoutAddress${s} = p;
    }
    function flush${s}() public {
        payoutAddress${s}.transfer(${v.balance});
    }»`,
  })),
  fam('unchecked-send', 'loop-airdrop', 'dev', BOTH, 'anyone can airdrop the contract ether to a list', (v, s) => ({
    members: `
«    function airdrop${s}(address${v.ap}[] memory to) public {
        for (uint256 i = 0; i < to.length; i++) {
            to[i].transfer(0.01 ether);
        }
    }»`,
  })),
  fam('unchecked-send', 'callee-send', 'heldout', BOTH, 'a public function reaches an internal send helper with a caller amount', (v, s) => ({
    members: `
«    function sendValue${s}(address${v.ap} to, uint256 amount) internal {
        to.transfer(amount);
    }
    function reward${s}(uint256 amount) public {
        sendValue${s}(${v.sender}, amount);
    }»`,
  })),
  fam('unchecked-send', 'useless-guard', 'heldout', BOTH, 'a modifier that any caller passes guards the withdrawal', (v, s) => ({
    members: `
«    modifier onlyHuman${s}() {
        require(msg.sender != address(0));
        _;
    }
    function withdrawFunds${s}(uint256 amount) public onlyHuman${s} {
        ${v.sender}.transfer(amount);
    }»`,
  })),
  fam('unchecked-send', 'braces-08', 'dev', ONLY08, '0.8: anyone can withdraw any amount with call{value:}', (_v, s) => ({
    members: `
«    function take${s}(uint256 amount) external {
        (bool ok, ) = payable(msg.sender).call{value: amount}("");
        require(ok, "failed");
    }»`,
  })),
  fam('unchecked-send', 'param-guard', 'heldout', BOTH, 'the owner check compares a parameter the caller chooses', (v, s) => ({
    members: `
    address keeper${s} = msg.sender;
«    function withdrawAs${s}(address caller, uint256 amount) public {
        require(caller == keeper${s});
        ${v.sender}.transfer(amount);
    }»`,
  })),
];

// ---------------------------------------------------------------- tx.origin (SWC-115)
const TX_ORIGIN: Family[] = [
  fam('tx-origin', 'require-origin', 'dev', BOTH, 'require(tx.origin == owner) guards a transfer', (v, s) => ({
    members: `
    address originOwner${s} = msg.sender;
«    function transferTo${s}(address${v.ap} to, uint256 amount) public {
        require(tx.origin == originOwner${s});
        to.transfer(amount);
    }»`,
  })),
  fam('tx-origin', 'modifier-origin', 'dev', BOTH, 'an onlyOwner modifier checks tx.origin', (_v, s) => ({
    members: `
    address admin${s} = msg.sender;
«    modifier onlyAdmin${s}() {
        require(tx.origin == admin${s});
        _;
    }»
    function changeAdmin${s}(address next) public onlyAdmin${s} {
        admin${s} = next;
    }`,
  })),
  fam('tx-origin', 'if-revert', 'dev', BOTH, 'if (tx.origin != owner) revert', (v, s) => ({
    members: `
    address boss${s} = msg.sender;
«    function sweepTo${s}(address${v.ap} to) public {
        if (tx.origin != boss${s}) {
            ${v.dialect === '0.4' ? 'throw;' : 'revert();'}
        }
        to.transfer(${v.balance});
    }»`,
  })),
  fam('tx-origin', 'assert-origin', 'heldout', BOTH, 'assert(tx.origin == owner)', (_v, s) => ({
    members: `
    address controller${s} = msg.sender;
    uint256 limit${s};
«    function setLimit${s}(uint256 newLimit) public {
        assert(tx.origin == controller${s});
        limit${s} = newLimit;
    }»`,
  })),
  fam('tx-origin', 'local-origin', 'dev', BOTH, 'tx.origin is copied into a local that is then compared', (v, s) => ({
    members: `
    address custodian${s} = msg.sender;
«    function release${s}(address${v.ap} to, uint256 amount) public {
        address caller = tx.origin;
        require(caller == custodian${s});
        to.transfer(amount);
    }»`,
  })),
  fam('tx-origin', 'helper-origin', 'heldout', BOTH, 'an internal isOwner helper compares tx.origin', (v, s) => ({
    members: `
    address manager${s} = msg.sender;
«    function isManager${s}() internal ${v.view} returns (bool) {
        return tx.origin == manager${s};
    }
    function payManager${s}(uint256 amount) public {
        require(isManager${s}());
        ${v.sender}.transfer(amount);
    }»`,
  })),
  fam('tx-origin', 'mapping-origin', 'dev', BOTH, 'an admin mapping is indexed by tx.origin', (v, s) => ({
    members: `
    mapping(address => bool) operators${s};
«    function operatorWithdraw${s}(uint256 amount) public {
        require(operators${s}[tx.origin]);
        ${v.sender}.transfer(amount);
    }»`,
  })),
  fam('tx-origin', 'inherited-owner', 'heldout', BOTH, 'the owner is declared in a base contract and compared with tx.origin', (v, s) => ({
    base: { name: `InjOwned${s}`, code: `contract InjOwned${s} {\n    address internal founder${s} = msg.sender;\n}\n` },
    members: `
«    function founderWithdraw${s}(uint256 amount) public {
        require(founder${s} == tx.origin);
        ${v.sender}.transfer(amount);
    }»`,
  })),
  fam('tx-origin', 'braces-08', 'dev', ONLY08, '0.8: require with a message on tx.origin', (_v, s) => ({
    members: `
    address guardian${s} = msg.sender;
«    function emergencyWithdraw${s}(address to, uint256 amount) external {
        require(tx.origin == guardian${s}, "not guardian");
        (bool ok, ) = payable(to).call{value: amount}("");
        require(ok, "failed");
    }»`,
  })),
  fam('tx-origin', 'origin-or-admin', 'heldout', BOTH, 'a boolean of two tx.origin comparisons gates the call', (v, s) => ({
    members: `
    address primary${s} = msg.sender;
    address secondary${s};
«    function authorisedPay${s}(address${v.ap} to, uint256 amount) public {
        bool authorised = tx.origin == primary${s} || tx.origin == secondary${s};
        if (!authorised) {
            revert();
        }
        to.transfer(amount);
    }»`,
  })),
];

/** Round 1 as frozen in session 1, with the splits it was written with. */
export const ROUND1: Family[] = [...REENTRANCY, ...TIMESTAMP, ...TOD, ...ARITHMETIC, ...UNHANDLED, ...UNCHECKED_SEND, ...TX_ORIGIN];

/**
 * The benchmark: round 1 and round 2. Round 1's held-out families were looked at in session 1 (their
 * scores were read and reported), so they are development now, marked `seen`; the held-out part of the
 * benchmark is round 2's held-out families only.
 */
export const FAMILIES: Family[] = [...ROUND1.map((f) => (f.split === 'heldout' ? { ...f, split: 'dev' as const, seen: true } : f)), ...ROUND2];

/** Which part of the benchmark a family is in, for printing. */
export type FamilyGroup = 'r1' | 'r1-seen' | 'r2-dev' | 'r2-heldout';
export const FAMILY_GROUPS: FamilyGroup[] = ['r1', 'r1-seen', 'r2-dev', 'r2-heldout'];
export function groupOf(f: Pick<Family, 'round' | 'seen' | 'split'>): FamilyGroup {
  if (f.round === 2) return f.split === 'heldout' ? 'r2-heldout' : 'r2-dev';
  return f.seen ? 'r1-seen' : 'r1';
}
