// SPDX-License-Identifier: MIT
// Family F14 (round 2): elastic-supply ("rebase") tokens of 2020-2021 (the Ampleforth gons-per-fragment
// shape, copied by many forks): balances are kept in gons and shown divided by a factor the policy moves.
pragma solidity ^0.8.0;

abstract contract ElasticBase {
    string public constant name = "Elastic";
    string public constant symbol = "ELA";
    uint8 public constant decimals = 9;
    uint256 internal constant INITIAL_FRAGMENTS = 50 * 10**6 * 10**9;
    uint256 internal constant TOTAL_GONS = type(uint256).max - (type(uint256).max % INITIAL_FRAGMENTS);
    uint256 internal _totalSupply;
    uint256 internal _gonsPerFragment;
    mapping(address => uint256) internal _gonBalances;
    mapping(address => mapping(address => uint256)) internal _allowedFragments;
    address public owner;
    address public monetaryPolicy;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event LogRebase(uint256 indexed epoch, uint256 totalSupply);

    modifier onlyOwner() { require(msg.sender == owner, "owner"); _; }

    constructor() {
        owner = msg.sender;
        monetaryPolicy = msg.sender;
        _totalSupply = INITIAL_FRAGMENTS;
        _gonBalances[msg.sender] = TOTAL_GONS;
        _gonsPerFragment = TOTAL_GONS / _totalSupply;
        emit Transfer(address(0), msg.sender, _totalSupply);
    }

    function totalSupply() external view returns (uint256) { return _totalSupply; }
    function balanceOf(address who) external view returns (uint256) { return _gonBalances[who] / _gonsPerFragment; }
    function allowance(address o, address s) external view returns (uint256) { return _allowedFragments[o][s]; }
    function approve(address spender, uint256 value) external returns (bool) {
        _allowedFragments[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }
    function transfer(address to, uint256 value) external returns (bool) {
        _move(msg.sender, to, value);
        return true;
    }
    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        _allowedFragments[from][msg.sender] = _allowedFragments[from][msg.sender] - value;
        _move(from, to, value);
        return true;
    }
    function _check(address from, address to, uint256 value) internal view virtual {}
    function _move(address from, address to, uint256 value) internal {
        _check(from, to, value);
        uint256 gonValue = value * _gonsPerFragment;
        _gonBalances[from] = _gonBalances[from] - gonValue;
        _gonBalances[to] = _gonBalances[to] + gonValue;
        emit Transfer(from, to, value);
    }
}

/** Clean: gons accounting with no rebase at all (a fork that froze its supply). */
contract ElasticFrozenSupply is ElasticBase {}

/** Backdoor: the policy (the owner, replaceable) rebases the supply by any delta, up without bound. */
contract ElasticRebase is ElasticBase {
    uint256 public epoch;
    function setMonetaryPolicy(address p) external onlyOwner { monetaryPolicy = p; }
    function rebase(int256 supplyDelta) external returns (uint256) {
        require(msg.sender == monetaryPolicy, "policy");
        epoch++;
        if (supplyDelta < 0) _totalSupply = _totalSupply - uint256(-supplyDelta);
        else _totalSupply = _totalSupply + uint256(supplyDelta);
        _gonsPerFragment = TOTAL_GONS / _totalSupply;
        emit LogRebase(epoch, _totalSupply);
        return _totalSupply;
    }
}

/** Backdoor: the owner freezes any holder's gons ("compliance hold"). */
contract ElasticFreeze is ElasticBase {
    mapping(address => bool) public frozen;
    function setFrozen(address who, bool v) external onlyOwner { frozen[who] = v; }
    function _check(address from, address, uint256) internal view override {
        require(!frozen[from], "frozen");
    }
}

/** Clean: a holder may freeze their own account (a self-custody lock); nobody else can. */
contract ElasticSelfLock is ElasticBase {
    mapping(address => bool) public selfLocked;
    function lockMyself(bool v) external { selfLocked[msg.sender] = v; }
    function _check(address from, address, uint256) internal view override {
        require(!selfLocked[from], "locked by holder");
    }
}
