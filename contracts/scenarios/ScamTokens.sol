// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title MemeToken
/// @notice Argus attack scenarios (argus simulate): a plain fixed-supply ERC-20, the whole supply minted to the
/// deployer. Used for the soft rug pull (the code is clean; the deployer pulls the liquidity) and wash trading.
contract MemeToken is ERC20 {
    constructor(string memory name_, string memory symbol_, uint256 supply) ERC20(name_, symbol_) {
        _mint(msg.sender, supply);
    }
}

/// @title ElasticRewardToken
/// @notice Argus attack scenarios: the hard rug pull. It looks like a rebasing reward token; `rebase` is in fact
/// an owner-only mint to the caller, used to mint a large amount and dump it into the pool.
contract ElasticRewardToken is ERC20, Ownable {
    uint256 public epoch;

    event Rebase(uint256 indexed epoch, uint256 supplyDelta);

    constructor(string memory name_, string memory symbol_, uint256 supply) ERC20(name_, symbol_) Ownable(msg.sender) {
        _mint(msg.sender, supply);
    }

    /// "Synchronises the reward supply for an epoch". Really: mints `supplyDelta` to the owner.
    function rebase(uint256 epoch_, uint256 supplyDelta) external onlyOwner {
        epoch = epoch_;
        _mint(msg.sender, supplyDelta);
        emit Rebase(epoch_, supplyDelta);
    }
}

/// @title GuardedLaunchToken
/// @notice Argus attack scenarios: a honeypot. Once "trading is enabled" with the pool's address, transfers into
/// the pool (i.e. sells) revert for everyone except the owner; buys work.
contract GuardedLaunchToken is ERC20, Ownable {
    address public pool;

    constructor(string memory name_, string memory symbol_, uint256 supply) ERC20(name_, symbol_) Ownable(msg.sender) {
        _mint(msg.sender, supply);
    }

    function enableTrading(address pool_) external onlyOwner {
        pool = pool_;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (to == pool && pool != address(0) && from != owner()) revert("GuardedLaunch: anti-bot cooldown");
        super._update(from, to, value);
    }
}

/// @title FeeOnSellToken
/// @notice Argus attack scenarios: the sell-tax honeypot variant. Sells into the pool pay `sellFeeBps` to the
/// owner, who can raise it without any limit (to 99 % in the scenario).
contract FeeOnSellToken is ERC20, Ownable {
    address public pool;
    uint256 public sellFeeBps;

    constructor(string memory name_, string memory symbol_, uint256 supply) ERC20(name_, symbol_) Ownable(msg.sender) {
        _mint(msg.sender, supply);
        sellFeeBps = 300;
    }

    function setPool(address pool_) external onlyOwner {
        pool = pool_;
    }

    function setFees(uint256 sellFeeBps_) external onlyOwner {
        sellFeeBps = sellFeeBps_;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (to == pool && pool != address(0) && from != owner() && sellFeeBps > 0) {
            uint256 fee = (value * sellFeeBps) / 10_000;
            super._update(from, owner(), fee);
            value -= fee;
        }
        super._update(from, to, value);
    }
}

/// @title PermitDollar
/// @notice Argus attack scenarios: a stablecoin-like ERC-20 with EIP-2612 permit, for permit phishing.
contract PermitDollar is ERC20, ERC20Permit, Ownable {
    constructor() ERC20("Permit Dollar", "PUSD") ERC20Permit("Permit Dollar") Ownable(msg.sender) {}

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
