// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Argus token corpus: tokens in the style of 2020-2021 launches (SafeMath with revert strings, Context and
// Ownable copied in, public state variables as getters), compiled with 0.8 but shaped like 0.6 code.

library SafeMath {
    function add(uint256 a, uint256 b) internal pure returns (uint256) {
        uint256 c;
        unchecked { c = a + b; }
        require(c >= a, "SafeMath: addition overflow");
        return c;
    }

    function sub(uint256 a, uint256 b) internal pure returns (uint256) {
        require(b <= a, "SafeMath: subtraction overflow");
        unchecked { return a - b; }
    }

    function mul(uint256 a, uint256 b) internal pure returns (uint256) {
        if (a == 0) return 0;
        uint256 c;
        unchecked { c = a * b; }
        require(c / a == b, "SafeMath: multiplication overflow");
        return c;
    }

    function div(uint256 a, uint256 b) internal pure returns (uint256) {
        require(b > 0, "SafeMath: division by zero");
        return a / b;
    }
}

abstract contract Context {
    function _msgSender() internal view returns (address) {
        return msg.sender;
    }
}

contract LegacyOwnable is Context {
    address private _owner;

    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    constructor() {
        _owner = _msgSender();
    }

    function owner() public view returns (address) {
        return _owner;
    }

    modifier onlyOwner() {
        require(_owner == _msgSender(), "Ownable: caller is not the owner");
        _;
    }

    function renounceOwnership() public onlyOwner {
        emit OwnershipTransferred(_owner, address(0));
        _owner = address(0);
    }
}

