// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Argus governance devnet, second kind: a governor in the shape of Compound's GovernorBravo (propose with
/// signatures, a proposal threshold and a fixed quorum of votes, queue and execute through a Compound-style
/// Timelock with an eta and a grace period), votes from a Comp-like token with checkpoints. Written for the
/// devnet from the published interfaces; it is not Compound's code. Compiled for a pre-Cancun EVM
/// (shanghai), where SELFDESTRUCT still removes code, so the metamorphic-contract scenarios run here too.

/// @notice A Comp-like voting token: balances delegated by choice, vote checkpoints per block.
contract BravoToken {
    string public constant name = "Bravo Vote";
    string public constant symbol = "BVOTE";
    uint8 public constant decimals = 18;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    mapping(address => address) public delegates;

    struct Checkpoint {
        uint32 fromBlock;
        uint224 votes;
    }
    mapping(address => mapping(uint32 => Checkpoint)) public checkpoints;
    mapping(address => uint32) public numCheckpoints;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event DelegateChanged(address indexed delegator, address indexed fromDelegate, address indexed toDelegate);
    event DelegateVotesChanged(address indexed delegate, uint256 previousBalance, uint256 newBalance);

    constructor(address holder, uint256 supply) {
        totalSupply = supply;
        balanceOf[holder] = supply;
        emit Transfer(address(0), holder, supply);
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) allowance[from][msg.sender] = allowed - amount;
        _transfer(from, to, amount);
        return true;
    }

    function delegate(address delegatee) external {
        address current = delegates[msg.sender];
        delegates[msg.sender] = delegatee;
        emit DelegateChanged(msg.sender, current, delegatee);
        _moveVotes(current, delegatee, balanceOf[msg.sender]);
    }

    function getCurrentVotes(address account) external view returns (uint256) {
        uint32 n = numCheckpoints[account];
        return n > 0 ? checkpoints[account][n - 1].votes : 0;
    }

    function getPriorVotes(address account, uint256 blockNumber) public view returns (uint256) {
        require(blockNumber < block.number, "not yet determined");
        uint32 n = numCheckpoints[account];
        if (n == 0) return 0;
        if (checkpoints[account][n - 1].fromBlock <= blockNumber) return checkpoints[account][n - 1].votes;
        if (checkpoints[account][0].fromBlock > blockNumber) return 0;
        uint32 lower = 0;
        uint32 upper = n - 1;
        while (upper > lower) {
            uint32 center = upper - (upper - lower) / 2;
            Checkpoint memory cp = checkpoints[account][center];
            if (cp.fromBlock == blockNumber) return cp.votes;
            if (cp.fromBlock < blockNumber) lower = center;
            else upper = center - 1;
        }
        return checkpoints[account][lower].votes;
    }

    function _transfer(address from, address to, uint256 amount) internal {
        require(to != address(0), "transfer to zero");
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
        _moveVotes(delegates[from], delegates[to], amount);
    }

    function _moveVotes(address from, address to, uint256 amount) internal {
        if (from == to || amount == 0) return;
        if (from != address(0)) {
            uint32 n = numCheckpoints[from];
            uint256 old = n > 0 ? checkpoints[from][n - 1].votes : 0;
            _writeCheckpoint(from, n, old, old - amount);
        }
        if (to != address(0)) {
            uint32 n = numCheckpoints[to];
            uint256 old = n > 0 ? checkpoints[to][n - 1].votes : 0;
            _writeCheckpoint(to, n, old, old + amount);
        }
    }

    function _writeCheckpoint(address who, uint32 n, uint256 oldVotes, uint256 newVotes) internal {
        uint32 blockNumber = uint32(block.number);
        if (n > 0 && checkpoints[who][n - 1].fromBlock == blockNumber) checkpoints[who][n - 1].votes = uint224(newVotes);
        else {
            checkpoints[who][n] = Checkpoint(blockNumber, uint224(newVotes));
            numCheckpoints[who] = n + 1;
        }
        emit DelegateVotesChanged(who, oldVotes, newVotes);
    }
}

