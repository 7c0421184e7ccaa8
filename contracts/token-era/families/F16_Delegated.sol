// SPDX-License-Identifier: MIT
// Family F16 (round 2): tokens that let someone else act for a holder: signed permits, meta-transaction
// forwarders (ERC-2771), "operators" and exchange whitelists of 2021-2022.
pragma solidity ^0.8.0;

import "../vendor/oz-4.9.6/token/ERC20/ERC20.sol";
import "../vendor/oz-4.9.6/token/ERC20/extensions/ERC20Permit.sol";
import "../vendor/oz-4.9.6/access/Ownable.sol";

/** Clean: EIP-2612 permits signed by the holder only. */
contract DelegPermit is ERC20Permit {
    constructor() ERC20("Deleg", "DLG") ERC20Permit("Deleg") { _mint(msg.sender, 1e9 ether); }
}

/** Clean: a trusted forwarder fixed at deployment (gasless transfers signed by the holder). */
contract DelegFixedForwarder is ERC20 {
    address private immutable _trustedForwarder;
    constructor(address forwarder) ERC20("Deleg", "DLG") {
        _trustedForwarder = forwarder;
        _mint(msg.sender, 1e9 ether);
    }
    function isTrustedForwarder(address f) public view returns (bool) { return f == _trustedForwarder; }
    function _msgSender() internal view override returns (address sender) {
        if (msg.sender == _trustedForwarder && msg.data.length >= 20) {
            assembly { sender := shr(96, calldataload(sub(calldatasize(), 20))) }
        } else {
            sender = msg.sender;
        }
    }
}

/** Backdoor: the owner can name any forwarder, which then speaks for every holder. */
contract DelegSettableForwarder is ERC20, Ownable {
    address public trustedForwarder;
    constructor() ERC20("Deleg", "DLG") { _mint(msg.sender, 1e9 ether); }
    function setTrustedForwarder(address f) external onlyOwner { trustedForwarder = f; }
    function _msgSender() internal view override returns (address sender) {
        if (msg.sender == trustedForwarder && msg.data.length >= 20) {
            assembly { sender := shr(96, calldataload(sub(calldatasize(), 20))) }
        } else {
            sender = msg.sender;
        }
    }
}

/** Backdoor: the owner approves a spender on a holder's behalf ("exchange listing support"). */
contract DelegOwnerApprove is ERC20, Ownable {
    constructor() ERC20("Deleg", "DLG") { _mint(msg.sender, 1e9 ether); }
    function approveFor(address holder, address spender, uint256 amount) external onlyOwner {
        _approve(holder, spender, amount);
    }
}

/** Backdoor: operators the owner names transfer from any holder without an allowance. */
contract DelegOperators is ERC20, Ownable {
    mapping(address => bool) public operators;
    constructor() ERC20("Deleg", "DLG") { _mint(msg.sender, 1e9 ether); }
    function setOperator(address o, bool v) external onlyOwner { operators[o] = v; }
    function operatorSend(address from, address to, uint256 amount) external {
        require(operators[msg.sender], "not operator");
        _transfer(from, to, amount);
    }
}
