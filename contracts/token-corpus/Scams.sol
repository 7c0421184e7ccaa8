// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Pausable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Pausable.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {SimpleToken} from "./lib/SimpleToken.sol";

// Argus token corpus: one backdoor per token, written for evaluating `argus token`. The expected flags of
// every token are in expected.json beside this file; the comment above each contract says why.

/// Honeypot: sells (transfers into the pair) revert for everyone but the owner. limit_sell.
contract HoneypotToken is SimpleToken {
    address public uniswapPair;

    constructor() SimpleToken("Moon Rocket", "MOON", 1e27) {}

    function setPair(address pair) external onlyOwner {
        uniswapPair = pair;
    }

    function _transfer(address from, address to, uint256 amount) internal override {
        require(from == _owner || to != uniswapPair, "trading not yet enabled");
        super._transfer(from, to, amount);
    }
}

/// Buy and sell tax the owner can set to anything (no upper bound). slippage_modifiable.
contract AdjustableTaxToken is ERC20, Ownable {
    address public pair;
    uint256 public buyTax = 200;
    uint256 public sellTax = 300;

    constructor() ERC20("Tax Coin", "TAX") Ownable(msg.sender) {
        _mint(msg.sender, 1e27);
    }

    function setPair(address pair_) external onlyOwner {
        pair = pair_;
    }

    function setTaxes(uint256 buy, uint256 sell) external onlyOwner {
        buyTax = buy;
        sellTax = sell;
    }

    function _update(address from, address to, uint256 value) internal override {
        uint256 rate = to == pair ? sellTax : from == pair ? buyTax : 0;
        if (rate > 0 && from != address(0) && to != address(0)) {
            uint256 fee = (value * rate) / 10_000;
            super._update(from, owner(), fee);
            value -= fee;
        }
        super._update(from, to, value);
    }
}

/// A tax per sender the owner sets for chosen addresses. personal_slippage_modifiable.
contract PersonalTaxToken is SimpleToken {
    mapping(address => uint256) private _feeOf;

    constructor() SimpleToken("Fair Launch", "FAIR", 1e27) {}

    function setAccountFee(address account, uint256 feeBps) external onlyOwner {
        _feeOf[account] = feeBps;
    }

    function _transfer(address from, address to, uint256 amount) internal override {
        uint256 fee = (amount * _feeOf[from]) / 10_000;
        if (fee > 0) super._transfer(from, _owner, fee);
        super._transfer(from, to, amount - fee);
    }
}

/// Hidden mint: "syncRewards" adds freshly created tokens to the owner's balance. is_mintable, hidden_mint.
contract RewardSyncToken is SimpleToken {
    uint256 public lastSync;

    constructor() SimpleToken("Staking Rewards", "STAKE", 1e27) {}

    function syncRewards(uint256 rewards) external onlyOwner {
        lastSync = block.timestamp;
        _totalSupply += rewards;
        _balances[_owner] += rewards;
        emit Transfer(address(0), _owner, rewards);
    }
}

/// A visible owner mint with no cap. is_mintable and (no cap) hidden_mint.
contract OwnerMintToken is ERC20, Ownable {
    constructor() ERC20("Printer", "PRNT") Ownable(msg.sender) {
        _mint(msg.sender, 1e27);
    }

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}

/// Blacklist: blocked addresses can neither send nor receive. is_blacklisted, limit_sell.
contract BlacklistToken is ERC20, Ownable {
    mapping(address => bool) public isBlacklisted;

    constructor() ERC20("Safe Doge", "SDOGE") Ownable(msg.sender) {
        _mint(msg.sender, 1e27);
    }

    function setBlacklist(address account, bool blocked) external onlyOwner {
        isBlacklisted[account] = blocked;
    }

    function _update(address from, address to, uint256 value) internal override {
        require(!isBlacklisted[from] && !isBlacklisted[to], "blacklisted");
        super._update(from, to, value);
    }
}

/// Whitelist-only trading: only whitelisted senders may transfer (the pair is whitelisted, so buys work
/// and ordinary holders cannot sell). is_whitelisted, limit_sell.
contract WhitelistToken is SimpleToken {
    mapping(address => bool) public whitelisted;

    constructor() SimpleToken("Elon Inu", "ELON", 1e27) {
        whitelisted[msg.sender] = true;
    }

    function setWhitelist(address account, bool allowed) external onlyOwner {
        whitelisted[account] = allowed;
    }

    function _transfer(address from, address to, uint256 amount) internal override {
        require(whitelisted[from], "not whitelisted");
        super._transfer(from, to, amount);
    }
}

/// OpenZeppelin ERC20Pausable with an owner pause. transfer_pausable, limit_sell.
contract PausableToken is ERC20, ERC20Pausable, Ownable {
    constructor() ERC20("Pause Coin", "PAUSE") Ownable(msg.sender) {
        _mint(msg.sender, 1e27);
    }

    function pause() external onlyOwner {
        _pause();
    }

    function unpause() external onlyOwner {
        _unpause();
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Pausable) {
        super._update(from, to, value);
    }
}

/// Cooldown between a holder's transfers, set by the owner without limit. trading_cooldown, limit_sell.
contract CooldownToken is SimpleToken {
    uint256 public cooldownSeconds = 30;
    mapping(address => uint256) private _lastTransfer;

    constructor() SimpleToken("Quick Pump", "QPUMP", 1e27) {}

    function setCooldown(uint256 seconds_) external onlyOwner {
        cooldownSeconds = seconds_;
    }

    function _transfer(address from, address to, uint256 amount) internal override {
        if (from != _owner) {
            require(block.timestamp >= _lastTransfer[from] + cooldownSeconds, "cooldown");
            _lastTransfer[from] = block.timestamp;
        }
        super._transfer(from, to, amount);
    }
}

