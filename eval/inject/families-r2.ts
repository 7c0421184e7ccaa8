import type { Dialect, Syntax } from './syntax.js';
import type { BugClass, Family, Split } from './families.js';

/**
 * ROUND 2 of the injection families (issue 15, second session). Round 1's held-out families had their
 * scores read in session 1, so they are no longer held out (families.ts marks them `seen`). These are
 * new syntactic and semantic variants, written before any detector was changed for them.
 *
 * FROZEN at the commit that adds this file; first contact is recorded in first-contact-r2.json. The
 * split was fixed by position, not by score: in each class every third family in the order written here
 * (the 3rd, 6th, 9th, ...) is held out; classes with three families hold out the last one.
 *
 * Markers as in round 1: `«` `»` enclose the vulnerable lines.
 */

const BOTH: Dialect[] = ['0.4', '0.5'];
const ONLY08: Dialect[] = ['0.8'];

/** keccak256 of one non-bytes value in the dialect (0.4 accepts a value list; 0.5+ needs encodePacked). */
const hashOf = (v: Syntax, x: string) => (v.dialect === '0.4' ? `keccak256(${x})` : `keccak256(abi.encodePacked(${x}))`);

function round2(cls: BugClass, list: Array<[string, Dialect[], string, Family['render']]>): Family[] {
  return list.map(([id, dialects, description, render], i) => {
    const last = i === list.length - 1;
    const split: Split = list.length <= 3 ? (last ? 'heldout' : 'dev') : (i + 1) % 3 === 0 ? 'heldout' : 'dev';
    return { id: `r2-${id}`, cls, split, dialects, description, render, round: 2 };
  });
}

