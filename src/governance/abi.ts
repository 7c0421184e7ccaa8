/**
 * The ABIs the proposal simulator speaks: the OpenZeppelin Governor and TimelockController it drives, and
 * the well-known interfaces it decodes calldata with when a target's own ABI is not given (ERC-20,
 * AccessControl, Ownable, ERC-1967/UUPS, governor and timelock settings).
 */
import { parseAbi, type Abi } from 'viem';

export const GOVERNOR_ABI = parseAbi([
  'event ProposalCreated(uint256 proposalId, address proposer, address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, uint256 voteStart, uint256 voteEnd, string description)',
  'event VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 weight, string reason)',
  'function state(uint256 proposalId) view returns (uint8)',
  'function proposalSnapshot(uint256 proposalId) view returns (uint256)',
  'function proposalDeadline(uint256 proposalId) view returns (uint256)',
  'function proposalProposer(uint256 proposalId) view returns (address)',
  'function proposalNeedsQueuing(uint256 proposalId) view returns (bool)',
  'function proposalVotes(uint256 proposalId) view returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes)',
  'function hasVoted(uint256 proposalId, address account) view returns (bool)',
  'function hashProposal(address[] targets, uint256[] values, bytes[] calldatas, bytes32 descriptionHash) pure returns (uint256)',
  'function propose(address[] targets, uint256[] values, bytes[] calldatas, string description) returns (uint256)',
  'function castVote(uint256 proposalId, uint8 support) returns (uint256)',
  'function queue(address[] targets, uint256[] values, bytes[] calldatas, bytes32 descriptionHash) returns (uint256)',
  'function execute(address[] targets, uint256[] values, bytes[] calldatas, bytes32 descriptionHash) payable returns (uint256)',
  'function token() view returns (address)',
  'function timelock() view returns (address)',
  'function clock() view returns (uint48)',
  'function votingDelay() view returns (uint256)',
  'function votingPeriod() view returns (uint256)',
  'function proposalThreshold() view returns (uint256)',
  'function quorum(uint256 timepoint) view returns (uint256)',
  'function quorumNumerator() view returns (uint256)',
]);

/** Compound's GovernorBravo shape: proposals by number, queue/execute by id, a Comp-like token, a Timelock with an eta. */
export const BRAVO_ABI = parseAbi([
  'event ProposalCreated(uint256 id, address proposer, address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, uint256 startBlock, uint256 endBlock, string description)',
  'event VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 votes, string reason)',
  'function proposalCount() view returns (uint256)',
  'function proposals(uint256) view returns (uint256 id, address proposer, uint256 eta, uint256 startBlock, uint256 endBlock, uint256 forVotes, uint256 againstVotes, uint256 abstainVotes, bool canceled, bool executed)',
  'function state(uint256 proposalId) view returns (uint8)',
  'function getReceipt(uint256 proposalId, address voter) view returns ((bool hasVoted, uint8 support, uint96 votes))',
  'function propose(address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, string description) returns (uint256)',
  'function castVote(uint256 proposalId, uint8 support)',
  'function queue(uint256 proposalId)',
  'function execute(uint256 proposalId) payable',
  'function comp() view returns (address)',
  'function timelock() view returns (address)',
  'function votingDelay() view returns (uint256)',
  'function votingPeriod() view returns (uint256)',
  'function proposalThreshold() view returns (uint256)',
  'function quorumVotes() view returns (uint256)',
  'function admin() view returns (address)',
]);

export const COMP_ABI = parseAbi([
  'function getPriorVotes(address account, uint256 blockNumber) view returns (uint256)',
  'function getCurrentVotes(address account) view returns (uint256)',
]);

export const BRAVO_TIMELOCK_ABI = parseAbi(['function delay() view returns (uint256)']);

export const VOTES_ABI = parseAbi([
  'event DelegateVotesChanged(address indexed delegate, uint256 previousVotes, uint256 newVotes)',
  'function getVotes(address account) view returns (uint256)',
  'function getPastVotes(address account, uint256 timepoint) view returns (uint256)',
  'function delegate(address delegatee)',
]);

export const TIMELOCK_ABI = parseAbi(['function getMinDelay() view returns (uint256)']);