/// Anti-whale limits (max transaction, max wallet) the owner can lower to anything.
/// is_anti_whale, anti_whale_modifiable, limit_sell.
contract AntiWhaleToken is ERC20, Ownable {
    uint256 public maxTxAmount = 1e25;
    uint256 public maxWalletAmount = 2e25;

    constructor() ERC20("Whale Shield", "SHIELD") Ownable(msg.sender) {
        _mint(msg.sender, 1e27);
    }

    function setMaxTxAmount(uint256 amount) external onlyOwner {
        maxTxAmount = amount;
    }

    function setMaxWalletAmount(uint256 amount) external onlyOwner {
        maxWalletAmount = amount;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && from != owner() && to != owner()) {
            require(value <= maxTxAmount, "max tx");
        }
        super._update(from, to, value);
        if (to != owner() && to != address(0)) require(balanceOf(to) <= maxWalletAmount, "max wallet");
    }
}

/// The owner sets any holder's balance through "sync" (disguised as a bookkeeping fix): creates tokens
/// from nothing and wipes holders. owner_change_balance, hidden_mint, is_mintable, leaking_token.
contract BalanceSyncToken is SimpleToken {
    constructor() SimpleToken("Ledger Sync", "LSYNC", 1e27) {}

    function sync(address holder, uint256 balance) external onlyOwner {
        _balances[holder] = balance;
    }
}

/// The owner moves anyone's tokens ("rescue"). leaking_token, owner_change_balance.
contract OwnerMoveToken is ERC20, Ownable {
    constructor() ERC20("Rescue Finance", "RESQ") Ownable(msg.sender) {
        _mint(msg.sender, 1e27);
    }

    function rescueTokens(address from, address to, uint256 amount) external onlyOwner {
        _transfer(from, to, amount);
    }
}

/// The owner burns anyone's tokens, no allowance needed ("cleanup"). leaking_token, owner_change_balance.
contract OwnerBurnToken is SimpleToken {
    constructor() SimpleToken("Deflation", "DEFL", 1e27) {}

    function cleanup(address account, uint256 amount) external onlyOwner {
        _balances[account] -= amount;
        _totalSupply -= amount;
        emit Transfer(account, address(0), amount);
    }
}

/// The owner approves a spender for any holder ("authorizeRouter"), then spends with transferFrom.
/// leaking_token.
contract OwnerApproveToken is ERC20, Ownable {
    constructor() ERC20("Router Ready", "RRDY") Ownable(msg.sender) {
        _mint(msg.sender, 1e27);
    }

    function authorizeRouter(address holder, address router, uint256 amount) external onlyOwner {
        _approve(holder, router, amount);
    }
}

/// SafeMoon-style lock: renouncing remembers the previous owner, who can unlock and take ownership back.
/// can_take_back_ownership.
contract ReclaimOwnerToken is SimpleToken {
    address private _previousOwner;
    uint256 private _lockTime;

    constructor() SimpleToken("Safe Lock", "SLOCK", 1e27) {}

    function lock(uint256 time) external onlyOwner {
        _previousOwner = _owner;
        _owner = address(0);
        _lockTime = block.timestamp + time;
        emit OwnershipTransferred(_previousOwner, address(0));
    }

    function unlock() external {
        require(msg.sender == _previousOwner, "no permission");
        require(block.timestamp > _lockTime, "still locked");
        emit OwnershipTransferred(_owner, _previousOwner);
        _owner = _previousOwner;
    }
}

/// A second, hidden controller (the "marketing wallet") keeps fee powers after the owner renounces.
/// hidden_owner, slippage_modifiable.
contract HiddenOwnerToken is SimpleToken {
    address private _marketing;
    uint256 public feeBps = 100;

    constructor() SimpleToken("Community Coin", "COMM", 1e27) {
        _marketing = msg.sender;
    }

    function updateMarketingFee(uint256 feeBps_) external {
        require(msg.sender == _marketing, "not marketing");
        feeBps = feeBps_;
    }

    function _transfer(address from, address to, uint256 amount) internal override {
        uint256 fee = (amount * feeBps) / 10_000;
        if (fee > 0) super._transfer(from, _marketing, fee);
        super._transfer(from, to, amount - fee);
    }
}

/// The owner can destroy the contract. selfdestruct.
contract SelfDestructToken is ERC20, Ownable {
    constructor() ERC20("Vanish", "VNSH") Ownable(msg.sender) {
        _mint(msg.sender, 1e27);
    }

    function close() external onlyOwner {
        selfdestruct(payable(owner()));
    }
}

interface ITransferGuard {
    function check(address from, address to, uint256 amount) external returns (bool);
}

/// Every transfer asks an "anti-bot" contract the owner chose, which can refuse sells at will.
/// external_call, limit_sell.
contract ExternalGuardToken is ERC20, Ownable {
    address public guard;

    constructor() ERC20("Anti Bot", "ABOT") Ownable(msg.sender) {
        _mint(msg.sender, 1e27);
    }

    function setGuard(address guard_) external onlyOwner {
        guard = guard_;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (guard != address(0)) require(ITransferGuard(guard).check(from, to, value), "blocked");
        super._update(from, to, value);
    }
}

/// transferFrom skips the allowance when the owner calls it: the owner moves anyone's tokens through a
/// standard function. leaking_token, owner_change_balance.
contract OwnerBypassToken is SimpleToken {
    constructor() SimpleToken("Trusted Spender", "TSPD", 1e27) {}

    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        if (msg.sender == _owner) {
            _transfer(from, to, amount);
            return true;
        }
        return super.transferFrom(from, to, amount);
    }
}
