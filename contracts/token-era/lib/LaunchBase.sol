// SPDX-License-Identifier: MIT
// A 2021-2022 Uniswap launch-token base (the common "stealth launch" template shape): a hand-rolled ERC-20
// with Ownable, a pair created in the constructor, fee exclusions, a tax swapped for ETH, and a hook for
// each launch's limits.
pragma solidity ^0.8.0;

interface IUniswapV2Factory {
    function createPair(address tokenA, address tokenB) external returns (address pair);
}

interface IUniswapV2Router02 {
    function factory() external pure returns (address);
    function WETH() external pure returns (address);
    function swapExactTokensForETHSupportingFeeOnTransferTokens(uint256 amountIn, uint256 amountOutMin, address[] calldata path, address to, uint256 deadline) external;
}

abstract contract LaunchBase {
    string public constant name = "Launch";
    string public constant symbol = "LNCH";
    uint8 public constant decimals = 9;
    uint256 public constant totalSupply = 1e12 * 1e9;
    mapping(address => uint256) internal _balances;
    mapping(address => mapping(address => uint256)) internal _allowances;
    mapping(address => bool) internal _isExcludedFromFee;
    address private _owner;
    IUniswapV2Router02 public immutable uniswapV2Router;
    address public immutable uniswapV2Pair;
    address payable internal _marketingWallet;
    uint256 internal _buyTax = 3;
    uint256 internal _sellTax = 3;
    bool private inSwap;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    modifier onlyOwner() {
        require(_owner == msg.sender, "Ownable: caller is not the owner");
        _;
    }
    modifier lockTheSwap() {
        inSwap = true;
        _;
        inSwap = false;
    }

    constructor() {
        _owner = msg.sender;
        _marketingWallet = payable(msg.sender);
        IUniswapV2Router02 router = IUniswapV2Router02(0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D);
        uniswapV2Router = router;
        uniswapV2Pair = IUniswapV2Factory(router.factory()).createPair(address(this), router.WETH());
        _balances[msg.sender] = totalSupply;
        _isExcludedFromFee[msg.sender] = true;
        _isExcludedFromFee[address(this)] = true;
        emit Transfer(address(0), msg.sender, totalSupply);
    }

    function owner() public view returns (address) { return _owner; }
    function renounceOwnership() external onlyOwner {
        emit OwnershipTransferred(_owner, address(0));
        _owner = address(0);
    }
    function balanceOf(address account) public view returns (uint256) { return _balances[account]; }
    function allowance(address o, address spender) public view returns (uint256) { return _allowances[o][spender]; }
    function approve(address spender, uint256 amount) public returns (bool) {
        _allowances[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }
    function transfer(address to, uint256 amount) public returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }
    function transferFrom(address from, address to, uint256 amount) public returns (bool) {
        uint256 current = _allowances[from][msg.sender];
        require(current >= amount, "ERC20: insufficient allowance");
        _allowances[from][msg.sender] = current - amount;
        _transfer(from, to, amount);
        return true;
    }

    /** The launch's own rules, checked on transfers between ordinary holders. */
    function _limits(address from, address to, uint256 amount) internal virtual {}

    function _transfer(address from, address to, uint256 amount) internal {
        require(from != address(0) && to != address(0), "ERC20: zero address");
        require(amount > 0, "Transfer amount must be greater than zero");
        uint256 tax = 0;
        if (from != _owner && to != _owner) {
            _limits(from, to, amount);
            if (from == uniswapV2Pair && !_isExcludedFromFee[to]) tax = (amount * _buyTax) / 100;
            if (to == uniswapV2Pair && !_isExcludedFromFee[from]) tax = (amount * _sellTax) / 100;
            uint256 held = _balances[address(this)];
            if (!inSwap && to == uniswapV2Pair && held > 0) swapTokensForEth(held);
        }
        _balances[from] = _balances[from] - amount;
        _balances[to] = _balances[to] + (amount - tax);
        if (tax > 0) {
            _balances[address(this)] = _balances[address(this)] + tax;
            emit Transfer(from, address(this), tax);
        }
        emit Transfer(from, to, amount - tax);
    }

    function swapTokensForEth(uint256 tokenAmount) private lockTheSwap {
        address[] memory path = new address[](2);
        path[0] = address(this);
        path[1] = uniswapV2Router.WETH();
        _allowances[address(this)][address(uniswapV2Router)] = tokenAmount;
        uniswapV2Router.swapExactTokensForETHSupportingFeeOnTransferTokens(tokenAmount, 0, path, address(this), block.timestamp);
        _marketingWallet.transfer(address(this).balance);
    }

    receive() external payable {}
}