// ---------------------------------------------------------------- front running / TOD (SWC-114)
const TOD = round2('tod', [
  ['approve-helper', BOTH, 'approve overwrites the allowance through an internal helper', (_v, s) => ({
    members: `
    mapping(address => mapping(address => uint256)) permits${s};
    mapping(address => uint256) owned${s};
«    function setPermit${s}(address holder, address spender, uint256 amount) internal {
        permits${s}[holder][spender] = amount;
    }
    function approve${s}(address spender, uint256 amount) public returns (bool) {
        setPermit${s}(msg.sender, spender, amount);
        return true;
    }»
    function pull${s}(address from, uint256 amount) public {
        require(permits${s}[from][msg.sender] >= amount && owned${s}[from] >= amount);
        permits${s}[from][msg.sender] -= amount;
        owned${s}[from] -= amount;
        owned${s}[msg.sender] += amount;
    }`,
  })],
  ['struct-price-buy', BOTH, 'the seller can change a listing price (a struct field) before a buy lands', (v, s) => ({
    members: `
    struct Listing${s} { address${v.ap} seller; uint256 price; uint256 stock; }
    mapping(uint256 => Listing${s}) listings${s};
«    function reprice${s}(uint256 id, uint256 price) public {
        require(listings${s}[id].seller == msg.sender);
        listings${s}[id].price = price;
    }
    function buyListing${s}(uint256 id, uint256 qty) public payable {
        Listing${s} storage l = listings${s}[id];
        require(l.stock >= qty);
        uint256 due = qty * l.price;
        require(msg.value >= due);
        l.stock -= qty;
        l.seller.transfer(due);
    }»`,
  })],
  ['hash-riddle-pot', BOTH, 'the first caller with the number whose hash is stored takes the pot', (v, s) => ({
    members: `
    bytes32 riddle${s};
    uint256 pot${s};
«    function answerRiddle${s}(uint256 answer) public {
        require(${hashOf(v, 'answer')} == riddle${s});
        uint256 prize = pot${s};
        pot${s} = 0;
        ${v.sender}.transfer(prize);
    }»`,
  })],
  ['reserve-swap', BOTH, 'the amount out follows reserves any earlier swap moves, with no minimum out', (v, s) => ({
    members: `
    uint256 reserveEth${s};
    uint256 reserveTok${s};
    mapping(address => uint256) tok${s};
«    function sellTok${s}(uint256 amountIn) public {
        require(tok${s}[msg.sender] >= amountIn);
        uint256 out = reserveEth${s} * amountIn / (reserveTok${s} + amountIn);
        tok${s}[msg.sender] -= amountIn;
        reserveTok${s} += amountIn;
        reserveEth${s} -= out;
        ${v.sender}.transfer(out);
    }»`,
  })],
  ['first-claim-map', BOTH, 'per-puzzle rewards go to the first to post the solution', (v, s) => ({
    members: `
    mapping(uint256 => bytes32) puzzles${s};
    mapping(uint256 => uint256) prizes${s};
«    function solvePuzzle${s}(uint256 id, ${v.bytesParam} solution) public {
        require(puzzles${s}[id] != bytes32(0) && keccak256(solution) == puzzles${s}[id]);
        uint256 p = prizes${s}[id];
        delete puzzles${s}[id];
        ${v.sender}.transfer(p);
    }»`,
  })],
  ['oracle-sell', BOTH, 'an updater posts the price that a pending sell is paid at', (v, s) => ({
    members: `
    address feeder${s} = msg.sender;
    uint256 lastPrice${s} = 1 szabo;
    mapping(address => uint256) shares${s};
«    function postPrice${s}(uint256 p) public {
        require(msg.sender == feeder${s});
        lastPrice${s} = p;
    }
    function redeemShares${s}(uint256 n) public {
        require(shares${s}[msg.sender] >= n);
        shares${s}[msg.sender] -= n;
        uint256 value = n * lastPrice${s};
        ${v.sender}.transfer(value);
    }»`,
  })],
  ['answer-modifier', BOTH, 'a modifier checks the caller-supplied answer; the prize goes to the first to pass', (v, s) => ({
    members: `
    bytes32 secretHash${s};
    modifier knowsSecret${s}(string memory secret) {
        require(keccak256(bytes(secret)) == secretHash${s});
        _;
    }
«    function unlockPrize${s}(string memory secret) public knowsSecret${s}(secret) {
        ${v.sender}.transfer(${v.balance});
    }»`,
  })],
  ['bonus-rate-deposit', BOTH, 'the owner changes the bonus rate that a pending deposit is credited at', (_v, s) => ({
    members: `
    address operator${s} = msg.sender;
    uint256 bonusBps${s} = 500;
    mapping(address => uint256) credit${s};
«    function setBonus${s}(uint256 bps) public {
        require(msg.sender == operator${s});
        bonusBps${s} = bps;
    }
    function depositWithBonus${s}() public payable {
        credit${s}[msg.sender] += msg.value + msg.value * bonusBps${s} / 10000;
    }»`,
  })],
  ['auction-close', BOTH, 'the first to call close after any bid takes the highest bid as a fee', (v, s) => ({
    members: `
    uint256 highest${s};
    address${v.ap} leader${s};
    bool closed${s};
    function bid${s}() public payable {
        require(!closed${s} && msg.value > highest${s});
        highest${s} = msg.value;
        leader${s} = ${v.sender};
    }
«    function closeAuction${s}(uint256 code) public {
        require(!closed${s} && code % 1000 == 777);
        closed${s} = true;
        ${v.sender}.transfer(highest${s} / 10);
    }»`,
  })],
  ['price-08', ONLY08, '0.8: a settable price read into a local before the buyer is charged', (_v, s) => ({
    members: `
    address admin${s} = msg.sender;
    uint256 private unit${s} = 1 gwei;
    mapping(address => uint256) seats${s};
«    function setUnit${s}(uint256 u) external {
        require(msg.sender == admin${s}, "admin");
        unit${s} = u;
    }
    function reserve${s}(uint256 n) external payable {
        uint256 p = unit${s};
        require(msg.value == n * p, "price");
        seats${s}[msg.sender] += n;
    }»`,
  })],
  ['allowance-struct', BOTH, 'approve sets an allowance kept in a struct; spend reads it', (_v, s) => ({
    members: `
    struct Grant${s} { uint256 amount; bool active; }
    mapping(address => mapping(address => Grant${s})) grants${s};
    mapping(address => uint256) bal${s};
«    function approveGrant${s}(address spender, uint256 amount) public {
        grants${s}[msg.sender][spender] = Grant${s}(amount, true);
    }»
    function spendGrant${s}(address from, uint256 amount) public {
        Grant${s} storage g = grants${s}[from][msg.sender];
        require(g.active && g.amount >= amount && bal${s}[from] >= amount);
        g.amount -= amount;
        bal${s}[from] -= amount;
        bal${s}[msg.sender] += amount;
    }`,
  })],
  ['quiz-number', BOTH, 'a quiz pays whoever first sends the right number (checked in the clear)', (v, s) => ({
    members: `
    uint256 quizReward${s};
    bool quizDone${s};
«    function guessNumber${s}(uint256 n) public {
        require(!quizDone${s});
        if (n * 7 + 3 == 1144) {
            quizDone${s} = true;
            ${v.sender}.transfer(quizReward${s});
        }
    }»`,
  })],
]);

