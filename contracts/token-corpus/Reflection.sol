// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Argus token corpus: a compact SafeMoon-style reflection token, the template of many 2021 rug pulls:
// reflected and true balances (`_rOwned`, `_tOwned`), excluded accounts, a tax computed six calls below
// transfer(), a max-transaction limit, a router swap inside transfers, and the lock/unlock ownership trick.

interface IRouter {
    function swapExactTokensForETHSupportingFeeOnTransferTokens(uint256 amountIn, uint256 amountOutMin, address[] calldata path, address to, uint256 deadline) external;
    function WETH() external pure returns (address);
}

contract LockOwnable {
    address private _owner;
    address private _previousOwner;
    uint256 private _lockTime;

    constructor() {
        _owner = msg.sender;
    }

    function owner() public view returns (address) {
        return _owner;
    }

    modifier onlyOwner() {
        require(_owner == msg.sender, "Ownable: caller is not the owner");
        _;
    }

    function renounceOwnership() public virtual onlyOwner {
        _owner = address(0);
    }

    function transferOwnership(address newOwner) public virtual onlyOwner {
        require(newOwner != address(0), "zero");
        _owner = newOwner;
    }

    /// Locks the contract for `time` seconds: looks like renouncing, but remembers the owner.
    function lock(uint256 time) public virtual onlyOwner {
        _previousOwner = _owner;
        _owner = address(0);
        _lockTime = block.timestamp + time;
    }

    function unlock() public virtual {
        require(_previousOwner == msg.sender, "You don't have permission to unlock");
        require(block.timestamp > _lockTime, "Contract is locked");
        _owner = _previousOwner;
    }
}

/// slippage_modifiable, is_anti_whale, anti_whale_modifiable, limit_sell (the owner can lower the max
/// transaction to nothing), external_call (router swap in transfers), can_take_back_ownership.
contract MiniMoon is LockOwnable {
    mapping(address => uint256) private _rOwned;
    mapping(address => uint256) private _tOwned;
    mapping(address => mapping(address => uint256)) private _allowances;
    mapping(address => bool) private _isExcludedFromFee;
    mapping(address => bool) private _isExcluded;

    uint256 private constant MAX = ~uint256(0);
    uint256 private _tTotal = 1e24;
    uint256 private _rTotal = (MAX - (MAX % 1e24));
    uint256 public _taxFee = 5;
    uint256 public _maxTxAmount = 5e21;
    uint256 public numTokensSellToAddToLiquidity = 5e20;
    IRouter public immutable router;
    address public pair;
    bool private inSwap;

    event Transfer(address indexed from, address indexed to, uint256 value);

    constructor(IRouter router_) {
        router = router_;
        _rOwned[msg.sender] = _rTotal;
        _isExcludedFromFee[msg.sender] = true;
        _isExcludedFromFee[address(this)] = true;
        emit Transfer(address(0), msg.sender, _tTotal);
    }

    function name() public pure returns (string memory) { return "MiniMoon"; }
    function symbol() public pure returns (string memory) { return "MMOON"; }
    function decimals() public pure returns (uint8) { return 9; }
    function totalSupply() public view returns (uint256) { return _tTotal; }

    function balanceOf(address account) public view returns (uint256) {
        if (_isExcluded[account]) return _tOwned[account];
        return tokenFromReflection(_rOwned[account]);
    }

    function allowance(address holder, address spender) public view returns (uint256) {
        return _allowances[holder][spender];
    }

    function approve(address spender, uint256 amount) public returns (bool) {
        _allowances[msg.sender][spender] = amount;
        return true;
    }

    function transfer(address recipient, uint256 amount) public returns (bool) {
        _transfer(msg.sender, recipient, amount);
        return true;
    }

    function transferFrom(address sender, address recipient, uint256 amount) public returns (bool) {
        _allowances[sender][msg.sender] -= amount;
        _transfer(sender, recipient, amount);
        return true;
    }

    function setPair(address pair_) external onlyOwner { pair = pair_; }
    function excludeFromFee(address account) public onlyOwner { _isExcludedFromFee[account] = true; }
    function setTaxFeePercent(uint256 taxFee) external onlyOwner { _taxFee = taxFee; }
    function setMaxTxPercent(uint256 maxTxPercent) external onlyOwner { _maxTxAmount = (_tTotal * maxTxPercent) / 100; }

    function tokenFromReflection(uint256 rAmount) public view returns (uint256) {
        return rAmount / _getRate();
    }

    function _getRate() private view returns (uint256) {
        return _rTotal / _tTotal;
    }

    function _transfer(address from, address to, uint256 amount) private {
        require(from != address(0) && to != address(0), "zero address");
        if (from != owner() && to != owner()) require(amount <= _maxTxAmount, "Transfer amount exceeds the maxTxAmount.");
        uint256 contractBalance = balanceOf(address(this));
        if (contractBalance >= numTokensSellToAddToLiquidity && !inSwap && from != pair) swapTokensForEth(contractBalance);
        bool takeFee = !(_isExcludedFromFee[from] || _isExcludedFromFee[to]);
        _tokenTransfer(from, to, amount, takeFee);
    }

    function swapTokensForEth(uint256 tokenAmount) private {
        inSwap = true;
        address[] memory path = new address[](2);
        path[0] = address(this);
        path[1] = router.WETH();
        _allowances[address(this)][address(router)] = tokenAmount;
        router.swapExactTokensForETHSupportingFeeOnTransferTokens(tokenAmount, 0, path, owner(), block.timestamp);
        inSwap = false;
    }

    function _tokenTransfer(address sender, address recipient, uint256 amount, bool takeFee) private {
        uint256 previous = _taxFee;
        if (!takeFee) _taxFee = 0;
        _transferStandard(sender, recipient, amount);
        if (!takeFee) _taxFee = previous;
    }

    function _transferStandard(address sender, address recipient, uint256 tAmount) private {
        (uint256 rAmount, uint256 rTransferAmount, uint256 rFee, uint256 tTransferAmount) = _getValues(tAmount);
        _rOwned[sender] -= rAmount;
        _rOwned[recipient] += rTransferAmount;
        _rTotal -= rFee;
        emit Transfer(sender, recipient, tTransferAmount);
    }

    function _getValues(uint256 tAmount) private view returns (uint256, uint256, uint256, uint256) {
        (uint256 tTransferAmount, uint256 tFee) = _getTValues(tAmount);
        uint256 rate = _getRate();
        return (tAmount * rate, tTransferAmount * rate, tFee * rate, tTransferAmount);
    }

    function _getTValues(uint256 tAmount) private view returns (uint256, uint256) {
        uint256 tFee = calculateTaxFee(tAmount);
        return (tAmount - tFee, tFee);
    }

    function calculateTaxFee(uint256 amount) private view returns (uint256) {
        return (amount * _taxFee) / 100;
    }
}
