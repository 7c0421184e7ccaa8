// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
// Argus background traffic, the extended ordinary set (issue 17, third session): liquidations, a
// Safe-like team multisig that administers itself, parameter changes and ownership handed from a deployer to its team's multisig.
// Nothing here is vulnerable on purpose.

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// A lending market for WETH against DAI at a price its owner (the team's multisig) sets, with
/// liquidations: once a borrower's debt passes 80 % of the collateral's value, anyone may repay part of it
/// and take the same value of collateral plus a 5 % bonus (how Compound and Aave markets work).
contract PricedLendingPool is Ownable {
    event PriceUpdated(uint256 weiPerToken);
    event Liquidated(address indexed borrower, address indexed liquidator, uint256 repaid, uint256 seized);

    IERC20 public immutable weth;
    IERC20 public immutable collateral;
    uint256 public weiPerToken;
    mapping(address => uint256) public supplied;
    mapping(address => uint256) public deposited;
    mapping(address => uint256) public debt;

    constructor(IERC20 weth_, IERC20 collateral_, uint256 weiPerToken_) Ownable(msg.sender) {
        weth = weth_;
        collateral = collateral_;
        weiPerToken = weiPerToken_;
    }

    function setPrice(uint256 weiPerToken_) external onlyOwner {
        require(weiPerToken_ > 0, "price");
        weiPerToken = weiPerToken_;
        emit PriceUpdated(weiPerToken_);
    }

    function collateralValue(address who) public view returns (uint256) {
        return (deposited[who] * weiPerToken) / 1e18;
    }

    function liquidatable(address who) public view returns (bool) {
        return debt[who] * 10 > collateralValue(who) * 8;
    }

    function supply(uint256 amount) external {
        weth.transferFrom(msg.sender, address(this), amount);
        supplied[msg.sender] += amount;
    }

    function withdrawSupply(uint256 amount) external {
        supplied[msg.sender] -= amount;
        weth.transfer(msg.sender, amount);
    }

    function depositCollateral(uint256 amount) external {
        collateral.transferFrom(msg.sender, address(this), amount);
        deposited[msg.sender] += amount;
    }

    function borrow(uint256 amount) external {
        debt[msg.sender] += amount;
        require(debt[msg.sender] * 10 <= collateralValue(msg.sender) * 7, "undercollateralised");
        weth.transfer(msg.sender, amount);
    }

    function repay(uint256 amount) external {
        weth.transferFrom(msg.sender, address(this), amount);
        debt[msg.sender] -= amount;
    }

    /// Repays up to half the borrower's debt and seizes collateral worth 105 % of it.
    function liquidate(address borrower, uint256 amount) external {
        require(liquidatable(borrower), "healthy");
        require(amount * 2 <= debt[borrower], "close factor");
        uint256 seized = (amount * 105 * 1e18) / (100 * weiPerToken);
        if (seized > deposited[borrower]) seized = deposited[borrower];
        weth.transferFrom(msg.sender, address(this), amount);
        debt[borrower] -= amount;
        deposited[borrower] -= seized;
        collateral.transfer(msg.sender, seized);
        emit Liquidated(borrower, msg.sender, amount, seized);
    }
}

/// A Safe-like team multisig: owners and a threshold; an owner proposes, others confirm, the last
/// confirmation executes. Owners and threshold change only through the multisig itself (a proposal to
/// its own address), as in Safe.
contract TeamSafe {
    event AddedOwner(address owner);
    event RemovedOwner(address owner);
    event ChangedThreshold(uint256 threshold);
    event ExecutionSuccess(uint256 indexed id);

    struct Proposal {
        address to;
        uint256 value;
        bytes data;
        uint256 confirmations;
        bool done;
    }

    mapping(address => bool) public isOwner;
    uint256 public ownerCount;
    uint256 public threshold;
    Proposal[] public proposals;
    mapping(uint256 => mapping(address => bool)) public confirmed;

    constructor(address[] memory owners, uint256 threshold_) {
        for (uint256 i = 0; i < owners.length; i++) isOwner[owners[i]] = true;
        ownerCount = owners.length;
        threshold = threshold_;
    }

    receive() external payable {}

    modifier onlySelf() {
        require(msg.sender == address(this), "only through the multisig");
        _;
    }

    function propose(address to, uint256 value, bytes calldata data) external returns (uint256 id) {
        require(isOwner[msg.sender], "owner only");
        id = proposals.length;
        proposals.push(Proposal(to, value, data, 1, false));
        confirmed[id][msg.sender] = true;
    }

    function confirm(uint256 id) external {
        require(isOwner[msg.sender] && !confirmed[id][msg.sender], "owner, once");
        Proposal storage p = proposals[id];
        require(!p.done, "done");
        confirmed[id][msg.sender] = true;
        p.confirmations += 1;
        if (p.confirmations >= threshold) {
            p.done = true;
            (bool ok, ) = p.to.call{value: p.value}(p.data);
            require(ok, "call failed");
            emit ExecutionSuccess(id);
        }
    }

    function addOwner(address owner) external onlySelf {
        require(!isOwner[owner], "owner");
        isOwner[owner] = true;
        ownerCount += 1;
        emit AddedOwner(owner);
    }

    function removeOwner(address owner) external onlySelf {
        require(isOwner[owner] && ownerCount - 1 >= threshold, "owner");
        isOwner[owner] = false;
        ownerCount -= 1;
        emit RemovedOwner(owner);
    }

    function changeThreshold(uint256 threshold_) external onlySelf {
        require(threshold_ > 0 && threshold_ <= ownerCount, "threshold");
        threshold = threshold_;
        emit ChangedThreshold(threshold_);
    }
}