/** Interfaces used to decode calldata and events whose target ABI is unknown. */
export const KNOWN_ABI: Abi = parseAbi([
  'function transfer(address to, uint256 amount) returns (bool)',
  'function transferFrom(address from, address to, uint256 amount) returns (bool)',
  'function approve(address spender, uint256 amount) returns (bool)',
  'function mint(address to, uint256 amount)',
  'function grantRole(bytes32 role, address account)',
  'function revokeRole(bytes32 role, address account)',
  'function renounceRole(bytes32 role, address callerConfirmation)',
  'function transferOwnership(address newOwner)',
  'function renounceOwnership()',
  'function upgradeToAndCall(address newImplementation, bytes data) payable',
  'function upgradeTo(address newImplementation)',
  'function changeAdmin(address newAdmin)',
  'function updateDelay(uint256 newDelay)',
  'function setVotingDelay(uint48 newVotingDelay)',
  'function setVotingPeriod(uint32 newVotingPeriod)',
  'function setProposalThreshold(uint256 newProposalThreshold)',
  'function updateQuorumNumerator(uint256 newQuorumNumerator)',
  'function updateTimelock(address newTimelock)',
  'function setFee(uint256 feeBps)',
  'function setRewardRate(uint256 rate)',
  'function delegate(address delegatee)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'event Approval(address indexed owner, address indexed spender, uint256 value)',
  'event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)',
  'event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender)',
  'event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)',
  'event Upgraded(address indexed implementation)',
  'event AdminChanged(address previousAdmin, address newAdmin)',
  'event MinDelayChange(uint256 oldDuration, uint256 newDuration)',
  'event VotingDelaySet(uint256 oldVotingDelay, uint256 newVotingDelay)',
  'event VotingPeriodSet(uint256 oldVotingPeriod, uint256 newVotingPeriod)',
  'event ProposalThresholdSet(uint256 oldProposalThreshold, uint256 newProposalThreshold)',
  'event QuorumNumeratorUpdated(uint256 oldQuorumNumerator, uint256 newQuorumNumerator)',
  'event TimelockChange(address oldTimelock, address newTimelock)',
  'event CallExecuted(bytes32 indexed id, uint256 indexed index, address target, uint256 value, bytes data)',
  'event CallScheduled(bytes32 indexed id, uint256 indexed index, address target, uint256 value, bytes data, bytes32 predecessor, uint256 delay)',
  'event ProposalExecuted(uint256 proposalId)',
  'event ProposalQueued(uint256 proposalId, uint256 etaSeconds)',
  // GovernorBravo, its Timelock and Comp/Uni-style tokens.
  'function setPendingAdmin(address pendingAdmin)',
  'function acceptAdmin()',
  'function setDelay(uint256 delay)',
  'function setMinter(address minter)',
  'function _setVotingDelay(uint256 newVotingDelay)',
  'function _setVotingPeriod(uint256 newVotingPeriod)',
  'function _setProposalThreshold(uint256 newProposalThreshold)',
  'function _setQuorumVotes(uint256 newQuorumVotes)',
  'function _setPendingAdmin(address newPendingAdmin)',
  'event NewPendingAdmin(address indexed newPendingAdmin)',
  'event NewAdmin(address indexed newAdmin)',
  'event NewDelay(uint256 indexed newDelay)',
  'event MinterChanged(address minter, address newMinter)',
  'event QuorumVotesSet(uint256 oldQuorumVotes, uint256 newQuorumVotes)',
  'event QueueTransaction(bytes32 indexed txHash, address indexed target, uint256 value, string signature, bytes data, uint256 eta)',
  'event ExecuteTransaction(bytes32 indexed txHash, address indexed target, uint256 value, string signature, bytes data, uint256 eta)',
]);

export const PROBE_ABI = parseAbi(['function owner() view returns (address)']);

/** ERC-1967 slots: implementation, admin and beacon of a proxy. */
export const EIP1967 = {
  implementation: '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc',
  admin: '0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103',
  beacon: '0xa3f0ad74e5423aebfd80d3ef4346578335a9a72aeaee59ff6cb3582b35133d50',
} as const;

/** Role names whose hash is recognised in RoleGranted/grantRole (keccak256 of the name; 0x0 is the admin role). */
export const ROLE_NAMES = ['MINTER_ROLE', 'PAUSER_ROLE', 'BURNER_ROLE', 'UPGRADER_ROLE', 'PROPOSER_ROLE', 'EXECUTOR_ROLE', 'CANCELLER_ROLE', 'ADMIN_ROLE', 'OPERATOR_ROLE', 'GOVERNOR_ROLE'] as const;
