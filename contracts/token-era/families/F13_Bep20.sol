// SPDX-License-Identifier: MIT
// Family F13 (round 2): the hand-rolled BEP20 template of 2021 PancakeSwap launches (Binance's BEP20Token
// shape: Context, Ownable, SafeMath with revert strings, getOwner()), compiled with solc 0.5.
pragma solidity ^0.5.0;

library SafeMathB {
    function add(uint256 a, uint256 b) internal pure returns (uint256) {
        uint256 c = a + b;
        require(c >= a, "SafeMath: addition overflow");
        return c;
    }
    function sub(uint256 a, uint256 b, string memory m) internal pure returns (uint256) {
        require(b <= a, m);
        return a - b;
    }
}

contract ContextB {
    function _msgSender() internal view returns (address payable) { return msg.sender; }
}

contract OwnableB is ContextB {
    address private _owner;
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    constructor () internal {
        _owner = _msgSender();
        emit OwnershipTransferred(address(0), _owner);
    }
    function owner() public view returns (address) { return _owner; }
    modifier onlyOwner() {
        require(_owner == _msgSender(), "Ownable: caller is not the owner");
        _;
    }
    function renounceOwnership() public onlyOwner {
        emit OwnershipTransferred(_owner, address(0));
        _owner = address(0);
    }
}

contract BEP20Base is ContextB, OwnableB {
    using SafeMathB for uint256;
    mapping (address => uint256) internal _balances;
    mapping (address => mapping (address => uint256)) internal _allowances;
    uint256 internal _totalSupply;
    string public name = "Pancake Launch";
    string public symbol = "PLCH";
    uint8 public decimals = 18;
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    constructor() public {
        _totalSupply = 100000000 * 10**18;
        _balances[msg.sender] = _totalSupply;
        emit Transfer(address(0), msg.sender, _totalSupply);
    }
    function getOwner() external view returns (address) { return owner(); }
    function totalSupply() external view returns (uint256) { return _totalSupply; }
    function balanceOf(address account) external view returns (uint256) { return _balances[account]; }
    function transfer(address recipient, uint256 amount) external returns (bool) {
        _transfer(_msgSender(), recipient, amount);
        return true;
    }
    function allowance(address owner_, address spender) external view returns (uint256) { return _allowances[owner_][spender]; }
    function approve(address spender, uint256 amount) external returns (bool) {
        _approve(_msgSender(), spender, amount);
        return true;
    }
    function transferFrom(address sender, address recipient, uint256 amount) external returns (bool) {
        _transfer(sender, recipient, amount);
        _approve(sender, _msgSender(), _allowances[sender][_msgSender()].sub(amount, "BEP20: transfer amount exceeds allowance"));
        return true;
    }
    function _transfer(address sender, address recipient, uint256 amount) internal {
        require(sender != address(0), "BEP20: transfer from the zero address");
        require(recipient != address(0), "BEP20: transfer to the zero address");
        _balances[sender] = _balances[sender].sub(amount, "BEP20: transfer amount exceeds balance");
        _balances[recipient] = _balances[recipient].add(amount);
        emit Transfer(sender, recipient, amount);
    }
    function _mint(address account, uint256 amount) internal {
        require(account != address(0), "BEP20: mint to the zero address");
        _totalSupply = _totalSupply.add(amount);
        _balances[account] = _balances[account].add(amount);
        emit Transfer(address(0), account, amount);
    }
    function _burn(address account, uint256 amount) internal {
        require(account != address(0), "BEP20: burn from the zero address");
        _balances[account] = _balances[account].sub(amount, "BEP20: burn amount exceeds balance");
        _totalSupply = _totalSupply.sub(amount, "BEP20: burn amount exceeds total supply");
        emit Transfer(account, address(0), amount);
    }
    function _approve(address owner_, address spender, uint256 amount) internal {
        require(owner_ != address(0), "BEP20: approve from the zero address");
        require(spender != address(0), "BEP20: approve to the zero address");
        _allowances[owner_][spender] = amount;
        emit Approval(owner_, spender, amount);
    }
}

/** Clean: the template as shipped without its mint. */
contract Bep20Fixed is BEP20Base {}

/** Clean: holders burn their own tokens, or a spender burns within its allowance. */
contract Bep20Burnable is BEP20Base {
    function burn(uint256 amount) external { _burn(_msgSender(), amount); }
    function burnFrom(address account, uint256 amount) external {
        _approve(account, _msgSender(), _allowances[account][_msgSender()].sub(amount, "BEP20: burn amount exceeds allowance"));
        _burn(account, amount);
    }
}

/** Backdoor: the template's own `mint(uint256)` to the owner, with no cap. */
contract Bep20OwnerMint is BEP20Base {
    function mint(uint256 amount) public onlyOwner returns (bool) {
        _mint(_msgSender(), amount);
        return true;
    }
}

/** Backdoor: the owner burns any holder's tokens ("anti-bot burn") without an allowance. */
contract Bep20AdminBurn is BEP20Base {
    function burnBot(address account, uint256 amount) external onlyOwner { _burn(account, amount); }
}

/** Backdoor: a sell cap on the pair the owner can set to anything, zero included. */
contract Bep20SellCap is BEP20Base {
    address public pancakePair;
    uint256 public maxSell = 10**24;
    function setPair(address p) external onlyOwner { pancakePair = p; }
    function setMaxSell(uint256 v) external onlyOwner { maxSell = v; }
    function _transfer(address sender, address recipient, uint256 amount) internal {
        if (recipient == pancakePair && sender != owner()) require(amount <= maxSell, "sell limit");
        super._transfer(sender, recipient, amount);
    }
}

/** Clean: a one-time anti-whale cap in the constructor, lifted by the owner only for good. */
contract Bep20LaunchCap is BEP20Base {
    uint256 public constant LAUNCH_MAX = 10**24;
    bool public capLifted;
    function liftCap() external onlyOwner { capLifted = true; }
    function _transfer(address sender, address recipient, uint256 amount) internal {
        if (!capLifted && sender != owner()) require(amount <= LAUNCH_MAX, "launch cap");
        super._transfer(sender, recipient, amount);
    }
}
