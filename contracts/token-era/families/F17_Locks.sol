// SPDX-License-Identifier: MIT
// Family F17 (round 2): tokens with lock-ups and vesting of 2020-2021 (solc 0.6, OpenZeppelin 3.4):
// whose balances can be locked, by whom, and for how long.
pragma solidity ^0.6.0;

import "../vendor/oz-3.4.2/token/ERC20/ERC20.sol";
import "../vendor/oz-3.4.2/access/Ownable.sol";

/** Clean: the team's allocation is locked in the constructor until a fixed date; nobody can change it. */
contract LockTeamFixed is ERC20, Ownable {
    // Plain storage with no setter (0.6 cannot read immutables in the constructor's _mint hook).
    address public team;
    uint256 public unlockAt;
    constructor(address team_) public ERC20("Lock", "LCK") {
        team = team_;
        unlockAt = block.timestamp + 365 days;
        _mint(msg.sender, 900_000_000 ether);
        _mint(team_, 100_000_000 ether);
    }
    function _beforeTokenTransfer(address from, address, uint256) internal override {
        if (from == team) require(block.timestamp >= unlockAt, "team tokens locked");
    }
}

/** Backdoor: the owner locks any address until any time ("vesting schedule" set after the sale). */
contract LockSettable is ERC20, Ownable {
    mapping(address => uint256) public lockedUntil;
    constructor() public ERC20("Lock", "LCK") { _mint(msg.sender, 1_000_000_000 ether); }
    function setLock(address account, uint256 until) external onlyOwner { lockedUntil[account] = until; }
    function _beforeTokenTransfer(address from, address, uint256) internal override {
        require(block.timestamp >= lockedUntil[from], "locked");
    }
}

/** Clean: holders lock their own tokens for staking boosts; only they can, and only longer. */
contract LockSelfStake is ERC20, Ownable {
    mapping(address => uint256) public lockedUntil;
    constructor() public ERC20("Lock", "LCK") { _mint(msg.sender, 1_000_000_000 ether); }
    function lockMine(uint256 until) external {
        require(until >= lockedUntil[msg.sender], "only longer");
        lockedUntil[msg.sender] = until;
    }
    function _beforeTokenTransfer(address from, address, uint256) internal override {
        require(block.timestamp >= lockedUntil[from], "locked");
    }
}

/** Backdoor: the owner reclaims unvested tokens from any beneficiary, vested or not. */
contract LockClawback is ERC20, Ownable {
    mapping(address => uint256) public granted;
    constructor() public ERC20("Lock", "LCK") { _mint(msg.sender, 1_000_000_000 ether); }
    function grant(address to, uint256 amount) external onlyOwner {
        granted[to] += amount;
        _transfer(msg.sender, to, amount);
    }
    function clawback(address from) external onlyOwner {
        uint256 amount = balanceOf(from);
        granted[from] = 0;
        _transfer(from, owner(), amount);
    }
}

/** Backdoor: a global unlock time the owner can push back at will, checked on every holder's transfer. */
contract LockGlobalUnlock is ERC20, Ownable {
    uint256 public unlockTime;
    constructor() public ERC20("Lock", "LCK") {
        unlockTime = block.timestamp;
        _mint(msg.sender, 1_000_000_000 ether);
    }
    function setUnlockTime(uint256 t) external onlyOwner { unlockTime = t; }
    function _beforeTokenTransfer(address from, address, uint256) internal override {
        if (from != owner() && from != address(0)) require(block.timestamp >= unlockTime, "not yet");
    }
}