// ---------------------------------------------------------------- integer overflow / underflow (SWC-101)
const ARITHMETIC = round2('arithmetic', [
  ['cast-uint32', BOTH, 'a caller amount is cast down to uint32 and added to a uint32 total', (_v, s) => ({
    members: `
    uint32 totalStaked${s};
    mapping(address => uint32) staked${s};
«    function stakeSmall${s}(uint256 amount) public {
        uint32 a = uint32(amount);
        staked${s}[msg.sender] += a;
        totalStaked${s} = totalStaked${s} + a;
    }»`,
  })],
  ['uint16-votes', BOTH, 'a uint16 vote tally grows by a caller weight', (_v, s) => ({
    members: `
    mapping(uint256 => uint16) tally${s};
«    function vote${s}(uint256 proposal, uint16 weight) public {
        tally${s}[proposal] += weight;
    }»`,
  })],
  ['helper-mul', BOTH, 'an internal mul helper without a check prices a caller quantity', (_v, s) => ({
    members: `
    uint256 perItem${s} = 2 finney;
    mapping(address => uint256) items${s};
«    function times${s}(uint256 a, uint256 b) internal pure returns (uint256) {
        return a * b;
    }
    function order${s}(uint256 qty) public payable {
        require(msg.value >= times${s}(qty, perItem${s}));
        items${s}[msg.sender] += qty;
    }»`,
  })],
  ['helper-sub', BOTH, 'an internal helper returns a difference that becomes the balance', (v, s) => ({
    members: `
    mapping(address => uint256) deposits${s};
«    function minus${s}(uint256 a, uint256 b) internal pure returns (uint256) {
        return a - b;
    }
    function withdrawPart${s}(uint256 amount) public {
        deposits${s}[msg.sender] = minus${s}(deposits${s}[msg.sender], amount);
        ${v.sender}.transfer(amount);
    }»`,
  })],
  ['mul-before-div', BOTH, 'a caller amount is multiplied by a rate before dividing; the product wraps', (_v, s) => ({
    members: `
    uint256 rewardRate${s} = 120;
    mapping(address => uint256) rewards${s};
«    function accrue${s}(uint256 amount) public {
        rewards${s}[msg.sender] += amount * rewardRate${s} / 100;
    }»`,
  })],
  ['struct-field-sub', BOTH, 'a balance held in a struct field is reduced by a caller amount', (v, s) => ({
    members: `
    struct Account${s} { uint256 balance; uint256 since; }
    mapping(address => Account${s}) accounts${s};
«    function spendFrom${s}(uint256 amount) public {
        Account${s} storage a = accounts${s}[msg.sender];
        a.balance -= amount;
        ${v.sender}.transfer(amount);
    }»`,
  })],
  ['decrement-op', BOTH, 'a per-user counter is decremented with -- without a zero check', (_v, s) => ({
    members: `
    mapping(address => uint256) lives${s};
    mapping(address => uint256) score${s};
«    function spendLife${s}() public {
        lives${s}[msg.sender]--;
        score${s}[msg.sender] += 10;
    }»`,
  })],
  ['unchecked-add-08', ONLY08, '0.8: a transfer credits the receiver inside unchecked', (_v, s) => ({
    members: `
    mapping(address => uint256) units${s};
«    function mint${s}(address to, uint256 amount) external {
        unchecked {
            units${s}[to] += amount;
        }
    }»`,
  })],
  ['signed-cast', BOTH, 'a signed caller delta is added to a balance cast to int and back', (_v, s) => ({
    members: `
    mapping(address => uint256) position${s};
«    function adjust${s}(int256 delta) public {
        position${s}[msg.sender] = uint256(int256(position${s}[msg.sender]) + delta);
    }»`,
  })],
  ['loop-product', BOTH, 'a product of caller factors accumulates in a loop', (_v, s) => ({
    members: `
    mapping(address => uint256) multiplier${s};
«    function compound${s}(uint256[] memory factors) public {
        uint256 m = 1;
        for (uint256 i = 0; i < factors.length; i++) {
            m *= factors[i];
        }
        multiplier${s}[msg.sender] = m;
    }»`,
  })],
  ['unchecked-helper-08', ONLY08, '0.8: an internal helper subtracts in unchecked and a public function feeds it', (_v, s) => ({
    members: `
    mapping(address => uint256) quota${s};
«    function _consume${s}(address who, uint256 n) internal {
        unchecked {
            quota${s}[who] = quota${s}[who] - n;
        }
    }
    function consume${s}(uint256 n) external {
        _consume${s}(msg.sender, n);
    }»`,
  })],
  ['time-extend-uint64', BOTH, 'a uint64 deadline is extended by a caller duration', (_v, s) => ({
    members: `
    mapping(address => uint64) deadline${s};
«    function extend${s}(uint64 extra) public {
        deadline${s}[msg.sender] = deadline${s}[msg.sender] + extra;
    }»`,
  })],
]);