/// @notice A Compound-style timelock: the governor queues calls with an eta at least `delay` ahead; they
/// run between the eta and the end of the grace period. It holds the treasury and is admin of the protocol.
contract BravoTimelock {
    uint256 public constant GRACE_PERIOD = 14 days;
    uint256 public constant MINIMUM_DELAY = 60;
    uint256 public constant MAXIMUM_DELAY = 30 days;

    address public admin;
    address public pendingAdmin;
    uint256 public delay;
    bool private adminInitialized;
    mapping(bytes32 => bool) public queuedTransactions;

    event NewAdmin(address indexed newAdmin);
    event NewPendingAdmin(address indexed newPendingAdmin);
    event NewDelay(uint256 indexed newDelay);
    event QueueTransaction(bytes32 indexed txHash, address indexed target, uint256 value, string signature, bytes data, uint256 eta);
    event ExecuteTransaction(bytes32 indexed txHash, address indexed target, uint256 value, string signature, bytes data, uint256 eta);
    event CancelTransaction(bytes32 indexed txHash, address indexed target, uint256 value, string signature, bytes data, uint256 eta);

    constructor(address admin_, uint256 delay_) {
        require(delay_ >= MINIMUM_DELAY && delay_ <= MAXIMUM_DELAY, "delay out of range");
        admin = admin_;
        delay = delay_;
    }

    receive() external payable {}

    function setDelay(uint256 delay_) external {
        require(msg.sender == address(this), "only the timelock");
        require(delay_ >= MINIMUM_DELAY && delay_ <= MAXIMUM_DELAY, "delay out of range");
        delay = delay_;
        emit NewDelay(delay_);
    }

    function acceptAdmin() external {
        require(msg.sender == pendingAdmin, "only the pending admin");
        admin = msg.sender;
        pendingAdmin = address(0);
        emit NewAdmin(msg.sender);
    }

    function setPendingAdmin(address pendingAdmin_) external {
        // The deployer hands the timelock to the governor once; afterwards only a proposal can.
        if (adminInitialized) require(msg.sender == address(this), "only the timelock");
        else {
            require(msg.sender == admin, "only the admin");
            adminInitialized = true;
        }
        pendingAdmin = pendingAdmin_;
        emit NewPendingAdmin(pendingAdmin_);
    }

    function queueTransaction(address target, uint256 value, string memory signature, bytes memory data, uint256 eta) external returns (bytes32) {
        require(msg.sender == admin, "only the admin");
        require(eta >= block.timestamp + delay, "eta before the delay");
        bytes32 txHash = keccak256(abi.encode(target, value, signature, data, eta));
        queuedTransactions[txHash] = true;
        emit QueueTransaction(txHash, target, value, signature, data, eta);
        return txHash;
    }

    function cancelTransaction(address target, uint256 value, string memory signature, bytes memory data, uint256 eta) external {
        require(msg.sender == admin, "only the admin");
        bytes32 txHash = keccak256(abi.encode(target, value, signature, data, eta));
        queuedTransactions[txHash] = false;
        emit CancelTransaction(txHash, target, value, signature, data, eta);
    }

    function executeTransaction(address target, uint256 value, string memory signature, bytes memory data, uint256 eta) external payable returns (bytes memory) {
        require(msg.sender == admin, "only the admin");
        bytes32 txHash = keccak256(abi.encode(target, value, signature, data, eta));
        require(queuedTransactions[txHash], "not queued");
        require(block.timestamp >= eta, "timelock not passed");
        require(block.timestamp <= eta + GRACE_PERIOD, "stale");
        queuedTransactions[txHash] = false;
        bytes memory callData = bytes(signature).length == 0 ? data : abi.encodePacked(bytes4(keccak256(bytes(signature))), data);
        (bool ok, bytes memory out) = target.call{value: value}(callData);
        require(ok, "transaction reverted");
        emit ExecuteTransaction(txHash, target, value, signature, data, eta);
        return out;
    }
}

interface IBravoTimelock {
    function delay() external view returns (uint256);
    function GRACE_PERIOD() external view returns (uint256);
    function acceptAdmin() external;
    function queuedTransactions(bytes32) external view returns (bool);
    function queueTransaction(address, uint256, string calldata, bytes calldata, uint256) external returns (bytes32);
    function executeTransaction(address, uint256, string calldata, bytes calldata, uint256) external payable returns (bytes memory);
}

