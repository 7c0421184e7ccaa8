// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

/// @notice Argus governance devnet: the DAO's voting token (ERC20Votes, block-number clock).
contract DaoToken is ERC20, ERC20Permit, ERC20Votes {
    constructor(address holder, uint256 supply) ERC20("Dao Vote", "DVOTE") ERC20Permit("Dao Vote") {
        _mint(holder, supply);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }
}

/// @notice Argus governance devnet: an OpenZeppelin 5 Governor behind a TimelockController.
contract DaoGovernor is Governor, GovernorSettings, GovernorCountingSimple, GovernorVotes, GovernorVotesQuorumFraction, GovernorTimelockControl {
    constructor(IVotes token, TimelockController timelock, uint48 votingDelay_, uint32 votingPeriod_, uint256 threshold_, uint256 quorumPercent)
        Governor("Dao Governor")
        GovernorSettings(votingDelay_, votingPeriod_, threshold_)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(quorumPercent)
        GovernorTimelockControl(timelock)
    {}

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function quorum(uint256 blockNumber) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(blockNumber);
    }

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function _queueOperations(uint256 proposalId, address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash)
        internal
        override(Governor, GovernorTimelockControl)
        returns (uint48)
    {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(uint256 proposalId, address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash)
        internal
        override(Governor, GovernorTimelockControl)
    {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash)
        internal
        override(Governor, GovernorTimelockControl)
        returns (uint256)
    {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}

/// @notice Argus governance devnet: a protocol token whose minters are chosen by governance.
contract MintableToken is ERC20, AccessControl {
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    constructor(address admin) ERC20("Protocol Token", "PROTO") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(MINTER_ROLE, admin);
    }

    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }
}

/// @notice Argus governance devnet: a plain stablecoin-like ERC-20 the treasury holds.
contract TreasuryStable is ERC20 {
    constructor(address holder, uint256 supply) ERC20("Dao Dollar", "DUSD") {
        _mint(holder, supply);
    }
}

/// @notice Argus governance devnet: the upgradeable protocol (UUPS behind an ERC-1967 proxy), owned by the timelock.
contract LendingPoolV1 is Initializable, UUPSUpgradeable {
    address public owner;
    uint256 public feeBps;
    uint256 public rewardRate;
    mapping(address => uint256) public deposits;

    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    event FeeChanged(uint256 feeBps);

    modifier onlyOwner() {
        require(msg.sender == owner, "not owner");
        _;
    }

    function initialize(address owner_, uint256 feeBps_) external initializer {
        owner = owner_;
        feeBps = feeBps_;
        rewardRate = 100;
    }

    function setFee(uint256 feeBps_) external onlyOwner {
        require(feeBps_ <= 1000, "fee too high");
        feeBps = feeBps_;
        emit FeeChanged(feeBps_);
    }

    function setRewardRate(uint256 rate) external onlyOwner {
        rewardRate = rate;
    }

    function transferOwnership(address next) external onlyOwner {
        emit OwnershipTransferred(owner, next);
        owner = next;
    }

    function deposit() external payable {
        deposits[msg.sender] += msg.value;
    }

    function version() external pure virtual returns (string memory) {
        return "1";
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}
}

/// @notice A correct routine upgrade: same layout, one more view.
contract LendingPoolV2 is LendingPoolV1 {
    function version() external pure override returns (string memory) {
        return "2";
    }

    function totalOwed(address who) external view returns (uint256) {
        return deposits[who] + (deposits[who] * rewardRate) / 10_000;
    }
}

/// @notice Another correct upgrade: a pause flag appended to the layout.
contract LendingPoolV2Pausable is LendingPoolV1 {
    bool public paused;

    function setPaused(bool p) external onlyOwner {
        paused = p;
    }

    function version() external pure override returns (string memory) {
        return "2p";
    }
}

/// @notice Argus governance scenarios (malicious): an implementation that can destroy itself.
contract LendingPoolKill is LendingPoolV1 {
    function retire(address payable to) external {
        selfdestruct(to);
    }
}

/// @notice Argus governance scenarios (malicious): an implementation with a re-initialiser that anyone may call.
contract LendingPoolReinit is LendingPoolV1 {
    function initializeV2(address owner_) external {
        owner = owner_;
    }
}

/// @notice Argus governance scenarios (malicious): an implementation that delegatecalls wherever it is told.
contract LendingPoolExec is LendingPoolV1 {
    function execute(address target, bytes calldata data) external returns (bytes memory) {
        (bool ok, bytes memory out) = target.delegatecall(data);
        require(ok, "failed");
        return out;
    }
}

/// @notice A grant stream a team proposes: pays out to its beneficiary over time.
contract GrantVesting {
    address public immutable beneficiary;
    IERC20 public immutable token;

    constructor(address beneficiary_, IERC20 token_) {
        beneficiary = beneficiary_;
        token = token_;
    }

    function release() external {
        token.transfer(beneficiary, token.balanceOf(address(this)));
    }
}

/// @notice Argus governance devnet: the DAO's timelock, which holds the treasury.
contract DaoTimelock is TimelockController {
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelay, proposers, executors, admin)
    {}
}

/// @notice Argus governance devnet: the ERC-1967 proxy in front of the lending pool.
contract PoolProxy is ERC1967Proxy {
    constructor(address implementation, bytes memory data) ERC1967Proxy(implementation, data) {}
}
