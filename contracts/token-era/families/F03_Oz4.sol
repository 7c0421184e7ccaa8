// SPDX-License-Identifier: MIT
// Family F03 (held out): OpenZeppelin 4.9 ERC-20s (solc 0.8), 2022's base.
pragma solidity ^0.8.0;

import "../vendor/oz-4.9.6/token/ERC20/ERC20.sol";
import "../vendor/oz-4.9.6/token/ERC20/extensions/ERC20Burnable.sol";
import "../vendor/oz-4.9.6/token/ERC20/extensions/ERC20Permit.sol";
import "../vendor/oz-4.9.6/token/ERC20/extensions/ERC20Snapshot.sol";
import "../vendor/oz-4.9.6/token/ERC20/presets/ERC20PresetFixedSupply.sol";
import "../vendor/oz-4.9.6/access/Ownable.sol";
import "../vendor/oz-4.9.6/access/AccessControl.sol";

contract Oz4PresetFixed is ERC20PresetFixedSupply {
    constructor() ERC20PresetFixedSupply("Fixed4", "FX4", 1000000 * 1e18, msg.sender) {}
}

contract Oz4PermitBurnable is ERC20, ERC20Burnable, ERC20Permit, Ownable {
    constructor() ERC20("Permit4", "PM4") ERC20Permit("Permit4") {
        _mint(msg.sender, 1000000 * 1e18);
    }
}

contract Oz4Snapshot is ERC20Snapshot, Ownable {
    constructor() ERC20("Snap4", "SN4") {
        _mint(msg.sender, 1000000 * 1e18);
    }
    function snapshot() external onlyOwner returns (uint256) {
        return _snapshot();
    }
}

/** Backdoor: an operator role (AccessControl) can move anyone's tokens. */
contract Oz4OperatorMove is ERC20, AccessControl {
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    constructor() ERC20("Operator4", "OP4") {
        _mint(msg.sender, 1000000 * 1e18);
        _grantRole(DEFAULT_ADMIN_ROLE, msg.sender);
        _grantRole(OPERATOR_ROLE, msg.sender);
    }
    function operatorTransfer(address from, address to, uint256 amount) external onlyRole(OPERATOR_ROLE) {
        _transfer(from, to, amount);
    }
}

/** Backdoor: a "frozen" list checked in the transfer hook. */
contract Oz4Frozen is ERC20, Ownable {
    mapping(address => bool) public frozen;
    constructor() ERC20("Frozen4", "FZ4") {
        _mint(msg.sender, 1000000 * 1e18);
    }
    function freeze(address account, bool on) external onlyOwner { frozen[account] = on; }
    function _beforeTokenTransfer(address from, address to, uint256 amount) internal override {
        require(!frozen[from] && !frozen[to], "frozen");
        super._beforeTokenTransfer(from, to, amount);
    }
}

/** Backdoor: an "emission" by the owner, uncapped. */
contract Oz4Emission is ERC20, Ownable {
    uint256 public lastEmission;
    constructor() ERC20("Emit4", "EM4") {
        _mint(msg.sender, 1000000 * 1e18);
    }
    function emitRewards(address to, uint256 amount) external onlyOwner {
        lastEmission = block.timestamp;
        _mint(to, amount);
    }
}