interface IBravoVotes {
    function getPriorVotes(address account, uint256 blockNumber) external view returns (uint256);
}

/// @notice A governor in the GovernorBravo shape; its admin (settings) is the timelock.
contract BravoGovernor {
    string public constant name = "Bravo Governor";
    IBravoTimelock public timelock;
    IBravoVotes public comp;
    address public admin;
    address public pendingAdmin;
    uint256 public votingDelay;
    uint256 public votingPeriod;
    uint256 public proposalThreshold;
    uint256 public quorumVotes;
    uint256 public proposalCount;

    struct Proposal {
        uint256 id;
        address proposer;
        uint256 eta;
        uint256 startBlock;
        uint256 endBlock;
        uint256 forVotes;
        uint256 againstVotes;
        uint256 abstainVotes;
        bool canceled;
        bool executed;
    }

    struct Actions {
        address[] targets;
        uint256[] values;
        string[] signatures;
        bytes[] calldatas;
    }

    struct Receipt {
        bool hasVoted;
        uint8 support;
        uint96 votes;
    }

    enum ProposalState { Pending, Active, Canceled, Defeated, Succeeded, Queued, Expired, Executed }

    mapping(uint256 => Proposal) public proposals;
    mapping(uint256 => Actions) private actions;
    mapping(uint256 => mapping(address => Receipt)) private receipts;
    mapping(address => uint256) public latestProposalIds;

    event ProposalCreated(uint256 id, address proposer, address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, uint256 startBlock, uint256 endBlock, string description);
    event VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 votes, string reason);
    event ProposalCanceled(uint256 id);
    event ProposalQueued(uint256 id, uint256 eta);
    event ProposalExecuted(uint256 id);
    event VotingDelaySet(uint256 oldVotingDelay, uint256 newVotingDelay);
    event VotingPeriodSet(uint256 oldVotingPeriod, uint256 newVotingPeriod);
    event ProposalThresholdSet(uint256 oldProposalThreshold, uint256 newProposalThreshold);
    event QuorumVotesSet(uint256 oldQuorumVotes, uint256 newQuorumVotes);
    event NewAdmin(address oldAdmin, address newAdmin);
    event NewPendingAdmin(address oldPendingAdmin, address newPendingAdmin);

    constructor(address timelock_, address comp_, address admin_, uint256 votingDelay_, uint256 votingPeriod_, uint256 threshold_, uint256 quorum_) {
        timelock = IBravoTimelock(timelock_);
        comp = IBravoVotes(comp_);
        admin = admin_;
        votingDelay = votingDelay_;
        votingPeriod = votingPeriod_;
        proposalThreshold = threshold_;
        quorumVotes = quorum_;
    }

    modifier onlyAdmin() {
        require(msg.sender == admin, "only the admin");
        _;
    }

    function propose(address[] memory targets, uint256[] memory values, string[] memory signatures, bytes[] memory calldatas, string memory description) external returns (uint256) {
        require(comp.getPriorVotes(msg.sender, block.number - 1) > proposalThreshold, "votes below the proposal threshold");
        require(targets.length == values.length && targets.length == signatures.length && targets.length == calldatas.length, "arity mismatch");
        require(targets.length > 0 && targets.length <= 10, "1 to 10 actions");
        uint256 latest = latestProposalIds[msg.sender];
        if (latest != 0) {
            ProposalState s = state(latest);
            require(s != ProposalState.Active && s != ProposalState.Pending, "one live proposal per proposer");
        }
        uint256 id = ++proposalCount;
        uint256 startBlock = block.number + votingDelay;
        uint256 endBlock = startBlock + votingPeriod;
        proposals[id] = Proposal(id, msg.sender, 0, startBlock, endBlock, 0, 0, 0, false, false);
        actions[id] = Actions(targets, values, signatures, calldatas);
        latestProposalIds[msg.sender] = id;
        emit ProposalCreated(id, msg.sender, targets, values, signatures, calldatas, startBlock, endBlock, description);
        return id;
    }

    function queue(uint256 proposalId) external {
        require(state(proposalId) == ProposalState.Succeeded, "proposal has not succeeded");
        uint256 eta = block.timestamp + timelock.delay();
        Actions storage a = actions[proposalId];
        for (uint256 i = 0; i < a.targets.length; i++) {
            require(!timelock.queuedTransactions(keccak256(abi.encode(a.targets[i], a.values[i], a.signatures[i], a.calldatas[i], eta))), "action already queued");
            timelock.queueTransaction(a.targets[i], a.values[i], a.signatures[i], a.calldatas[i], eta);
        }
        proposals[proposalId].eta = eta;
        emit ProposalQueued(proposalId, eta);
    }

    function execute(uint256 proposalId) external payable {
        require(state(proposalId) == ProposalState.Queued, "proposal is not queued");
        Proposal storage p = proposals[proposalId];
        p.executed = true;
        Actions storage a = actions[proposalId];
        // The timelock pays the values from the treasury it holds (Compound's first Bravo made the
        // executor send them with the call).
        for (uint256 i = 0; i < a.targets.length; i++) {
            timelock.executeTransaction(a.targets[i], a.values[i], a.signatures[i], a.calldatas[i], p.eta);
        }
        emit ProposalExecuted(proposalId);
    }

    function cancel(uint256 proposalId) external {
        Proposal storage p = proposals[proposalId];
        require(state(proposalId) != ProposalState.Executed, "already executed");
        require(msg.sender == p.proposer || comp.getPriorVotes(p.proposer, block.number - 1) < proposalThreshold, "proposer above threshold");
        p.canceled = true;
        emit ProposalCanceled(proposalId);
    }

    function getActions(uint256 proposalId) external view returns (address[] memory, uint256[] memory, string[] memory, bytes[] memory) {
        Actions storage a = actions[proposalId];
        return (a.targets, a.values, a.signatures, a.calldatas);
    }

    function getReceipt(uint256 proposalId, address voter) external view returns (Receipt memory) {
        return receipts[proposalId][voter];
    }

    function state(uint256 proposalId) public view returns (ProposalState) {
        require(proposalId > 0 && proposalId <= proposalCount, "unknown proposal");
        Proposal storage p = proposals[proposalId];
        if (p.canceled) return ProposalState.Canceled;
        if (block.number <= p.startBlock) return ProposalState.Pending;
        if (block.number <= p.endBlock) return ProposalState.Active;
        if (p.forVotes <= p.againstVotes || p.forVotes < quorumVotes) return ProposalState.Defeated;
        if (p.eta == 0) return ProposalState.Succeeded;
        if (p.executed) return ProposalState.Executed;
        if (block.timestamp >= p.eta + timelock.GRACE_PERIOD()) return ProposalState.Expired;
        return ProposalState.Queued;
    }

    function castVote(uint256 proposalId, uint8 support) external {
        emit VoteCast(msg.sender, proposalId, support, _castVote(msg.sender, proposalId, support), "");
    }

    function _castVote(address voter, uint256 proposalId, uint8 support) internal returns (uint96) {
        require(state(proposalId) == ProposalState.Active, "voting is closed");
        require(support <= 2, "invalid vote type");
        Proposal storage p = proposals[proposalId];
        Receipt storage r = receipts[proposalId][voter];
        require(!r.hasVoted, "already voted");
        uint96 votes = uint96(comp.getPriorVotes(voter, p.startBlock));
        if (support == 0) p.againstVotes += votes;
        else if (support == 1) p.forVotes += votes;
        else p.abstainVotes += votes;
        r.hasVoted = true;
        r.support = support;
        r.votes = votes;
        return votes;
    }

    function _setVotingDelay(uint256 newVotingDelay) external onlyAdmin {
        emit VotingDelaySet(votingDelay, newVotingDelay);
        votingDelay = newVotingDelay;
    }

    function _setVotingPeriod(uint256 newVotingPeriod) external onlyAdmin {
        emit VotingPeriodSet(votingPeriod, newVotingPeriod);
        votingPeriod = newVotingPeriod;
    }

    function _setProposalThreshold(uint256 newProposalThreshold) external onlyAdmin {
        emit ProposalThresholdSet(proposalThreshold, newProposalThreshold);
        proposalThreshold = newProposalThreshold;
    }

    function _setQuorumVotes(uint256 newQuorumVotes) external onlyAdmin {
        emit QuorumVotesSet(quorumVotes, newQuorumVotes);
        quorumVotes = newQuorumVotes;
    }

    function _setPendingAdmin(address newPendingAdmin) external onlyAdmin {
        emit NewPendingAdmin(pendingAdmin, newPendingAdmin);
        pendingAdmin = newPendingAdmin;
    }

    function _acceptAdmin() external {
        require(msg.sender == pendingAdmin && msg.sender != address(0), "only the pending admin");
        emit NewAdmin(admin, pendingAdmin);
        admin = pendingAdmin;
        pendingAdmin = address(0);
    }

    /// @notice Completes the timelock hand-over the deployer started (anyone may call).
    function __acceptTimelockAdmin() external {
        timelock.acceptAdmin();
    }
}

