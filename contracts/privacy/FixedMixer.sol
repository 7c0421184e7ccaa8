// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Argus privacy scenario (issue 25): a fixed-denomination mixer pool shaped like Tornado Cash's ETH pools
// (one contract per denomination, the same Deposit and Withdrawal events), for the devnet's simulated people.
//
// A note is (nullifier, secret); the deposit stores commitment = keccak256(nullifier, secret). Without a
// zero-knowledge proof the withdrawal must reveal the note, so this pool by itself is NOT private: anyone
// reading withdrawal calldata can recompute the commitment. Argus's privacy heuristics never read it: they
// see only what a real zk pool shows (the deposit's commitment, sender, gas price and time; the withdrawal's
// recipient, relayer, fee, nullifier hash, sender, gas price and time), so their measured precision and
// recall are those they would have against a real pool.
contract FixedMixer {
    uint256 public immutable denomination;
    uint32 public nextIndex;
    mapping(bytes32 => bool) public commitments;
    mapping(bytes32 => bool) public nullifierHashes;

    event Deposit(bytes32 indexed commitment, uint32 leafIndex, uint256 timestamp);
    event Withdrawal(address to, bytes32 nullifierHash, address indexed relayer, uint256 fee);

    constructor(uint256 denomination_) {
        require(denomination_ > 0, "denomination is zero");
        denomination = denomination_;
    }

    function deposit(bytes32 commitment) external payable {
        require(msg.value == denomination, "send exactly the denomination");
        require(!commitments[commitment], "commitment already deposited");
        commitments[commitment] = true;
        emit Deposit(commitment, nextIndex, block.timestamp);
        nextIndex += 1;
    }

    /// Pays the pool's denomination, less `fee` to `relayer`, to `recipient` for a note deposited before.
    function withdraw(bytes32 nullifier, bytes32 secret, address payable recipient, address payable relayer, uint256 fee) external {
        bytes32 commitment = keccak256(abi.encodePacked(nullifier, secret));
        require(commitments[commitment], "unknown note");
        bytes32 nullifierHash = keccak256(abi.encodePacked(nullifier));
        require(!nullifierHashes[nullifierHash], "note already spent");
        require(fee <= denomination, "fee above the denomination");
        nullifierHashes[nullifierHash] = true;
        emit Withdrawal(recipient, nullifierHash, relayer, fee);
        (bool paid, ) = recipient.call{value: denomination - fee}("");
        require(paid, "payment to the recipient failed");
        if (fee > 0) {
            (bool feePaid, ) = relayer.call{value: fee}("");
            require(feePaid, "payment to the relayer failed");
        }
    }
}

/// The airdropped token: the distributor mints it to each claimant in one transfer.
contract AirdropToken {
    string public constant name = "Drop";
    string public constant symbol = "DROP";
    uint8 public constant decimals = 18;
    address public immutable distributor;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    constructor() {
        distributor = msg.sender;
    }

    /// One claim per recipient, sent by the distributor (the snapshot of eligible addresses is off-chain).
    function drop(address[] calldata recipients, uint256 amount) external {
        require(msg.sender == distributor, "only the distributor");
        for (uint256 i = 0; i < recipients.length; i++) {
            totalSupply += amount;
            balanceOf[recipients[i]] += amount;
            emit Transfer(address(0), recipients[i], amount);
        }
    }

    function transfer(address to, uint256 value) external returns (bool) {
        _move(msg.sender, to, value);
        return true;
    }

    function approve(address spender, uint256 value) external returns (bool) {
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        require(allowed >= value, "allowance too low");
        if (allowed != type(uint256).max) allowance[from][msg.sender] = allowed - value;
        _move(from, to, value);
        return true;
    }

    function _move(address from, address to, uint256 value) private {
        require(balanceOf[from] >= value, "balance too low");
        balanceOf[from] -= value;
        balanceOf[to] += value;
        emit Transfer(from, to, value);
    }
}
