// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Argus protocol-risk devnet: protocols whose settings are known, for `argus protocol` and eval:compliance.
// A Safe-like multisig (Safe's view and event names), a pausable mintable token with roles, OpenZeppelin
// transparent and beacon proxies, and lenders that price collateral by a pair's spot reserves, by a
// cumulative-price TWAP, or by a Chainlink-style aggregator.

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {TransparentUpgradeableProxy} from "@openzeppelin/contracts/proxy/transparent/TransparentUpgradeableProxy.sol";
import {UpgradeableBeacon} from "@openzeppelin/contracts/proxy/beacon/UpgradeableBeacon.sol";
import {BeaconProxy} from "@openzeppelin/contracts/proxy/beacon/BeaconProxy.sol";

/// An M-of-N multisig with Safe's views (getOwners, getThreshold, nonce) and events: owners approve the
/// hash of a call; the call runs once `threshold` owners have approved it.
contract SafeLikeMultisig {
    event AddedOwner(address indexed owner);
    event RemovedOwner(address indexed owner);
    event ChangedThreshold(uint256 threshold);
    event ApproveHash(bytes32 indexed approvedHash, address indexed owner);
    event ExecutionSuccess(bytes32 indexed txHash);

    address[] private owners;
    mapping(address => bool) public isOwner;
    uint256 private threshold;
    uint256 public nonce;
    mapping(bytes32 => mapping(address => bool)) public approvedHashes;

    constructor(address[] memory owners_, uint256 threshold_) {
        require(threshold_ > 0 && threshold_ <= owners_.length, "threshold");
        for (uint256 i = 0; i < owners_.length; i++) {
            owners.push(owners_[i]);
            isOwner[owners_[i]] = true;
            emit AddedOwner(owners_[i]);
        }
        threshold = threshold_;
        emit ChangedThreshold(threshold_);
    }

    receive() external payable {}

    function getOwners() external view returns (address[] memory) {
        return owners;
    }

    function getThreshold() external view returns (uint256) {
        return threshold;
    }

    function txHash(address to, uint256 value, bytes calldata data, uint256 nonce_) public view returns (bytes32) {
        return keccak256(abi.encode(address(this), to, value, keccak256(data), nonce_));
    }

    function approveHash(bytes32 hash) external {
        require(isOwner[msg.sender], "owner only");
        approvedHashes[hash][msg.sender] = true;
        emit ApproveHash(hash, msg.sender);
    }

    function execTransaction(address to, uint256 value, bytes calldata data) external returns (bool) {
        bytes32 hash = txHash(to, value, data, nonce);
        uint256 approvals = 0;
        for (uint256 i = 0; i < owners.length; i++) if (approvedHashes[hash][owners[i]]) approvals++;
        require(approvals >= threshold, "not enough approvals");
        nonce++;
        (bool ok, ) = to.call{value: value}(data);
        require(ok, "call failed");
        emit ExecutionSuccess(hash);
        return true;
    }

    function changeThreshold(uint256 threshold_) external {
        require(msg.sender == address(this), "only through the multisig");
        require(threshold_ > 0 && threshold_ <= owners.length, "threshold");
        threshold = threshold_;
        emit ChangedThreshold(threshold_);
    }
}

/// A token with pause and mint rights held by roles.
contract PausableRoleToken is ERC20, AccessControl, Pausable {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    constructor(address admin, address pauser, address minter, address holder, uint256 supply) ERC20("Role Token", "ROLE") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, pauser);
        _grantRole(MINTER_ROLE, minter);
        _mint(holder, supply);
    }

    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override whenNotPaused {
        super._update(from, to, value);
    }
}

/// The logic behind the transparent and beacon proxies: an owned vault.
contract VaultLogic {
    address public owner;
    uint256 public total;
    bool private initialised;

    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    function initialize(address owner_) external {
        require(!initialised, "initialised");
        initialised = true;
        owner = owner_;
        emit OwnershipTransferred(address(0), owner_);
    }

    function deposit() external payable {
        total += msg.value;
    }
}

contract VaultTransparentProxy is TransparentUpgradeableProxy {
    constructor(address logic, address initialOwner, bytes memory data) TransparentUpgradeableProxy(logic, initialOwner, data) {}
}

contract VaultBeacon is UpgradeableBeacon {
    constructor(address implementation, address initialOwner) UpgradeableBeacon(implementation, initialOwner) {}
}

contract VaultBeaconProxy is BeaconProxy {
    constructor(address beacon, bytes memory data) BeaconProxy(beacon, data) {}
}

interface IPairReserves {
    function getReserves() external view returns (uint112, uint112, uint32);
    function price0CumulativeLast() external view returns (uint256);
}

interface IAggregator {
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80);
}

/// Prices collateral by the pair's reserves of this block: moved by one large swap (a flash loan).
contract SpotPriceLender is Ownable {
    IPairReserves public immutable pair;

    constructor(IPairReserves pair_) Ownable(msg.sender) {
        pair = pair_;
    }

    function collateralValue(uint256 amount) external view returns (uint256) {
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        return (amount * r1) / r0;
    }
}

/// Prices collateral by the pair's cumulative price over a window (a TWAP), updated by anyone.
contract TwapPriceLender is Ownable {
    IPairReserves public immutable pair;
    uint256 public lastCumulative;
    uint256 public lastTime;
    uint256 public average;

    constructor(IPairReserves pair_) Ownable(msg.sender) {
        pair = pair_;
    }

    function update() external {
        uint256 c = pair.price0CumulativeLast();
        if (lastTime != 0 && block.timestamp > lastTime) average = (c - lastCumulative) / (block.timestamp - lastTime);
        lastCumulative = c;
        lastTime = block.timestamp;
    }

    function collateralValue(uint256 amount) external view returns (uint256) {
        return (amount * average) >> 112;
    }
}

/// A Chainlink-style price feed (AggregatorV3Interface's latestRoundData), set by its owner.
contract DevAggregator is Ownable {
    int256 private answer;
    uint256 private updatedAt;
    uint80 private round;

    constructor(int256 answer_) Ownable(msg.sender) {
        answer = answer_;
        updatedAt = block.timestamp;
        round = 1;
    }

    function decimals() external pure returns (uint8) {
        return 8;
    }

    function setAnswer(int256 answer_) external onlyOwner {
        answer = answer_;
        updatedAt = block.timestamp;
        round++;
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (round, answer, updatedAt, updatedAt, round);
    }
}

/// Prices collateral by a Chainlink-style feed, refusing a stale answer.
contract ChainlinkPriceLender is Ownable {
    IAggregator public immutable feed;

    constructor(IAggregator feed_) Ownable(msg.sender) {
        feed = feed_;
    }

    function collateralValue(uint256 amount) external view returns (uint256) {
        (, int256 price, , uint256 updatedAt, ) = feed.latestRoundData();
        require(price > 0 && block.timestamp - updatedAt < 1 hours, "stale");
        return (amount * uint256(price)) / 1e8;
    }
}