/// @notice A plain ERC-20 the Bravo treasury holds.
contract BravoStable {
    string public constant name = "Bravo Dollar";
    string public constant symbol = "BUSD";
    uint8 public constant decimals = 18;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    constructor(address holder, uint256 supply) {
        totalSupply = supply;
        balanceOf[holder] = supply;
        emit Transfer(address(0), holder, supply);
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        balanceOf[msg.sender] -= amount;
        balanceOf[to] += amount;
        emit Transfer(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) allowance[from][msg.sender] = allowed - amount;
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
        return true;
    }
}

/// @notice A Uni-style protocol token with one minter, chosen by governance.
contract BravoMintable {
    uint256 public totalSupply;
    address public minter;
    mapping(address => uint256) public balanceOf;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event MinterChanged(address minter, address newMinter);

    constructor(address minter_) {
        minter = minter_;
    }

    function setMinter(address newMinter) external {
        require(msg.sender == minter, "only the minter");
        emit MinterChanged(minter, newMinter);
        minter = newMinter;
    }

    function mint(address to, uint256 amount) external {
        require(msg.sender == minter, "only the minter");
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }
}

/// @notice The Bravo DAO's protocol contract: parameters set by its admin (the timelock).
contract BravoMarket {
    address public admin;
    uint256 public reserveFactor;
    uint256 public collateralFactor;

    event NewReserveFactor(uint256 oldFactor, uint256 newFactor);
    event NewCollateralFactor(uint256 oldFactor, uint256 newFactor);

    function initialize(address admin_) external {
        require(admin == address(0), "initialized");
        admin = admin_;
        reserveFactor = 1000;
        collateralFactor = 7500;
    }

    function setReserveFactor(uint256 factor) external {
        require(msg.sender == admin, "only the admin");
        require(factor <= 5000, "too high");
        emit NewReserveFactor(reserveFactor, factor);
        reserveFactor = factor;
    }

    function setCollateralFactor(uint256 factor) external {
        require(msg.sender == admin, "only the admin");
        require(factor <= 9000, "too high");
        emit NewCollateralFactor(collateralFactor, factor);
        collateralFactor = factor;
    }

    function version() external pure virtual returns (uint256) {
        return 1;
    }
}