// ---------------------------------------------------------------- unchecked send: ether to whoever calls (SWC-105)
const UNCHECKED_SEND = round2('unchecked-send', [
  ['send-ignored', BOTH, 'anyone can have any amount sent to them; the send result is dropped too', (v, s) => ({
    members: `
«    function gimme${s}(uint256 amount) public {
        ${v.sender}.send(amount);
    }»`,
  })],
  ['call-to-param', BOTH, 'anyone can forward any amount to any address with a low-level call', (v, s) => ({
    members: `
«    function forward${s}(address${v.ap} to, uint256 amount) public {
        ${v.callValue('to', 'amount', 'ok')}
        require(ok);
    }»`,
  })],
  ['open-whitelist', BOTH, 'the allow-list that guards the withdrawal can be joined by anyone', (v, s) => ({
    members: `
    mapping(address => bool) members${s};
«    function join${s}() public {
        members${s}[msg.sender] = true;
    }
    function memberWithdraw${s}(uint256 amount) public {
        require(members${s}[msg.sender]);
        ${v.sender}.transfer(amount);
    }»`,
  })],
  ['time-only-guard', BOTH, 'a time check is the only guard before the whole balance is paid to the caller', (v, s) => ({
    members: `
    uint256 releaseAt${s} = ${v.now} + 30 days;
«    function release${s}() public {
        require(${v.now} >= releaseAt${s});
        ${v.sender}.transfer(${v.balance});
    }»`,
  })],
  ['struct-beneficiary', BOTH, 'a struct beneficiary has an unprotected setter; payout pays it', (v, s) => ({
    members: `
    struct Plan${s} { address${v.ap} beneficiary; uint256 amount; }
    Plan${s} plan${s};
«    function setBeneficiary${s}(address${v.ap} b) public {
        plan${s}.beneficiary = b;
    }
    function payout${s}() public {
        plan${s}.beneficiary.transfer(plan${s}.amount);
    }»`,
  })],
  ['open-init-owner', BOTH, 'a public init sets the owner any time; the owner-only withdrawal follows', (v, s) => ({
    members: `
    address${v.ap} steward${s};
«    function initSteward${s}() public {
        steward${s} = ${v.sender};
    }
    function stewardWithdraw${s}(uint256 amount) public {
        require(msg.sender == steward${s});
        steward${s}.transfer(amount);
    }»`,
  })],
  ['while-drain', BOTH, 'a while loop pays the caller in chunks while there is ether left', (v, s) => ({
    members: `
«    function drip${s}(uint256 chunk) public {
        require(chunk > 0);
        while (${v.balance} >= chunk) {
            ${v.sender}.transfer(chunk);
        }
    }»`,
  })],
  ['balance-guard-only', BOTH, 'the only check is that the contract can afford the caller\'s amount', (v, s) => ({
    members: `
«    function cashback${s}(uint256 amount) public {
        if (amount > ${v.balance}) {
            ${v.fail};
        }
        ${v.sender}.transfer(amount);
    }»`,
  })],
  ['self-registered-admin', BOTH, 'admins are set by an unprotected function; an admin may pay anyone', (v, s) => ({
    members: `
    mapping(address => bool) admins${s};
«    function addAdmin${s}(address a) public {
        admins${s}[a] = true;
    }
    function adminPay${s}(address${v.ap} to, uint256 amount) public {
        require(admins${s}[msg.sender]);
        to.transfer(amount);
    }»`,
  })],
  ['external-transfer-08', ONLY08, '0.8: an external function pays a caller-chosen address with transfer', (_v, s) => ({
    members: `
«    function sendOut${s}(address to, uint256 amount) external {
        payable(to).transfer(amount);
    }»`,
  })],
  ['helper-call-08', ONLY08, '0.8: an internal call{value:} helper is reached from an open function', (_v, s) => ({
    members: `
«    function _pay${s}(address to, uint256 amount) internal {
        (bool ok, ) = payable(to).call{value: amount}("");
        require(ok, "pay");
    }
    function refund${s}(uint256 amount) external {
        _pay${s}(msg.sender, amount);
    }»`,
  })],
  ['nonzero-guard', BOTH, 'a guard only checks the caller is not the zero address and the amount is positive', (v, s) => ({
    members: `
«    function payMe${s}(uint256 amount) public {
        require(msg.sender != address(0) && amount > 0);
        ${v.sender}.transfer(amount);
    }»`,
  })],
]);

