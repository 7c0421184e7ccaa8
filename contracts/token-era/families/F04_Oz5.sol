// SPDX-License-Identifier: MIT
// Family F04: OpenZeppelin 5 ERC-20s (solc 0.8), with the _update hook.
pragma solidity ^0.8.20;

import "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import "@openzeppelin/contracts/access/Ownable.sol";

contract Oz5Plain is ERC20 {
    constructor() ERC20("Plain5", "PL5") {
        _mint(msg.sender, 1000000 * 1e18);
    }
}

contract Oz5CappedOwned is ERC20Capped, Ownable {
    constructor() ERC20("Capped5", "CP5") ERC20Capped(21000000 * 1e18) Ownable(msg.sender) {
        _mint(msg.sender, 1000000 * 1e18);
    }
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}

contract Oz5BurnPermit is ERC20Burnable, ERC20Permit, Ownable {
    constructor() ERC20("BurnPermit5", "BP5") ERC20Permit("BurnPermit5") Ownable(msg.sender) {
        _mint(msg.sender, 1000000 * 1e18);
    }
}

/** Backdoor: an airdrop that creates tokens through _update from the zero address. */
contract Oz5Airdrop is ERC20, Ownable {
    constructor() ERC20("Airdrop5", "AD5") Ownable(msg.sender) {
        _mint(msg.sender, 1000000 * 1e18);
    }
    function airdrop(address[] calldata to, uint256 amount) external onlyOwner {
        for (uint256 i = 0; i < to.length; i++) _update(address(0), to[i], amount);
    }
}

/** Backdoor: sells (to the pair) only while the owner's switch is on, except for the owner. */
contract Oz5SellSwitch is ERC20, Ownable {
    address public pair;
    bool public sellsOpen;
    constructor() ERC20("Switch5", "SW5") Ownable(msg.sender) {
        _mint(msg.sender, 1000000 * 1e18);
    }
    function setPair(address p) external onlyOwner { pair = p; }
    function setSells(bool on) external onlyOwner { sellsOpen = on; }
    function _update(address from, address to, uint256 value) internal override {
        if (to == pair && from != owner()) require(sellsOpen, "sells closed");
        super._update(from, to, value);
    }
}

/** Clean: one-way trading start (cannot be closed again), the pair fixed at start. */
contract Oz5OneWayLaunch is ERC20, Ownable {
    bool public tradingOpen;
    constructor() ERC20("Launch5", "LN5") Ownable(msg.sender) {
        _mint(msg.sender, 1000000 * 1e18);
    }
    function openTrading() external onlyOwner { tradingOpen = true; }
    function _update(address from, address to, uint256 value) internal override {
        require(tradingOpen || from == owner() || to == owner() || from == address(0), "not open");
        super._update(from, to, value);
    }
}