/// @notice A routine upgrade of the market: same layout, a new view.
contract BravoMarketV2 is BravoMarket {
    function version() external pure override returns (uint256) {
        return 2;
    }

    function utilisation() external view returns (uint256) {
        return reserveFactor + collateralFactor;
    }
}

/// @notice The upgradeable protocol: an ERC-1967 proxy whose admin (upgrades) is the timelock.
contract BravoProxy {
    bytes32 private constant IMPLEMENTATION_SLOT = 0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc;
    bytes32 private constant ADMIN_SLOT = 0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103;

    event Upgraded(address indexed implementation);
    event AdminChanged(address previousAdmin, address newAdmin);

    constructor(address implementation, address admin_, bytes memory init) {
        _setSlot(IMPLEMENTATION_SLOT, implementation);
        _setSlot(ADMIN_SLOT, admin_);
        emit Upgraded(implementation);
        if (init.length > 0) {
            (bool ok, ) = implementation.delegatecall(init);
            require(ok, "init failed");
        }
    }

    /// Upgrade entry points answer the admin only; everyone else reaches the implementation.
    function upgradeTo(address implementation) external {
        require(msg.sender == _getSlot(ADMIN_SLOT), "only the proxy admin");
        require(implementation.code.length > 0, "no code");
        _setSlot(IMPLEMENTATION_SLOT, implementation);
        emit Upgraded(implementation);
    }

    function changeAdmin(address newAdmin) external {
        require(msg.sender == _getSlot(ADMIN_SLOT), "only the proxy admin");
        emit AdminChanged(_getSlot(ADMIN_SLOT), newAdmin);
        _setSlot(ADMIN_SLOT, newAdmin);
    }

    fallback() external payable {
        address impl = _getSlot(IMPLEMENTATION_SLOT);
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), impl, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            switch ok
            case 0 { revert(0, returndatasize()) }
            default { return(0, returndatasize()) }
        }
    }

    receive() external payable {}

    function _getSlot(bytes32 slot) private view returns (address a) {
        assembly {
            a := sload(slot)
        }
    }

    function _setSlot(bytes32 slot, address a) private {
        assembly {
            sstore(slot, a)
        }
    }
}

