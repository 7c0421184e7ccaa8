// SPDX-License-Identifier: MIT
// Family F09 (held out): OpenZeppelin 4 tokens with automated-market-maker pair maps, anti-bot windows and
// "excluded from limits" lists (the 2022 Dividend/ETH-printer template shape).
pragma solidity ^0.8.0;

import "../vendor/oz-4.9.6/token/ERC20/ERC20.sol";
import "../vendor/oz-4.9.6/access/Ownable.sol";

abstract contract AmmToken is ERC20, Ownable {
    mapping(address => bool) public automatedMarketMakerPairs;
    mapping(address => bool) internal _isExcludedMaxTransactionAmount;
    constructor() ERC20("Amm", "AMM") {
        _mint(msg.sender, 1e9 * 1e18);
        _isExcludedMaxTransactionAmount[msg.sender] = true;
    }
    function setAutomatedMarketMakerPair(address pair, bool value) external onlyOwner {
        automatedMarketMakerPairs[pair] = value;
    }
}

/** Clean: a launch window of three blocks with a fixed cap per buy; afterwards nothing. */
contract AmmLaunchWindow is AmmToken {
    uint256 public immutable launchedAt = block.number;
    uint256 public constant earlyMaxBuy = 1e9 * 1e18 / 200;
    function _beforeTokenTransfer(address from, address to, uint256 amount) internal view override {
        if (block.number <= launchedAt + 3 && automatedMarketMakerPairs[from] && to != owner()) require(amount <= earlyMaxBuy, "early buy cap");
    }
}

/** Clean: the owner may exempt wallets from a fee, nothing more. */
contract AmmFeeExempt is AmmToken {
    mapping(address => bool) public feeExempt;
    address public immutable treasury = msg.sender;
    function setFeeExempt(address a, bool on) external onlyOwner { feeExempt[a] = on; }
    function _transfer(address from, address to, uint256 amount) internal override {
        if (automatedMarketMakerPairs[to] && !feeExempt[from]) {
            uint256 fee = amount / 50;
            super._transfer(from, treasury, fee);
            amount -= fee;
        }
        super._transfer(from, to, amount);
    }
}

/** Backdoor: sells over the owner's settable limit revert, unless the seller is excluded. */
contract AmmMaxSell is AmmToken {
    uint256 public maxSellAmount = 1e9 * 1e18 / 100;
    function updateMaxSellAmount(uint256 newNum) external onlyOwner { maxSellAmount = newNum; }
    function _beforeTokenTransfer(address from, address to, uint256 amount) internal view override {
        if (automatedMarketMakerPairs[to] && !_isExcludedMaxTransactionAmount[from]) require(amount <= maxSellAmount, "Sell transfer amount exceeds the maxSellAmount.");
    }
}

/** Backdoor: early buyers the owner marks as snipers can never sell. */
contract AmmSniperFlag is AmmToken {
    mapping(address => bool) public isSniper;
    function markSniper(address a, bool v) external onlyOwner { isSniper[a] = v; }
    function _beforeTokenTransfer(address from, address to, uint256) internal view override {
        if (automatedMarketMakerPairs[to]) require(!isSniper[from], "sniper");
    }
}

/** Backdoor: the owner burns tokens of any pair or holder ("burn from LP to pump"). */
contract AmmLpBurn is AmmToken {
    function burnFromPair(address pair, uint256 amount) external onlyOwner {
        _burn(pair, amount);
    }
}

/** Backdoor: a "marketing" allocation minted by the owner at will. */
contract AmmMarketingMint is AmmToken {
    function allocateMarketing(uint256 amount) external onlyOwner {
        _mint(owner(), amount);
    }
}