// ---------------------------------------------------------------- the other classes: a few each
const REENTRANCY = round2('reentrancy', [
  ['call-in-condition', BOTH, 'the call is the condition of an if; the balance is zeroed inside it', (v, s) => ({
    members: `
    mapping(address => uint256) vault${s};
«    function empty${s}() public {
        uint256 amount = vault${s}[msg.sender];
        ${v.callValue('msg.sender', 'amount', 'ok')}
        if (ok) {
            vault${s}[msg.sender] -= amount;
        }
    }»`,
  })],
  ['struct-after-call', BOTH, 'a struct field balance is cleared after the payment', (v, s) => ({
    members: `
    struct Holder${s} { uint256 amount; uint256 since; }
    mapping(address => Holder${s}) holders${s};
«    function exit${s}() public {
        Holder${s} storage h = holders${s}[msg.sender];
        require(h.amount > 0);
        ${v.callValue('msg.sender', 'h.amount', 'ok')}
        require(ok);
        h.amount = 0;
    }»`,
  })],
  ['total-after-call', BOTH, 'a global total used in the check is reduced after the payment', (v, s) => ({
    members: `
    uint256 poolTotal${s};
    mapping(address => uint256) poolShare${s};
«    function leavePool${s}() public {
        uint256 share = poolShare${s}[msg.sender];
        require(share > 0 && poolTotal${s} >= share);
        ${v.callValue('msg.sender', 'share', 'ok')}
        require(ok);
        poolTotal${s} -= share;
        poolShare${s}[msg.sender] = 0;
    }»`,
  })],
]);

