// SPDX-License-Identifier: MIT
// Family F07: launch tokens with max-transaction and max-wallet limits and a trading switch.
pragma solidity ^0.8.0;

import "../lib/LaunchBase.sol";

/** Clean: limits fixed in code; the owner can only lift them for good. */
contract LaunchFixedLimits is LaunchBase {
    bool public limitsInEffect = true;
    uint256 public constant maxTx = totalSupply / 50;
    uint256 public constant maxWallet = totalSupply / 25;
    function removeLimits() external onlyOwner { limitsInEffect = false; }
    function _limits(address, address to, uint256 amount) internal view override {
        if (limitsInEffect) {
            require(amount <= maxTx, "max tx");
            if (to != uniswapV2Pair) require(_balances[to] + amount <= maxWallet, "max wallet");
        }
    }
}

/** Clean: trading opened once, never closed. */
contract LaunchOpenOnce is LaunchBase {
    bool private tradingOpen;
    function openTrading() external onlyOwner {
        require(!tradingOpen, "trading is already open");
        tradingOpen = true;
    }
    function _limits(address, address, uint256) internal view override {
        require(tradingOpen, "trading not open");
    }
}

/** Backdoor: the owner sets the max transaction amount to anything, zero included. */
contract LaunchSettableMaxTx is LaunchBase {
    uint256 public _maxTxAmount = totalSupply / 50;
    function setMaxTxAmount(uint256 maxTxAmount) external onlyOwner { _maxTxAmount = maxTxAmount; }
    function _limits(address, address, uint256 amount) internal view override {
        require(amount <= _maxTxAmount, "Transfer amount exceeds the maxTxAmount.");
    }
}

/** Backdoor: trading can be switched off again at any time. */
contract LaunchTradingToggle is LaunchBase {
    bool public tradingEnabled;
    function setTrading(bool on) external onlyOwner { tradingEnabled = on; }
    function _limits(address, address, uint256) internal view override {
        require(tradingEnabled, "trading disabled");
    }
}

/** Backdoor: a sell-only cap the owner can set (buys are free, sells are capped). */
contract LaunchSellCap is LaunchBase {
    uint256 private _maxSell = totalSupply / 100;
    function setMaxSell(uint256 v) external onlyOwner { _maxSell = v; }
    function _limits(address, address to, uint256 amount) internal view override {
        if (to == uniswapV2Pair) require(amount <= _maxSell, "sell too large");
    }
}