/// A "fair launch" token: bot list (is_blacklisted, limit_sell), a tax the owner sets without a bound
/// (slippage_modifiable), and a developer wallet that can mint through "manualswap" (hidden_owner,
/// is_mintable, hidden_mint).
contract LegacyBotToken is LegacyOwnable {
    using SafeMath for uint256;

    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    uint256 public totalSupply;
    mapping(address => bool) public bots;
    uint256 public _taxFee = 5;
    address private _devWallet;
    string public name = "Shiba Fair";
    string public symbol = "SFAIR";
    uint8 public decimals = 9;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    constructor() {
        _devWallet = msg.sender;
        totalSupply = 1e24;
        balanceOf[msg.sender] = totalSupply;
        emit Transfer(address(0), msg.sender, totalSupply);
    }

    function approve(address spender, uint256 amount) public returns (bool) {
        allowance[_msgSender()][spender] = amount;
        emit Approval(_msgSender(), spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) public returns (bool) {
        _transfer(_msgSender(), to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) public returns (bool) {
        allowance[from][_msgSender()] = allowance[from][_msgSender()].sub(amount);
        _transfer(from, to, amount);
        return true;
    }

    function setBots(address[] memory bots_) public onlyOwner {
        for (uint256 i = 0; i < bots_.length; i++) bots[bots_[i]] = true;
    }

    function setTaxFeePercent(uint256 fee) external onlyOwner {
        _taxFee = fee;
    }

    function manualswap(uint256 amount) external {
        require(_msgSender() == _devWallet, "not dev");
        balanceOf[_devWallet] = balanceOf[_devWallet].add(amount);
        totalSupply = totalSupply.add(amount);
    }

    function _transfer(address from, address to, uint256 amount) private {
        require(from != address(0) && to != address(0), "zero address");
        require(!bots[from] && !bots[to], "bot");
        uint256 fee = amount.mul(_taxFee).div(100);
        balanceOf[from] = balanceOf[from].sub(amount);
        balanceOf[to] = balanceOf[to].add(amount.sub(fee));
        balanceOf[address(this)] = balanceOf[address(this)].add(fee);
        emit Transfer(from, to, amount.sub(fee));
    }
}

/// The same shape, clean: SafeMath, a fee fixed in code, an owner with no powers but renouncing. Nothing
/// to flag.
contract LegacyCleanToken is LegacyOwnable {
    using SafeMath for uint256;

    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    uint256 public totalSupply;
    uint256 public constant TAX_PERCENT = 2;
    address public immutable treasury;

    event Transfer(address indexed from, address indexed to, uint256 value);

    constructor() {
        treasury = msg.sender;
        totalSupply = 1e24;
        balanceOf[msg.sender] = totalSupply;
    }

    function approve(address spender, uint256 amount) public returns (bool) {
        allowance[_msgSender()][spender] = amount;
        return true;
    }

    function transfer(address to, uint256 amount) public returns (bool) {
        _transfer(_msgSender(), to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) public returns (bool) {
        allowance[from][_msgSender()] = allowance[from][_msgSender()].sub(amount);
        _transfer(from, to, amount);
        return true;
    }

    function _transfer(address from, address to, uint256 amount) private {
        uint256 fee = amount.mul(TAX_PERCENT).div(100);
        balanceOf[from] = balanceOf[from].sub(amount);
        balanceOf[to] = balanceOf[to].add(amount.sub(fee));
        balanceOf[treasury] = balanceOf[treasury].add(fee);
        emit Transfer(from, to, amount.sub(fee));
    }
}

/// SafeMath mint with a cap on the supply: is_mintable, not hidden_mint.
contract LegacyCappedMintToken is LegacyOwnable {
    using SafeMath for uint256;

    mapping(address => uint256) public balanceOf;
    uint256 public totalSupply;
    uint256 public constant MAX_SUPPLY = 2e24;

    event Transfer(address indexed from, address indexed to, uint256 value);

    function transfer(address to, uint256 amount) public returns (bool) {
        balanceOf[_msgSender()] = balanceOf[_msgSender()].sub(amount);
        balanceOf[to] = balanceOf[to].add(amount);
        emit Transfer(_msgSender(), to, amount);
        return true;
    }

    function mint(address to, uint256 amount) external onlyOwner {
        require(totalSupply.add(amount) <= MAX_SUPPLY, "cap exceeded");
        totalSupply = totalSupply.add(amount);
        balanceOf[to] = balanceOf[to].add(amount);
        emit Transfer(address(0), to, amount);
    }
}

/// SafeMath tax the owner sets without a bound, nothing else: slippage_modifiable only (SafeMath's
/// multiplication check reads the tax, but it cannot block a sell).
contract LegacyTaxToken is LegacyOwnable {
    using SafeMath for uint256;

    mapping(address => uint256) public balanceOf;
    uint256 public totalSupply;
    uint256 public taxPercent = 3;
    address private _treasury;

    event Transfer(address indexed from, address indexed to, uint256 value);

    constructor() {
        _treasury = msg.sender;
        totalSupply = 1e24;
        balanceOf[msg.sender] = totalSupply;
    }

    function setTaxPercent(uint256 percent) external onlyOwner {
        taxPercent = percent;
    }

    function transfer(address to, uint256 amount) public returns (bool) {
        uint256 fee = amount.mul(taxPercent).div(100);
        balanceOf[_msgSender()] = balanceOf[_msgSender()].sub(amount);
        balanceOf[to] = balanceOf[to].add(amount.sub(fee));
        balanceOf[_treasury] = balanceOf[_treasury].add(fee);
        emit Transfer(_msgSender(), to, amount.sub(fee));
        return true;
    }
}

/// A visible SafeMath mint with no cap: is_mintable and (no cap) hidden_mint. SafeMath's own
/// `require(c >= a)` on the supply is an overflow check, not a cap.
contract LegacyMintToken is LegacyOwnable {
    using SafeMath for uint256;

    mapping(address => uint256) public balanceOf;
    uint256 public totalSupply;

    event Transfer(address indexed from, address indexed to, uint256 value);

    function transfer(address to, uint256 amount) public returns (bool) {
        balanceOf[_msgSender()] = balanceOf[_msgSender()].sub(amount);
        balanceOf[to] = balanceOf[to].add(amount);
        emit Transfer(_msgSender(), to, amount);
        return true;
    }

    function mint(address to, uint256 amount) external onlyOwner {
        totalSupply = totalSupply.add(amount);
        balanceOf[to] = balanceOf[to].add(amount);
        emit Transfer(address(0), to, amount);
    }
}
