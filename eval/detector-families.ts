/**
 * Test families for the detectors added for issue 15 (Slither's vulnerability detectors Argus lacked),
 * written and committed BEFORE any rule was tuned on them. Each family is one way of writing the bug (a
 * call style, a syntax from 0.4 to 0.8, a guard in a modifier, an internal helper…), given as a
 * vulnerable contract and its fixed twin; the detector must flag the first and stay silent on the
 * second. The third family of every detector is held out: rules are never tuned on it, and
 * `npm run eval:audit` prints first-contact, development and held-out figures separately.
 *
 * Every source compiles with the solc its pragma selects (`test/detector-families.test.ts`).
 */

export interface DetectorFamily {
  /** Detector id without the `audit/` prefix. */
  detector: string;
  family: string;
  split: 'dev' | 'held-out';
  vulnerable: string;
  fixed: string;
}

const ERC20_08 = `interface IERC20 {
  function transfer(address to, uint256 amount) external returns (bool);
  function transferFrom(address from, address to, uint256 amount) external returns (bool);
  function balanceOf(address who) external view returns (uint256);
}`;

const ERC20_04 = `contract ERC20 {
  function transfer(address to, uint256 value) public returns (bool);
  function transferFrom(address from, address to, uint256 value) public returns (bool);
  function balanceOf(address who) public view returns (uint256);
}`;

const SAFE_ERC20_08 = `library SafeERC20 {
  function safeTransfer(IERC20 token, address to, uint256 value) internal {
    (bool ok, bytes memory data) = address(token).call(abi.encodeWithSelector(token.transfer.selector, to, value));
    require(ok && (data.length == 0 || abi.decode(data, (bool))), "transfer failed");
  }
  function safeTransferFrom(IERC20 token, address from, address to, uint256 value) internal {
    (bool ok, bytes memory data) = address(token).call(abi.encodeWithSelector(token.transferFrom.selector, from, to, value));
    require(ok && (data.length == 0 || abi.decode(data, (bool))), "transferFrom failed");
  }
}`;

const PERMIT_08 = `interface IERC20Permit {
  function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;
}
interface IPermitToken is IERC20 {
  function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external;
}`;

