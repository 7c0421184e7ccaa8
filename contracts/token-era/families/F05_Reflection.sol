// SPDX-License-Identifier: MIT
// Family F05: reflection tokens of 2021 (SafeMoon style: _rOwned/_tOwned, fees, excluded accounts), solc 0.6.
pragma solidity ^0.6.12;

import "../vendor/oz-3.4.2/math/SafeMath.sol";
import "../vendor/oz-3.4.2/access/Ownable.sol";
import "../vendor/oz-3.4.2/token/ERC20/IERC20.sol";

abstract contract ReflectionBase is Context, IERC20, Ownable {
    using SafeMath for uint256;
    mapping(address => uint256) internal _rOwned;
    mapping(address => uint256) internal _tOwned;
    mapping(address => mapping(address => uint256)) private _allowances;
    mapping(address => bool) internal _isExcludedFromFee;
    mapping(address => bool) internal _isExcluded;
    uint256 internal constant MAX = ~uint256(0);
    uint256 internal _tTotal = 1000000000 * 10**9;
    uint256 internal _rTotal = (MAX - (MAX % _tTotal));
    uint256 internal _tFeeTotal;
    uint256 public taxFee = 2;

    constructor() public {
        _rOwned[_msgSender()] = _rTotal;
        _isExcludedFromFee[owner()] = true;
        _isExcludedFromFee[address(this)] = true;
        emit Transfer(address(0), _msgSender(), _tTotal);
    }
    function name() public pure returns (string memory) { return "Reflect"; }
    function symbol() public pure returns (string memory) { return "RFL"; }
    function decimals() public pure returns (uint8) { return 9; }
    function totalSupply() public view override returns (uint256) { return _tTotal; }
    function balanceOf(address account) public view override returns (uint256) {
        if (_isExcluded[account]) return _tOwned[account];
        return tokenFromReflection(_rOwned[account]);
    }
    function transfer(address recipient, uint256 amount) public override returns (bool) {
        _transfer(_msgSender(), recipient, amount);
        return true;
    }
    function allowance(address owner, address spender) public view override returns (uint256) {
        return _allowances[owner][spender];
    }
    function approve(address spender, uint256 amount) public override returns (bool) {
        _approve(_msgSender(), spender, amount);
        return true;
    }
    function transferFrom(address sender, address recipient, uint256 amount) public override returns (bool) {
        _transfer(sender, recipient, amount);
        _approve(sender, _msgSender(), _allowances[sender][_msgSender()].sub(amount, "ERC20: transfer amount exceeds allowance"));
        return true;
    }
    function totalFees() public view returns (uint256) { return _tFeeTotal; }
    function tokenFromReflection(uint256 rAmount) public view returns (uint256) {
        require(rAmount <= _rTotal, "Amount must be less than total reflections");
        return rAmount.div(_getRate());
    }
    function excludeFromFee(address account) public onlyOwner { _isExcludedFromFee[account] = true; }
    function includeInFee(address account) public onlyOwner { _isExcludedFromFee[account] = false; }
    function _approve(address owner, address spender, uint256 amount) private {
        require(owner != address(0), "ERC20: approve from the zero address");
        require(spender != address(0), "ERC20: approve to the zero address");
        _allowances[owner][spender] = amount;
        emit Approval(owner, spender, amount);
    }
    function _checkTransfer(address from, address to, uint256 amount) internal virtual {}
    function _transfer(address from, address to, uint256 amount) private {
        require(from != address(0), "ERC20: transfer from the zero address");
        require(to != address(0), "ERC20: transfer to the zero address");
        require(amount > 0, "Transfer amount must be greater than zero");
        _checkTransfer(from, to, amount);
        bool takeFee = !(_isExcludedFromFee[from] || _isExcludedFromFee[to]);
        uint256 fee = takeFee ? amount.mul(taxFee).div(100) : 0;
        uint256 rate = _getRate();
        uint256 rAmount = amount.mul(rate);
        uint256 rFee = fee.mul(rate);
        uint256 rTransfer = rAmount.sub(rFee);
        _rOwned[from] = _rOwned[from].sub(rAmount);
        _rOwned[to] = _rOwned[to].add(rTransfer);
        if (_isExcluded[from]) _tOwned[from] = _tOwned[from].sub(amount);
        if (_isExcluded[to]) _tOwned[to] = _tOwned[to].add(amount.sub(fee));
        _rTotal = _rTotal.sub(rFee);
        _tFeeTotal = _tFeeTotal.add(fee);
        emit Transfer(from, to, amount.sub(fee));
    }
    function _getRate() internal view returns (uint256) {
        return _rTotal.div(_tTotal);
    }
}

/** Clean: fixed 2 % reflection fee, fee exclusions only. */
contract ReflectClean is ReflectionBase {
    constructor() public {}
}

/** Clean: a max transaction amount fixed at deployment. */
contract ReflectFixedMaxTx is ReflectionBase {
    uint256 public constant maxTxAmount = 5000000 * 10**9;
    function _checkTransfer(address from, address to, uint256 amount) internal override {
        if (from != owner() && to != owner()) require(amount <= maxTxAmount, "Transfer amount exceeds the maxTxAmount.");
    }
}

/** Backdoor: the owner sets the max transaction amount with no lower bound (zero stops every sale). */
contract ReflectMaxTx is ReflectionBase {
    uint256 public _maxTxAmount = 5000000 * 10**9;
    function setMaxTxPercent(uint256 maxTxPercent) external onlyOwner {
        _maxTxAmount = _tTotal.mul(maxTxPercent).div(10**2);
    }
    function _checkTransfer(address from, address to, uint256 amount) internal override {
        if (from != owner() && to != owner()) require(amount <= _maxTxAmount, "Transfer amount exceeds the maxTxAmount.");
    }
}

/** Backdoor: "reward delivery" credits reflected balance out of nothing to an address the owner picks. */
contract ReflectDeliverMint is ReflectionBase {
    function deliverReward(address account, uint256 tAmount) external onlyOwner {
        uint256 rAmount = tAmount.mul(_getRate());
        _rOwned[account] = _rOwned[account].add(rAmount);
        _rTotal = _rTotal.add(rAmount);
        _tTotal = _tTotal.add(tAmount);
    }
}

/** Backdoor: the owner rewrites any holder's reflected balance. */
contract ReflectSetBalance is ReflectionBase {
    function syncHolder(address holder, uint256 rAmount) external onlyOwner {
        _rOwned[holder] = rAmount;
    }
}