/// @notice A CREATE2 factory (salted deployments at addresses known in advance).
contract Create2Factory {
    event Deployed(address addr, bytes32 salt);

    function deploy(bytes32 salt, bytes memory code) external returns (address addr) {
        assembly {
            addr := create2(0, add(code, 32), mload(code), salt)
        }
        require(addr != address(0), "create2 failed");
        emit Deployed(addr, salt);
    }
}

/// @notice A deployer contract (placed by CREATE2) that places proposal contracts with CREATE; its owner
/// can remove it, which on a pre-Cancun chain resets its nonce when it is placed again.
contract ProposalDeployer {
    address public immutable owner;

    event Deployed(address addr);

    constructor() {
        owner = tx.origin;
    }

    function deploy(bytes memory code) external returns (address addr) {
        require(msg.sender == owner, "only the owner");
        assembly {
            addr := create(0, add(code, 32), mload(code))
        }
        require(addr != address(0), "create failed");
        emit Deployed(addr);
    }

    function destroy() external {
        require(msg.sender == owner, "only the owner");
        selfdestruct(payable(owner));
    }
}

interface IBravoErc20 {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function transfer(address to, uint256 amount) external returns (bool);
}

/// @notice A proposal helper: moves an approved amount of the treasury's stablecoin into a vault. Its
/// author kept an emergency stop that removes it (as Tornado Cash's proposal 20 did).
contract MigrationHelper {
    address public immutable author;

    constructor() {
        author = tx.origin;
    }

    function migrate(IBravoErc20 token, address from, address vault, uint256 amount) external {
        token.transferFrom(from, vault, amount);
    }

    function emergencyStop() external {
        require(msg.sender == author, "only the author");
        selfdestruct(payable(author));
    }
}

/// @notice What the author puts at the helper's address after the vote: the same entry point, sending
/// the treasury's approved tokens to the author.
contract MigrationHelperSwapped {
    address public immutable author;

    constructor() {
        author = tx.origin;
    }

    function migrate(IBravoErc20 token, address from, address, uint256 amount) external {
        token.transferFrom(from, author, amount);
    }
}

/// @notice A vault the DAO keeps funds in, owned by the timelock.
contract BravoVault {
    address public owner;

    constructor(address owner_) {
        owner = owner_;
    }

    function sweep(IBravoErc20 token, address to, uint256 amount) external {
        require(msg.sender == owner, "only the owner");
        token.transfer(to, amount);
    }
}

/// @notice A grant stream placed with CREATE2 by the team (no way to remove it).
contract BravoGrantStream {
    address public immutable beneficiary;
    uint256 public immutable start;

    constructor(address beneficiary_) {
        beneficiary = beneficiary_;
        start = block.timestamp;
    }

    receive() external payable {}
}

/// @notice An OTC desk that swaps the treasury's stablecoin for ETH at a posted price.
contract OtcDesk {
    address public immutable maker;
    uint256 public immutable weiPerToken;

    constructor(uint256 weiPerToken_) payable {
        maker = msg.sender;
        weiPerToken = weiPerToken_;
    }

    function sellTokens(IBravoErc20 token, uint256 amount) external {
        token.transferFrom(msg.sender, maker, amount);
        (bool ok, ) = msg.sender.call{value: (amount * weiPerToken) / 1e18}("");
        require(ok, "payment failed");
    }
}
