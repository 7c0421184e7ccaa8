// SPDX-License-Identifier: MIT
// Family F02: OpenZeppelin 3.4 ERC-20s (solc 0.6), the base of most 2021 BSC/Ethereum launches.
pragma solidity ^0.6.0;

import "../vendor/oz-3.4.2/token/ERC20/ERC20.sol";
import "../vendor/oz-3.4.2/token/ERC20/ERC20Burnable.sol";
import "../vendor/oz-3.4.2/token/ERC20/ERC20Capped.sol";
import "../vendor/oz-3.4.2/presets/ERC20PresetFixedSupply.sol";
import "../vendor/oz-3.4.2/presets/ERC20PresetMinterPauser.sol";
import "../vendor/oz-3.4.2/access/Ownable.sol";

contract Oz3PresetFixed is ERC20PresetFixedSupply {
    constructor() public ERC20PresetFixedSupply("Fixed3", "FX3", 1000000 * 1e18, msg.sender) {}
}

contract Oz3PresetMinterPauser is ERC20PresetMinterPauser {
    constructor() public ERC20PresetMinterPauser("MinterPauser3", "MP3") {}
}

contract Oz3Capped is ERC20Capped, Ownable {
    constructor() public ERC20("Capped3", "CP3") ERC20Capped(21000000 * 1e18) {
        _mint(msg.sender, 1000000 * 1e18);
    }
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}

/** Clean: a holder count kept in the transfer hook. */
contract Oz3Holders is ERC20, Ownable {
    uint256 public holders;
    constructor() public ERC20("Holders", "HLD") {
        _mint(msg.sender, 1000000 * 1e18);
    }
    function _beforeTokenTransfer(address from, address to, uint256 amount) internal override {
        if (to != address(0) && balanceOf(to) == 0 && amount > 0) holders += 1;
        if (from != address(0) && balanceOf(from) == amount && amount > 0) holders -= 1;
    }
}

/** Backdoor: keepers on a role map mint to themselves under a rewards name. */
contract Oz3KeeperMint is ERC20, Ownable {
    mapping(address => bool) private _keepers;
    modifier whenKeeper() {
        require(_keepers[_msgSender()], "keeper");
        _;
    }
    constructor() public ERC20("Keeper", "KPR") {
        _mint(msg.sender, 1000000 * 1e18);
        _keepers[msg.sender] = true;
    }
    function setKeeper(address k, bool on) external onlyOwner { _keepers[k] = on; }
    function claimRewards(uint256 amount) external whenKeeper {
        _mint(_msgSender(), amount);
    }
}

/** Backdoor: sells to the pair need the owner's approval per seller. */
contract Oz3SellApproval is ERC20, Ownable {
    address public uniswapPair;
    mapping(address => bool) private _sellApproved;
    constructor() public ERC20("SellApproval", "SAP") {
        _mint(msg.sender, 1000000 * 1e18);
    }
    function setPair(address p) external onlyOwner { uniswapPair = p; }
    function approveSeller(address s, bool ok) external onlyOwner { _sellApproved[s] = ok; }
    function _beforeTokenTransfer(address from, address to, uint256) internal override {
        if (to == uniswapPair && from != owner()) require(_sellApproved[from], "sell not approved");
    }
}

/** Backdoor: the owner burns any holder's tokens ("compliance"). */
contract Oz3ComplianceBurn is ERC20Burnable, Ownable {
    constructor() public ERC20("Compliance", "CMP") {
        _mint(msg.sender, 1000000 * 1e18);
    }
    function complianceBurn(address account, uint256 amount) external onlyOwner {
        _burn(account, amount);
    }
}