export const DETECTOR_FAMILIES: DetectorFamily[] = [
  // ---------------------------------------------------------------- arbitrary-send-erc20
  {
    detector: 'arbitrary-send-erc20',
    family: 'transferFrom from a parameter (0.8, external)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.8.0;
${ERC20_08}
contract Vault {
  IERC20 public token;
  mapping(address => uint256) public shares;
  constructor(IERC20 t) { token = t; }
  function deposit(address from, uint256 amount) external {
    require(token.transferFrom(from, address(this), amount), "failed");
    shares[msg.sender] += amount;
  }
}`,
    fixed: `pragma solidity ^0.8.0;
${ERC20_08}
contract Vault {
  IERC20 public token;
  mapping(address => uint256) public shares;
  constructor(IERC20 t) { token = t; }
  function deposit(uint256 amount) external {
    require(token.transferFrom(msg.sender, address(this), amount), "failed");
    shares[msg.sender] += amount;
  }
}`,
  },
  {
    detector: 'arbitrary-send-erc20',
    family: 'transferFrom to a chosen receiver through a local (0.4, public)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.4.24;
${ERC20_04}
contract Swap {
  ERC20 token;
  function Swap(address t) public { token = ERC20(t); }
  function move(address _owner, address _to, uint256 _value) public {
    address source = _owner;
    require(token.transferFrom(source, _to, _value));
  }
}`,
    fixed: `pragma solidity ^0.4.24;
${ERC20_04}
contract Swap {
  ERC20 token;
  function Swap(address t) public { token = ERC20(t); }
  function move(address _to, uint256 _value) public {
    address source = msg.sender;
    require(token.transferFrom(source, _to, _value));
  }
}`,
  },
  {
    detector: 'arbitrary-send-erc20',
    family: 'SafeERC20 safeTransferFrom from a parameter (>=0.6, using-for)',
    split: 'held-out',
    vulnerable: `pragma solidity >=0.7.0 <0.9.0;
${ERC20_08}
${SAFE_ERC20_08}
contract Shop {
  using SafeERC20 for IERC20;
  address public treasury;
  address public payToken;
  constructor(address t) { payToken = t; treasury = msg.sender; }
  function buy(address payer, uint256 price) external {
    IERC20(payToken).safeTransferFrom(payer, treasury, price);
  }
}`,
    fixed: `pragma solidity >=0.7.0 <0.9.0;
${ERC20_08}
${SAFE_ERC20_08}
contract Shop {
  using SafeERC20 for IERC20;
  address public treasury;
  address public payToken;
  constructor(address t) { payToken = t; treasury = msg.sender; }
  function buy(uint256 price) external {
    IERC20(payToken).safeTransferFrom(msg.sender, treasury, price);
  }
}`,
  },
  // ---------------------------------------------------------------- arbitrary-send-erc20-permit
  {
    detector: 'arbitrary-send-erc20-permit',
    family: 'permit then transferFrom of a parameter owner (0.8)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.8.0;
${ERC20_08}
${PERMIT_08}
contract Router {
  IPermitToken public token;
  constructor(IPermitToken t) { token = t; }
  function depositWithPermit(address from, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
    token.permit(from, address(this), amount, deadline, v, r, s);
    require(token.transferFrom(from, address(this), amount));
  }
}`,
    fixed: `pragma solidity ^0.8.0;
${ERC20_08}
${PERMIT_08}
contract Router {
  IPermitToken public token;
  constructor(IPermitToken t) { token = t; }
  function depositWithPermit(uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
    token.permit(msg.sender, address(this), amount, deadline, v, r, s);
    require(token.transferFrom(msg.sender, address(this), amount));
  }
}`,
  },
  {
    detector: 'arbitrary-send-erc20-permit',
    family: 'permit through a cast, funds sent to a chosen receiver (0.8)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.8.0;
${ERC20_08}
${PERMIT_08}
contract Gateway {
  address public token;
  constructor(address t) { token = t; }
  function payFor(address owner_, address to, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) public {
    IERC20Permit(token).permit(owner_, address(this), value, deadline, v, r, s);
    IERC20(token).transferFrom(owner_, to, value);
  }
}`,
    fixed: `pragma solidity ^0.8.0;
${ERC20_08}
${PERMIT_08}
contract Gateway {
  address public token;
  constructor(address t) { token = t; }
  function payFor(address to, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) public {
    IERC20Permit(token).permit(msg.sender, address(this), value, deadline, v, r, s);
    require(IERC20(token).transferFrom(msg.sender, to, value));
  }
}`,
  },
  {
    detector: 'arbitrary-send-erc20-permit',
    family: 'permit + safeTransferFrom; fixed by a guard that the owner is the caller (>=0.6)',
    split: 'held-out',
    vulnerable: `pragma solidity >=0.7.0 <0.9.0;
${ERC20_08}
${PERMIT_08}
${SAFE_ERC20_08}
contract Staking {
  using SafeERC20 for IERC20;
  IERC20 public stakeToken;
  mapping(address => uint256) public staked;
  constructor(IERC20 t) { stakeToken = t; }
  function stakeWithPermit(address account, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
    IERC20Permit(address(stakeToken)).permit(account, address(this), amount, deadline, v, r, s);
    stakeToken.safeTransferFrom(account, address(this), amount);
    staked[msg.sender] += amount;
  }
}`,
    fixed: `pragma solidity >=0.7.0 <0.9.0;
${ERC20_08}
${PERMIT_08}
${SAFE_ERC20_08}
contract Staking {
  using SafeERC20 for IERC20;
  IERC20 public stakeToken;
  mapping(address => uint256) public staked;
  constructor(IERC20 t) { stakeToken = t; }
  function stakeWithPermit(address account, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) external {
    require(account == msg.sender, "not yours");
    IERC20Permit(address(stakeToken)).permit(account, address(this), amount, deadline, v, r, s);
    stakeToken.safeTransferFrom(account, address(this), amount);
    staked[msg.sender] += amount;
  }
}`,
  },
  // ---------------------------------------------------------------- unchecked-transfer
  {
    detector: 'unchecked-transfer',
    family: 'transfer result dropped (0.8)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.8.0;
${ERC20_08}
contract Payout {
  IERC20 public token;
  mapping(address => uint256) public owed;
  constructor(IERC20 t) { token = t; }
  function claim() external {
    uint256 amount = owed[msg.sender];
    owed[msg.sender] = 0;
    token.transfer(msg.sender, amount);
  }
}`,
    fixed: `pragma solidity ^0.8.0;
${ERC20_08}
contract Payout {
  IERC20 public token;
  mapping(address => uint256) public owed;
  constructor(IERC20 t) { token = t; }
  function claim() external {
    uint256 amount = owed[msg.sender];
    owed[msg.sender] = 0;
    require(token.transfer(msg.sender, amount), "transfer failed");
  }
}`,
  },
  {
    detector: 'unchecked-transfer',
    family: 'transferFrom result dropped (0.4)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.4.24;
${ERC20_04}
contract Sale {
  ERC20 public token;
  mapping(address => uint256) public paid;
  function Sale(ERC20 t) public { token = t; }
  function pay(uint256 value) public {
    token.transferFrom(msg.sender, this, value);
    paid[msg.sender] += value;
  }
}`,
    fixed: `pragma solidity ^0.4.24;
${ERC20_04}
contract Sale {
  ERC20 public token;
  mapping(address => uint256) public paid;
  function Sale(ERC20 t) public { token = t; }
  function pay(uint256 value) public {
    if (!token.transferFrom(msg.sender, this, value)) revert();
    paid[msg.sender] += value;
  }
}`,
  },
  {
    detector: 'unchecked-transfer',
    family: 'transfer through an interface cast of an address; fixed with SafeERC20 (>=0.6)',
    split: 'held-out',
    vulnerable: `pragma solidity >=0.7.0 <0.9.0;
${ERC20_08}
${SAFE_ERC20_08}
contract Rescue {
  address public admin;
  constructor() { admin = msg.sender; }
  function sweep(address tokenAddr, uint256 amount) external {
    require(msg.sender == admin);
    IERC20(tokenAddr).transfer(admin, amount);
  }
}`,
    fixed: `pragma solidity >=0.7.0 <0.9.0;
${ERC20_08}
${SAFE_ERC20_08}
contract Rescue {
  using SafeERC20 for IERC20;
  address public admin;
  constructor() { admin = msg.sender; }
  function sweep(address tokenAddr, uint256 amount) external {
    require(msg.sender == admin);
    IERC20(tokenAddr).safeTransfer(admin, amount);
  }
}`,
  },
  // ---------------------------------------------------------------- msg-value-loop
  {
    detector: 'msg-value-loop',
    family: 'msg.value credited on every iteration (0.8 for)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.8.0;
contract Airdrop {
  mapping(address => uint256) public credit;
  function creditAll(address[] calldata receivers) external payable {
    for (uint256 i = 0; i < receivers.length; i++) {
      credit[receivers[i]] += msg.value;
    }
  }
}`,
    fixed: `pragma solidity ^0.8.0;
contract Airdrop {
  mapping(address => uint256) public credit;
  function creditAll(address[] calldata receivers) external payable {
    require(receivers.length > 0);
    uint256 each = msg.value / receivers.length;
    for (uint256 i = 0; i < receivers.length; i++) {
      credit[receivers[i]] += each;
    }
  }
}`,
  },
  {
    detector: 'msg-value-loop',
    family: 'msg.value in a while loop (0.4)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.4.24;
contract Tickets {
  mapping(uint256 => uint256) public paidFor;
  function buyMany(uint256 first, uint256 count) public payable {
    uint256 i = 0;
    while (i < count) {
      paidFor[first + i] = msg.value;
      i++;
    }
  }
}`,
    fixed: `pragma solidity ^0.4.24;
contract Tickets {
  mapping(uint256 => uint256) public paidFor;
  function buyMany(uint256 first, uint256 count) public payable {
    require(count > 0);
    uint256 price = msg.value / count;
    uint256 i = 0;
    while (i < count) {
      paidFor[first + i] = price;
      i++;
    }
  }
}`,
  },
  {
    detector: 'msg-value-loop',
    family: 'msg.value read in an internal function called from a loop (0.5)',
    split: 'held-out',
    vulnerable: `pragma solidity ^0.5.0;
contract Batch {
  mapping(address => uint256) public deposits;
  function _deposit(address to) internal {
    deposits[to] += msg.value;
  }
  function depositFor(address[] memory tos) public payable {
    for (uint256 i = 0; i < tos.length; i++) _deposit(tos[i]);
  }
}`,
    fixed: `pragma solidity ^0.5.0;
contract Batch {
  mapping(address => uint256) public deposits;
  function _deposit(address to, uint256 amount) internal {
    deposits[to] += amount;
  }
  function depositFor(address[] memory tos) public payable {
    require(tos.length > 0);
    uint256 share = msg.value / tos.length;
    for (uint256 i = 0; i < tos.length; i++) _deposit(tos[i], share);
  }
}`,
  },
  // ---------------------------------------------------------------- delegatecall-loop
  {
    detector: 'delegatecall-loop',
    family: 'payable multicall delegating to itself (0.8)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.8.0;
contract Multicall {
  mapping(address => uint256) public balance;
  function deposit() public payable { balance[msg.sender] += msg.value; }
  function multicall(bytes[] calldata calls) external payable {
    for (uint256 i = 0; i < calls.length; i++) {
      (bool ok, ) = address(this).delegatecall(calls[i]);
      require(ok);
    }
  }
}`,
    fixed: `pragma solidity ^0.8.0;
contract Multicall {
  mapping(address => uint256) public balance;
  function deposit() public payable { balance[msg.sender] += msg.value; }
  function multicall(bytes[] calldata calls) external {
    for (uint256 i = 0; i < calls.length; i++) {
      (bool ok, ) = address(this).delegatecall(calls[i]);
      require(ok);
    }
  }
}`,
  },
  {
    detector: 'delegatecall-loop',
    family: 'payable batch to a library; fixed by refusing ether (0.5)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.5.0;
pragma experimental ABIEncoderV2;
contract Batcher {
  address public impl;
  constructor(address i) public { impl = i; }
  function batch(bytes[] memory data) public payable {
    for (uint256 i = 0; i < data.length; i++) {
      (bool ok, ) = impl.delegatecall(data[i]);
      require(ok);
    }
  }
}`,
    fixed: `pragma solidity ^0.5.0;
pragma experimental ABIEncoderV2;
contract Batcher {
  address public impl;
  constructor(address i) public { impl = i; }
  function batch(bytes[] memory data) public payable {
    require(msg.value == 0, "no ether");
    for (uint256 i = 0; i < data.length; i++) {
      (bool ok, ) = impl.delegatecall(data[i]);
      require(ok);
    }
  }
}`,
  },
  {
    detector: 'delegatecall-loop',
    family: 'loop in an internal helper reached from a payable function (0.8)',
    split: 'held-out',
    vulnerable: `pragma solidity ^0.8.0;
contract Router {
  function _run(bytes[] memory steps) internal {
    uint256 i;
    do {
      (bool ok, ) = address(this).delegatecall(steps[i]);
      require(ok, "step failed");
      i++;
    } while (i < steps.length);
  }
  function execute(bytes[] memory steps) public payable {
    _run(steps);
  }
}`,
    fixed: `pragma solidity ^0.8.0;
contract Router {
  function _run(bytes[] memory steps) internal {
    uint256 i;
    do {
      (bool ok, ) = address(this).delegatecall(steps[i]);
      require(ok, "step failed");
      i++;
    } while (i < steps.length);
  }
  function execute(bytes[] memory steps) public {
    _run(steps);
  }
}`,
  },
  // ---------------------------------------------------------------- costly-loop
  {
    detector: 'costly-loop',
    family: 'state counter incremented per iteration (0.8)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.8.0;
contract Registry {
  uint256 public count;
  mapping(address => bool) public member;
  function addAll(address[] calldata who) external {
    for (uint256 i = 0; i < who.length; i++) {
      member[who[i]] = true;
      count++;
    }
  }
}`,
    fixed: `pragma solidity ^0.8.0;
contract Registry {
  uint256 public count;
  mapping(address => bool) public member;
  function addAll(address[] calldata who) external {
    uint256 c = count;
    for (uint256 i = 0; i < who.length; i++) {
      member[who[i]] = true;
      c++;
    }
    count = c;
  }
}`,
  },
  {
    detector: 'costly-loop',
    family: 'state total accumulated in a while loop (0.4)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.4.24;
contract Ledger {
  uint256 public total;
  uint256[] public entries;
  function recount() public {
    total = 0;
    uint256 i = 0;
    while (i < entries.length) {
      total += entries[i];
      i++;
    }
  }
}`,
    fixed: `pragma solidity ^0.4.24;
contract Ledger {
  uint256 public total;
  uint256[] public entries;
  function recount() public {
    uint256 sum = 0;
    uint256 i = 0;
    while (i < entries.length) {
      sum += entries[i];
      i++;
    }
    total = sum;
  }
}`,
  },
  {
    detector: 'costly-loop',
    family: 'state written through an internal helper called in a loop (0.5)',
    split: 'held-out',
    vulnerable: `pragma solidity ^0.5.0;
contract Rewards {
  uint256 public distributed;
  mapping(address => uint256) public reward;
  function _give(address to, uint256 v) internal {
    reward[to] += v;
    distributed = distributed + v;
  }
  function giveAll(address[] memory tos, uint256 v) public {
    for (uint256 i = 0; i < tos.length; i++) _give(tos[i], v);
  }
}`,
    fixed: `pragma solidity ^0.5.0;
contract Rewards {
  uint256 public distributed;
  mapping(address => uint256) public reward;
  function _give(address to, uint256 v) internal {
    reward[to] += v;
  }
  function giveAll(address[] memory tos, uint256 v) public {
    for (uint256 i = 0; i < tos.length; i++) _give(tos[i], v);
    distributed = distributed + v * tos.length;
  }
}`,
  },
  // ---------------------------------------------------------------- incorrect-exp
  {
    detector: 'incorrect-exp',
    family: 'constant written with ^ (0.8)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.8.0;
contract Units {
  uint256 public constant ONE = 10 ^ 18;
  function toWei(uint256 tokens) external pure returns (uint256) { return tokens * ONE; }
}`,
    fixed: `pragma solidity ^0.8.0;
contract Units {
  uint256 public constant ONE = 10 ** 18;
  function toWei(uint256 tokens) external pure returns (uint256) { return tokens * ONE; }
}`,
  },
  {
    detector: 'incorrect-exp',
    family: 'power of two by a variable exponent (0.4)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.4.24;
contract Bits {
  function mask(uint8 bits) public pure returns (uint256) {
    return (2 ^ uint256(bits)) - 1;
  }
}`,
    fixed: `pragma solidity ^0.4.24;
contract Bits {
  function mask(uint8 bits) public pure returns (uint256) {
    return (2 ** uint256(bits)) - 1;
  }
}`,
  },
  {
    detector: 'incorrect-exp',
    family: 'decimals scaling in a local (0.5)',
    split: 'held-out',
    vulnerable: `pragma solidity ^0.5.0;
contract Price {
  uint8 public decimals = 6;
  function scaled(uint256 amount) public view returns (uint256) {
    uint256 unit = 10 ^ uint256(decimals);
    return amount * unit;
  }
}`,
    fixed: `pragma solidity ^0.5.0;
contract Price {
  uint8 public decimals = 6;
  function scaled(uint256 amount) public view returns (uint256) {
    uint256 unit = 10 ** uint256(decimals);
    return amount * unit;
  }
}`,
  },
  // ---------------------------------------------------------------- incorrect-shift
  {
    detector: 'incorrect-shift',
    family: 'shr with value and amount swapped (0.8)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.8.0;
contract Shift {
  function high(uint256 a) external pure returns (uint256 r) {
    assembly { r := shr(a, 8) }
  }
}`,
    fixed: `pragma solidity ^0.8.0;
contract Shift {
  function high(uint256 a) external pure returns (uint256 r) {
    assembly { r := shr(8, a) }
  }
}`,
  },
  {
    detector: 'incorrect-shift',
    family: 'shl in a let binding (0.5)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.5.0;
contract Pack {
  function pack(uint256 x) public pure returns (uint256 out) {
    assembly {
      let moved := shl(x, 16)
      out := or(moved, 1)
    }
  }
}`,
    fixed: `pragma solidity ^0.5.0;
contract Pack {
  function pack(uint256 x) public pure returns (uint256 out) {
    assembly {
      let moved := shl(16, x)
      out := or(moved, 1)
    }
  }
}`,
  },
  {
    detector: 'incorrect-shift',
    family: 'sar nested in another builtin (>=0.6)',
    split: 'held-out',
    vulnerable: `pragma solidity >=0.6.0 <0.9.0;
contract Signed {
  function quarter(int256 v) external pure returns (int256 r) {
    assembly { r := add(sar(v, 2), 0) }
  }
}`,
    fixed: `pragma solidity >=0.6.0 <0.9.0;
contract Signed {
  function quarter(int256 v) external pure returns (int256 r) {
    assembly { r := add(sar(2, v), 0) }
  }
}`,
  },
  // ---------------------------------------------------------------- tautology
  {
    detector: 'tautology',
    family: 'unsigned >= 0 in a require (0.8)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.8.0;
contract Bank {
  mapping(address => uint256) public balance;
  function withdraw(uint256 amount) external {
    require(amount >= 0, "amount");
    require(balance[msg.sender] >= amount);
    balance[msg.sender] -= amount;
  }
}`,
    fixed: `pragma solidity ^0.8.0;
contract Bank {
  mapping(address => uint256) public balance;
  function withdraw(uint256 amount) external {
    require(amount > 0, "amount");
    require(balance[msg.sender] >= amount);
    balance[msg.sender] -= amount;
  }
}`,
  },
  {
    detector: 'tautology',
    family: 'uint8 compared with a bound beyond its range (0.4)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.4.24;
contract Levels {
  uint8 public level;
  function up(uint8 by) public {
    uint8 next = level + by;
    if (next <= 255) level = next;
  }
}`,
    fixed: `pragma solidity ^0.4.24;
contract Levels {
  uint8 public level;
  function up(uint8 by) public {
    uint8 next = level + by;
    if (next < 100) level = next;
  }
}`,
  },
  {
    detector: 'tautology',
    family: 'unsigned state variable below zero: a contradiction (0.5)',
    split: 'held-out',
    vulnerable: `pragma solidity ^0.5.0;
contract Pool {
  uint256 public reserve;
  function take(uint256 v) public {
    reserve = reserve - v;
    if (reserve < 0) revert("negative");
  }
}`,
    fixed: `pragma solidity ^0.5.0;
contract Pool {
  uint256 public reserve;
  function take(uint256 v) public {
    if (reserve < v) revert("negative");
    reserve = reserve - v;
  }
}`,
  },
  // ---------------------------------------------------------------- boolean-cst
  {
    detector: 'boolean-cst',
    family: 'constant true in a disjunction (0.8)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.8.0;
contract Gate {
  mapping(address => bool) public allowed;
  uint256 public entered;
  function enter() external {
    require(allowed[msg.sender] || true, "not allowed");
    entered++;
  }
}`,
    fixed: `pragma solidity ^0.8.0;
contract Gate {
  mapping(address => bool) public allowed;
  uint256 public entered;
  function enter() external {
    require(allowed[msg.sender], "not allowed");
    entered++;
  }
}`,
  },
  {
    detector: 'boolean-cst',
    family: 'constant false in a conjunction (0.4)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.4.24;
contract Pausable {
  bool public paused;
  uint256 public n;
  function act() public {
    if (paused && false) revert();
    n += 1;
  }
}`,
    fixed: `pragma solidity ^0.4.24;
contract Pausable {
  bool public paused;
  uint256 public n;
  function act() public {
    if (paused) revert();
    n += 1;
  }
}`,
  },
  {
    detector: 'boolean-cst',
    family: 'if (false) around the check (0.5)',
    split: 'held-out',
    vulnerable: `pragma solidity ^0.5.0;
contract Vote {
  mapping(address => bool) public voted;
  uint256 public yes;
  function vote() public {
    if (false) { require(!voted[msg.sender]); }
    voted[msg.sender] = true;
    yes++;
  }
}`,
    fixed: `pragma solidity ^0.5.0;
contract Vote {
  mapping(address => bool) public voted;
  uint256 public yes;
  function vote() public {
    require(!voted[msg.sender]);
    voted[msg.sender] = true;
    yes++;
  }
}`,
  },
  // ---------------------------------------------------------------- controlled-array-length
  {
    detector: 'controlled-array-length',
    family: 'length set from a parameter (0.4)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.4.24;
contract Store {
  address owner;
  uint256[] data;
  function Store() public { owner = msg.sender; }
  function resize(uint256 n) public {
    data.length = n;
  }
  function set(uint256 i, uint256 v) public { require(i < data.length); data[i] = v; }
}`,
    fixed: `pragma solidity ^0.4.24;
contract Store {
  address owner;
  uint256[] data;
  function Store() public { owner = msg.sender; }
  function resize(uint256 n) public {
    require(msg.sender == owner);
    data.length = n;
  }
  function set(uint256 i, uint256 v) public { require(i < data.length); data[i] = v; }
}`,
  },
  {
    detector: 'controlled-array-length',
    family: 'length from a value computed from a parameter (0.5, external)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.5.0;
contract Queue {
  bytes32[] queue;
  function reserve(uint256 extra) external {
    uint256 len = queue.length + extra;
    queue.length = len;
  }
}`,
    fixed: `pragma solidity ^0.5.0;
contract Queue {
  bytes32[] queue;
  function reserve(bytes32 item) external {
    queue.push(item);
  }
}`,
  },
  {
    detector: 'controlled-array-length',
    family: 'array inside a storage struct; fixed with an owner modifier (0.4)',
    split: 'held-out',
    vulnerable: `pragma solidity ^0.4.24;
contract Book {
  struct Page { uint256[] lines; }
  Page page;
  address owner;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  function Book() public { owner = msg.sender; }
  function setLines(uint256 count) public {
    page.lines.length = count;
  }
}`,
    fixed: `pragma solidity ^0.4.24;
contract Book {
  struct Page { uint256[] lines; }
  Page page;
  address owner;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  function Book() public { owner = msg.sender; }
  function setLines(uint256 count) public onlyOwner {
    page.lines.length = count;
  }
}`,
  },
  // ---------------------------------------------------------------- return-bomb
  {
    detector: 'return-bomb',
    family: 'gas-limited call to a caller-chosen target, result kept (0.8)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.8.0;
contract Relayer {
  event Done(bool ok, bytes data);
  function relay(address target, bytes calldata payload) external {
    (bool ok, bytes memory data) = target.call{gas: 100000}(payload);
    emit Done(ok, data);
  }
}`,
    fixed: `pragma solidity ^0.8.0;
contract Relayer {
  event Done(bool ok);
  function relay(address target, bytes calldata payload) external {
    bytes memory data = payload;
    bool ok;
    assembly { ok := call(100000, target, 0, add(data, 0x20), mload(data), 0, 0) }
    emit Done(ok);
  }
}`,
  },
  {
    detector: 'return-bomb',
    family: 'gas-limited hook with the data ignored (0.5 .gas())',
    split: 'dev',
    vulnerable: `pragma solidity ^0.5.0;
contract Notifier {
  mapping(address => address) public hook;
  function setHook(address h) public { hook[msg.sender] = h; }
  function notify(address user) public {
    address h = hook[user];
    (bool ok, ) = h.call.gas(50000)(abi.encodeWithSignature("onNotify()"));
    ok;
  }
}`,
    fixed: `pragma solidity ^0.5.0;
contract Notifier {
  mapping(address => address) public hook;
  function setHook(address h) public { hook[msg.sender] = h; }
  function notify(address user) public {
    address h = hook[user];
    bytes memory payload = abi.encodeWithSignature("onNotify()");
    bool ok;
    assembly { ok := call(50000, h, 0, add(payload, 0x20), mload(payload), 0, 0) }
  }
}`,
  },
  {
    detector: 'return-bomb',
    family: 'gas-limited staticcall in a loop over receivers (0.8)',
    split: 'held-out',
    vulnerable: `pragma solidity ^0.8.0;
contract Checker {
  address[] public receivers;
  function register() external { receivers.push(msg.sender); }
  function poll() external view returns (uint256 alive) {
    for (uint256 i = 0; i < receivers.length; i++) {
      (bool ok, bytes memory ret) = receivers[i].staticcall{gas: 30000}(abi.encodeWithSignature("ping()"));
      if (ok && ret.length >= 32) alive++;
    }
  }
}`,
    fixed: `pragma solidity ^0.8.0;
contract Checker {
  address[] public receivers;
  function register() external { receivers.push(msg.sender); }
  function poll() external view returns (uint256 alive) {
    for (uint256 i = 0; i < receivers.length; i++) {
      address r = receivers[i];
      bytes memory payload = abi.encodeWithSignature("ping()");
      bool ok;
      assembly { ok := staticcall(30000, r, add(payload, 0x20), mload(payload), 0, 0) }
      if (ok) alive++;
    }
  }
}`,
  },
  // ---------------------------------------------------------------- incorrect-equality
  {
    detector: 'incorrect-equality',
    family: 'token balanceOf compared exactly (0.8)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.8.0;
${ERC20_08}
contract Crowdsale {
  IERC20 public token;
  uint256 public goal;
  bool public closed;
  constructor(IERC20 t, uint256 g) { token = t; goal = g; }
  function close() external {
    require(token.balanceOf(address(this)) == goal, "not reached");
    closed = true;
  }
}`,
    fixed: `pragma solidity ^0.8.0;
${ERC20_08}
contract Crowdsale {
  IERC20 public token;
  uint256 public goal;
  bool public closed;
  constructor(IERC20 t, uint256 g) { token = t; goal = g; }
  function close() external {
    require(token.balanceOf(address(this)) >= goal, "not reached");
    closed = true;
  }
}`,
  },
  {
    detector: 'incorrect-equality',
    family: 'ether balance kept in a local, then compared exactly (0.4)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.4.24;
contract Game {
  uint256 public deposits;
  address public winner;
  function deposit() public payable { deposits += msg.value; }
  function finish() public {
    uint256 bal = address(this).balance;
    if (bal == deposits) winner = msg.sender;
  }
}`,
    fixed: `pragma solidity ^0.4.24;
contract Game {
  uint256 public deposits;
  address public winner;
  function deposit() public payable { deposits += msg.value; }
  function finish() public {
    uint256 bal = address(this).balance;
    if (bal >= deposits) winner = msg.sender;
  }
}`,
  },
  {
    detector: 'incorrect-equality',
    family: 'exact block timestamp and token balance through a local (0.5)',
    split: 'held-out',
    vulnerable: `pragma solidity ^0.5.0;
${ERC20_04.replace(/public returns/g, 'public returns').replace('contract ERC20 {', 'interface ERC20 {').replace(/\) public/g, ') external')}
contract Vesting {
  ERC20 public token;
  uint256 public releaseTime;
  address public beneficiary;
  constructor(ERC20 t, uint256 at) public { token = t; releaseTime = at; beneficiary = msg.sender; }
  function release() public {
    require(block.timestamp == releaseTime);
    uint256 amount = token.balanceOf(address(this));
    require(amount != 0);
    require(token.transfer(beneficiary, amount));
  }
}`,
    fixed: `pragma solidity ^0.5.0;
${ERC20_04.replace('contract ERC20 {', 'interface ERC20 {').replace(/\) public/g, ') external')}
contract Vesting {
  ERC20 public token;
  uint256 public releaseTime;
  address public beneficiary;
  constructor(ERC20 t, uint256 at) public { token = t; releaseTime = at; beneficiary = msg.sender; }
  function release() public {
    require(block.timestamp >= releaseTime);
    uint256 amount = token.balanceOf(address(this));
    require(amount > 0);
    require(token.transfer(beneficiary, amount));
  }
}`,
  },
  // ---------------------------------------------------------------- protected-vars
  {
    detector: 'protected-vars',
    family: 'natspec write-protection tag, setter without the modifier (0.8)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.8.0;
contract Fees {
  address public owner;
  /// @custom:security write-protection="onlyOwner()"
  uint256 public fee;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  constructor() { owner = msg.sender; }
  function setFee(uint256 f) external { fee = f; }
}`,
    fixed: `pragma solidity ^0.8.0;
contract Fees {
  address public owner;
  /// @custom:security write-protection="onlyOwner()"
  uint256 public fee;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  constructor() { owner = msg.sender; }
  function setFee(uint256 f) external onlyOwner { fee = f; }
}`,
  },
  {
    detector: 'protected-vars',
    family: 'comment says only the owner may change it (0.4)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.4.24;
contract Oracle {
  address public owner;
  // only the owner can change the price
  uint256 public price;
  function Oracle() public { owner = msg.sender; }
  function updatePrice(uint256 p) public { price = p; }
}`,
    fixed: `pragma solidity ^0.4.24;
contract Oracle {
  address public owner;
  // only the owner can change the price
  uint256 public price;
  function Oracle() public { owner = msg.sender; }
  function updatePrice(uint256 p) public { require(msg.sender == owner); price = p; }
}`,
  },
  {
    detector: 'protected-vars',
    family: 'trailing comment, written through an internal setter (0.5)',
    split: 'held-out',
    vulnerable: `pragma solidity ^0.5.0;
contract Treasury {
  address public admin;
  address public treasury; // only admin may update
  modifier onlyAdmin() { require(msg.sender == admin); _; }
  constructor() public { admin = msg.sender; treasury = msg.sender; }
  function _setTreasury(address t) internal { treasury = t; }
  function updateTreasury(address t) public { _setTreasury(t); }
}`,
    fixed: `pragma solidity ^0.5.0;
contract Treasury {
  address public admin;
  address public treasury; // only admin may update
  modifier onlyAdmin() { require(msg.sender == admin); _; }
  constructor() public { admin = msg.sender; treasury = msg.sender; }
  function _setTreasury(address t) internal { treasury = t; }
  function updateTreasury(address t) public onlyAdmin { _setTreasury(t); }
}`,
  },
  // ---------------------------------------------------------------- uninitialized-storage-pointer (existing rule, measured here)
  {
    detector: 'uninitialized-storage-pointer',
    family: 'struct local without location (0.4)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.4.24;
contract Registrar {
  bool public unlocked = false;
  struct Record { bytes32 name; address mapped; }
  mapping(address => Record) public records;
  function register(bytes32 name, address mapped) public {
    Record newRecord;
    newRecord.name = name;
    newRecord.mapped = mapped;
    records[mapped] = newRecord;
    require(unlocked);
  }
}`,
    fixed: `pragma solidity ^0.4.24;
contract Registrar {
  bool public unlocked = false;
  struct Record { bytes32 name; address mapped; }
  mapping(address => Record) public records;
  function register(bytes32 name, address mapped) public {
    Record memory newRecord;
    newRecord.name = name;
    newRecord.mapped = mapped;
    records[mapped] = newRecord;
    require(unlocked);
  }
}`,
  },
  {
    detector: 'uninitialized-storage-pointer',
    family: 'explicit storage struct left unassigned (0.4)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.4.24;
contract Roulette {
  uint256 public secret;
  address public owner;
  struct Game { address player; uint256 number; }
  Game[] public games;
  function play(uint256 n) public payable {
    Game storage g;
    g.player = msg.sender;
    g.number = n;
    games.push(g);
  }
}`,
    fixed: `pragma solidity ^0.4.24;
contract Roulette {
  uint256 public secret;
  address public owner;
  struct Game { address player; uint256 number; }
  Game[] public games;
  function play(uint256 n) public payable {
    Game memory g;
    g.player = msg.sender;
    g.number = n;
    games.push(g);
  }
}`,
  },
  {
    detector: 'uninitialized-storage-pointer',
    family: 'dynamic array local without location (0.4)',
    split: 'held-out',
    vulnerable: `pragma solidity ^0.4.24;
contract Lottery {
  address public owner;
  uint256 public pot;
  function pick(uint256 n) public {
    uint256[] picks;
    picks.push(n);
    pot += picks[0];
  }
}`,
    fixed: `pragma solidity ^0.4.24;
contract Lottery {
  address public owner;
  uint256 public pot;
  function pick(uint256 n) public {
    uint256[] memory picks = new uint256[](1);
    picks[0] = n;
    pot += picks[0];
  }
}`,
  },
  // ---------------------------------------------------------------- suicidal behind a guard that does not guard
  {
    detector: 'unprotected-selfdestruct',
    family: 'guard that checks the caller is not zero (0.4)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.4.24;
contract Wallet {
  address public owner;
  function Wallet() public { owner = msg.sender; }
  function () public payable {}
  function kill() public {
    require(msg.sender != address(0));
    selfdestruct(msg.sender);
  }
}`,
    fixed: `pragma solidity ^0.4.24;
contract Wallet {
  address public owner;
  function Wallet() public { owner = msg.sender; }
  function () public payable {}
  function kill() public {
    require(msg.sender == owner);
    selfdestruct(msg.sender);
  }
}`,
  },
  {
    detector: 'unprotected-selfdestruct',
    family: 'modifier named onlyOwner that checks nothing (0.5)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.5.0;
contract Box {
  address payable public owner;
  modifier onlyOwner() { require(owner != address(0)); _; }
  constructor() public { owner = msg.sender; }
  function destroy() public onlyOwner { selfdestruct(owner); }
}`,
    fixed: `pragma solidity ^0.5.0;
contract Box {
  address payable public owner;
  modifier onlyOwner() { require(msg.sender == owner); _; }
  constructor() public { owner = msg.sender; }
  function destroy() public onlyOwner { selfdestruct(owner); }
}`,
  },
  {
    detector: 'unprotected-selfdestruct',
    family: 'owner check that compares the caller with itself (0.8)',
    split: 'held-out',
    vulnerable: `pragma solidity ^0.8.0;
contract Temp {
  address public owner;
  constructor() { owner = msg.sender; }
  function close(address payable to) external {
    require(msg.sender == msg.sender, "owner");
    selfdestruct(to);
  }
}`,
    fixed: `pragma solidity ^0.8.0;
contract Temp {
  address public owner;
  constructor() { owner = msg.sender; }
  function close(address payable to) external {
    require(msg.sender == owner, "owner");
    selfdestruct(to);
  }
}`,
  },
  // ---------------------------------------------------------------- arbitrary-send-eth behind a guard that does not guard
  {
    detector: 'unprotected-ether-withdrawal',
    family: 'withdraw-all guarded by tx.origin == msg.sender (0.4)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.4.24;
contract Fund {
  address public owner;
  function Fund() public { owner = msg.sender; }
  function () public payable {}
  function withdrawAll(address to) public {
    require(tx.origin == msg.sender);
    to.transfer(address(this).balance);
  }
}`,
    fixed: `pragma solidity ^0.4.24;
contract Fund {
  address public owner;
  function Fund() public { owner = msg.sender; }
  function () public payable {}
  function withdrawAll(address to) public {
    require(msg.sender == owner);
    to.transfer(address(this).balance);
  }
}`,
  },
  {
    detector: 'unprotected-ether-withdrawal',
    family: 'modifier that only checks an amount (0.5)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.5.0;
contract Pot {
  address public owner;
  modifier onlyAdmin(uint256 amount) { require(amount > 0); _; }
  constructor() public { owner = msg.sender; }
  function () external payable {}
  function payout(address payable to, uint256 amount) public onlyAdmin(amount) {
    to.transfer(amount);
  }
}`,
    fixed: `pragma solidity ^0.5.0;
contract Pot {
  address public owner;
  modifier onlyAdmin(uint256 amount) { require(amount > 0 && msg.sender == owner); _; }
  constructor() public { owner = msg.sender; }
  function () external payable {}
  function payout(address payable to, uint256 amount) public onlyAdmin(amount) {
    to.transfer(amount);
  }
}`,
  },
  {
    detector: 'unprotected-ether-withdrawal',
    family: 'if on the owner that does not stop the payment (0.8)',
    split: 'held-out',
    vulnerable: `pragma solidity ^0.8.0;
contract Jar {
  address public owner;
  uint256 public withdrawals;
  constructor() { owner = msg.sender; }
  receive() external payable {}
  function drain(address payable to) external {
    if (msg.sender == owner) { withdrawals++; }
    (bool ok, ) = to.call{value: address(this).balance}("");
    require(ok);
  }
}`,
    fixed: `pragma solidity ^0.8.0;
contract Jar {
  address public owner;
  uint256 public withdrawals;
  constructor() { owner = msg.sender; }
  receive() external payable {}
  function drain(address payable to) external {
    require(msg.sender == owner);
    withdrawals++;
    (bool ok, ) = to.call{value: address(this).balance}("");
    require(ok);
  }
}`,
  },
  // ---------------------------------------------------------------- encode-packed-collision (added second, families first)
  {
    detector: 'encode-packed-collision',
    family: 'keccak256 of two packed strings used as a key (0.8)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.8.0;
contract Registry {
  mapping(bytes32 => address) public owners;
  function register(string calldata first, string calldata last) external {
    bytes32 id = keccak256(abi.encodePacked(first, last));
    require(owners[id] == address(0));
    owners[id] = msg.sender;
  }
}`,
    fixed: `pragma solidity ^0.8.0;
contract Registry {
  mapping(bytes32 => address) public owners;
  function register(string calldata first, string calldata last) external {
    bytes32 id = keccak256(abi.encode(first, last));
    require(owners[id] == address(0));
    owners[id] = msg.sender;
  }
}`,
  },
  {
    detector: 'encode-packed-collision',
    family: 'signed message over packed dynamic arrays (0.5)',
    split: 'dev',
    vulnerable: `pragma solidity ^0.5.0;
pragma experimental ABIEncoderV2;
contract Allow {
  address public signer;
  mapping(address => bool) public admin;
  function addUsers(address[] memory admins, address[] memory users, uint8 v, bytes32 r, bytes32 s) public {
    bytes32 h = keccak256(abi.encodePacked(admins, users));
    require(ecrecover(h, v, r, s) == signer);
    for (uint256 i = 0; i < admins.length; i++) admin[admins[i]] = true;
  }
}`,
    fixed: `pragma solidity ^0.5.0;
pragma experimental ABIEncoderV2;
contract Allow {
  address public signer;
  mapping(address => bool) public admin;
  function addUsers(address[] memory admins, address[] memory users, uint8 v, bytes32 r, bytes32 s) public {
    bytes32 h = keccak256(abi.encode(admins, users));
    require(ecrecover(h, v, r, s) == signer);
    for (uint256 i = 0; i < admins.length; i++) admin[admins[i]] = true;
  }
}`,
  },
  {
    detector: 'encode-packed-collision',
    family: 'packed bytes and string state plus a parameter, fixed with a fixed-size separator (0.4)',
    split: 'held-out',
    vulnerable: `pragma solidity ^0.4.24;
contract Names {
  string public prefix = "ns";
  mapping(bytes32 => address) public holder;
  function claim(bytes label) public {
    bytes32 node = keccak256(abi.encodePacked(prefix, label));
    require(holder[node] == address(0));
    holder[node] = msg.sender;
  }
}`,
    fixed: `pragma solidity ^0.4.24;
contract Names {
  string public prefix = "ns";
  mapping(bytes32 => address) public holder;
  function claim(bytes label) public {
    bytes32 node = keccak256(abi.encodePacked(keccak256(bytes(prefix)), keccak256(label)));
    require(holder[node] == address(0));
    holder[node] = msg.sender;
  }
}`,
  },
];
