// SPDX-License-Identifier: MIT
// Family F15 (round 2): "farm" tokens of 2020-2021 that emit rewards on a schedule (SushiSwap/yield-farm
// era): who may emit, how much, and whether a hard cap binds it.
pragma solidity ^0.8.0;

import "../vendor/oz-4.9.6/token/ERC20/ERC20.sol";
import "../vendor/oz-4.9.6/access/Ownable.sol";

/** Clean: emission to a fixed treasury at a fixed rate, bounded by a hard cap in code. */
contract FarmCappedEmission is ERC20, Ownable {
    uint256 public constant MAX_SUPPLY = 21_000_000 ether;
    uint256 public constant RATE = 1 ether;
    address public immutable treasury;
    uint256 public lastEmission;
    constructor(address treasury_) ERC20("Farm", "FARM") {
        treasury = treasury_;
        lastEmission = block.number;
        _mint(msg.sender, 1_000_000 ether);
    }
    function emitRewards() external {
        uint256 amount = (block.number - lastEmission) * RATE;
        lastEmission = block.number;
        if (totalSupply() + amount > MAX_SUPPLY) amount = MAX_SUPPLY - totalSupply();
        _mint(treasury, amount);
    }
}

/** Backdoor: the owner sets the emission rate to anything and there is no cap. */
contract FarmSettableRate is ERC20, Ownable {
    uint256 public rewardPerBlock = 1 ether;
    uint256 public lastEmission;
    address public rewardPool;
    constructor() ERC20("Farm", "FARM") {
        rewardPool = msg.sender;
        lastEmission = block.number;
        _mint(msg.sender, 1_000_000 ether);
    }
    function setRewardPerBlock(uint256 r) external onlyOwner { rewardPerBlock = r; }
    function setRewardPool(address p) external onlyOwner { rewardPool = p; }
    function harvest() external {
        uint256 amount = (block.number - lastEmission) * rewardPerBlock;
        lastEmission = block.number;
        _mint(rewardPool, amount);
    }
}

/** Backdoor: a "masterchef" address the owner can replace mints freely (the owner names itself). */
contract FarmChefMint is ERC20, Ownable {
    address public masterChef;
    constructor() ERC20("Farm", "FARM") { _mint(msg.sender, 1_000_000 ether); }
    function setMasterChef(address chef) external onlyOwner { masterChef = chef; }
    function mintTo(address to, uint256 amount) external {
        require(msg.sender == masterChef, "not chef");
        _mint(to, amount);
    }
}

/** Clean: the owner only changes the share of a fixed emission that goes to the dev fund (bounded). */
contract FarmDevShare is ERC20, Ownable {
    uint256 public constant MAX_SUPPLY = 10_000_000 ether;
    uint256 public devShareBps = 1000;
    address public immutable devFund;
    address public immutable pool;
    uint256 public lastEmission;
    constructor(address devFund_, address pool_) ERC20("Farm", "FARM") {
        devFund = devFund_;
        pool = pool_;
        lastEmission = block.number;
    }
    function setDevShare(uint256 bps) external onlyOwner {
        require(bps <= 2000, "too high");
        devShareBps = bps;
    }
    function emitRewards() external {
        uint256 amount = (block.number - lastEmission) * 1 ether;
        lastEmission = block.number;
        if (totalSupply() + amount > MAX_SUPPLY) amount = MAX_SUPPLY - totalSupply();
        uint256 dev = (amount * devShareBps) / 10_000;
        _mint(devFund, dev);
        _mint(pool, amount - dev);
    }
}
