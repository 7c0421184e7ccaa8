// SPDX-License-Identifier: MIT
// Family F08: launch tokens with cooldowns, bot lists and anti-snipe rules.
pragma solidity ^0.8.0;

import "../lib/LaunchBase.sol";

/** Clean: a buy cooldown fixed in code, per buyer. */
contract LaunchFixedCooldown is LaunchBase {
    mapping(address => uint256) private _buyTime;
    function _limits(address from, address to, uint256) internal override {
        if (from == uniswapV2Pair) {
            require(_buyTime[to] + 30 seconds < block.timestamp, "cooldown");
            _buyTime[to] = block.timestamp;
        }
    }
}

/** Clean: snipers in the launch block pay the sell tax on buys too; nobody is ever blocked. */
contract LaunchSniperTax is LaunchBase {
    uint256 private immutable _launchBlock = block.number;
    function _limits(address from, address, uint256) internal override {
        if (from == uniswapV2Pair && block.number <= _launchBlock + 2) _buyTax = _sellTax;
    }
}

/** Backdoor: bots the owner lists cannot sell (the classic setBots). */
contract LaunchSetBots is LaunchBase {
    mapping(address => bool) private bots;
    function setBots(address[] memory bots_) public onlyOwner {
        for (uint256 i = 0; i < bots_.length; i++) bots[bots_[i]] = true;
    }
    function delBot(address notbot) public onlyOwner { bots[notbot] = false; }
    function _limits(address from, address to, uint256) internal view override {
        require(!bots[from] && !bots[to]);
    }
}

/** Backdoor: a sell cooldown the owner sets (a year stops every sale). */
contract LaunchSellCooldown is LaunchBase {
    mapping(address => uint256) private _lastBuy;
    uint256 public sellDelay = 60;
    function setSellDelay(uint256 s) external onlyOwner { sellDelay = s; }
    function _limits(address from, address to, uint256) internal override {
        if (from == uniswapV2Pair) _lastBuy[to] = block.timestamp;
        if (to == uniswapV2Pair) require(block.timestamp >= _lastBuy[from] + sellDelay, "sell cooldown");
    }
}

/** Backdoor: the owner mints for "liquidity" through the tax path (credits the marketing wallet). */
contract LaunchLiquidityMint is LaunchBase {
    function addLiquidityReserve(uint256 amount) external onlyOwner {
        _balances[_marketingWallet] += amount;
        emit Transfer(address(0), _marketingWallet, amount);
    }
}
