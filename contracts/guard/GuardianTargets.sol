// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A protocol the guardian protects (eval/guardian.ts): the simulator's EtherVault (the same reentrancy bug,
/// the same interface, so the simulator's VaultReentrancyAttacker drains it) with what real protocols add, a
/// pause that a guardian role may pull and an owner-only sweep (the target of a stolen admin key).
contract PausableEtherVault {
    mapping(address => uint256) public balances;
    address public immutable owner;
    address public immutable guardian;
    bool public paused;

    constructor(address guardian_) {
        owner = msg.sender;
        guardian = guardian_;
    }

    modifier whenNotPaused() {
        require(!paused, "paused");
        _;
    }

    function pause() external {
        require(msg.sender == guardian || msg.sender == owner, "not guardian");
        paused = true;
    }

    function unpause() external {
        require(msg.sender == owner, "owner only");
        paused = false;
    }

    function deposit() external payable whenNotPaused {
        balances[msg.sender] += msg.value;
    }

    function withdraw() external whenNotPaused {
        uint256 amount = balances[msg.sender];
        require(amount > 0, "nothing to withdraw");
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "transfer failed");
        balances[msg.sender] = 0;
    }

    function sweep(address payable to) external whenNotPaused {
        require(msg.sender == owner, "owner only");
        to.transfer(address(this).balance);
    }
}