const TIMESTAMP = round2('timestamp', [
  ['even-second', BOTH, 'the caller wins the balance if the block time is even', (v, s) => ({
    members: `
«    function flip${s}() public payable {
        require(msg.value == 0.1 ether);
        if (${v.now} % 2 == 0) {
            ${v.sender}.transfer(${v.balance});
        }
    }»`,
  })],
  ['struct-deadline', BOTH, 'a sale price depends on whether the block time is past a stored phase', (_v, s) => ({
    members: `
    struct Phase${s} { uint256 endsAt; uint256 price; }
    Phase${s} phase${s};
    mapping(address => uint256) sold${s};
«    function purchase${s}() public payable {
        uint256 p = block.timestamp < phase${s}.endsAt ? phase${s}.price : phase${s}.price * 2;
        sold${s}[msg.sender] += msg.value / p;
    }»`,
  })],
  ['time-seed-winner', BOTH, 'a winner index is taken from a hash of the block time and the caller', (v, s) => ({
    members: `
    address${v.ap}[] entrants${s};
«    function draw${s}() public {
        require(entrants${s}.length > 0);
        uint256 i = uint256(${hashOf(v, `block.timestamp, msg.sender`)}) % entrants${s}.length;
        entrants${s}[i].transfer(${v.balance});
    }»`,
  })],
]);

const UNHANDLED = round2('unhandled-exception', [
  ['bool-never-read', BOTH, 'the send result is stored in a local that is never read', (v, s) => ({
    members: `
    mapping(address => uint256) due${s};
«    function settle${s}(address${v.ap} to) public {
        uint256 amount = due${s}[to];
        due${s}[to] = 0;
        bool sent = to.send(amount);
    }»`,
  })],
  ['call-encoded', BOTH, 'a low-level call with an encoded selector is made and its result dropped', (v, s) => ({
    members: `
    address registry${s};
«    function notify${s}(uint256 id) public {
        registry${s}.call(${v.dialect === '0.4' ? 'bytes4(keccak256("ping(uint256)")), id' : 'abi.encodeWithSignature("ping(uint256)", id)'});
    }»`,
  })],
  ['send-else-branch', BOTH, 'in one branch the refund is a send whose result is ignored', (v, s) => ({
    members: `
    mapping(address => uint256) escrow${s};
«    function close${s}(address${v.ap} who, bool refund) public {
        uint256 amount = escrow${s}[who];
        escrow${s}[who] = 0;
        if (refund) {
            who.send(amount);
        } else {
            escrow${s}[address(this)] += amount;
        }
    }»`,
  })],
]);

const TX_ORIGIN = round2('tx-origin', [
  ['not-equal-revert', BOTH, 'a modifier reverts when tx.origin is not the owner', (v, s) => ({
    members: `
    address boss${s} = msg.sender;
    modifier bossOnly${s}() {
        if (tx.origin != boss${s}) {
            ${v.fail};
        }
        _;
    }
«    function bossWithdraw${s}(uint256 amount) public bossOnly${s} {
        ${v.sender}.transfer(amount);
    }»`,
  })],
  ['origin-struct-owner', BOTH, 'the owner lives in a config struct compared with tx.origin', (_v, s) => ({
    members: `
    struct Config${s} { address owner; uint256 fee; }
    Config${s} config${s};
«    function setFee${s}(uint256 fee) public {
        require(config${s}.owner == tx.origin);
        config${s}.fee = fee;
    }»`,
  })],
  ['origin-transfer-ownership', BOTH, 'ownership is handed over when tx.origin is the current owner', (_v, s) => ({
    members: `
    address keyHolder${s} = msg.sender;
«    function handOver${s}(address next) public {
        if (tx.origin == keyHolder${s}) {
            keyHolder${s} = next;
        }
    }»`,
  })],
]);

export const ROUND2: Family[] = [...REENTRANCY, ...TIMESTAMP, ...TOD, ...ARITHMETIC, ...UNHANDLED, ...UNCHECKED_SEND, ...TX_ORIGIN];
