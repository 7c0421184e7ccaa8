// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";

/// @title UpgradeableTokenProxy
/// @notice Argus token corpus: a token behind an EIP-1967 proxy (OpenZeppelin ERC1967Proxy). Its code can
/// be replaced at any time by whoever controls the implementation's upgrade function. is_proxy. The runtime
/// bytecode is the proxy's: nothing about the token itself can be told from it.
contract UpgradeableTokenProxy is ERC1967Proxy {
    constructor(address implementation, bytes memory data) ERC1967Proxy(implementation, data) {}
}

/// The implementation behind the proxy: a minimal token with an owner-only upgrade (UUPS style).
contract UpgradeableTokenImpl {
    mapping(address => uint256) public balanceOf;
    address public owner;

    event Transfer(address indexed from, address indexed to, uint256 value);

    function initialize(uint256 supply) external {
        require(owner == address(0), "initialized");
        owner = msg.sender;
        balanceOf[msg.sender] = supply;
        emit Transfer(address(0), msg.sender, supply);
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        balanceOf[msg.sender] -= amount;
        balanceOf[to] += amount;
        emit Transfer(msg.sender, to, amount);
        return true;
    }

    function upgradeTo(address next) external {
        require(msg.sender == owner, "owner");
        ERC1967Utils.upgradeToAndCall(next, "");
    }
}
