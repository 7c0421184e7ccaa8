// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Argus background traffic (issue 17): the ordinary protocols honest users and teams use around the attacks:
// an OpenZeppelin ERC-4626 vault, an NFT collection and a market, a lending pool, a multisig, an upgradeable
// vault behind an ERC-1967 proxy. Nothing here is vulnerable on purpose.

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";

contract YieldVault is ERC4626 {
    constructor(IERC20 asset_) ERC4626(asset_) ERC20("Yield Vault Share", "yvS") {}
}

/// A collection with a paid public mint; the payments stay in the collection until the team withdraws them.
contract PaidMintCollection is ERC721 {
    address public immutable team;
    uint256 public immutable price;
    uint256 public minted;

    constructor(string memory name_, string memory symbol_, uint256 price_) ERC721(name_, symbol_) {
        team = msg.sender;
        price = price_;
    }

    function mint(uint256 count) external payable {
        require(msg.value == price * count, "price");
        for (uint256 i = 0; i < count; i++) _mint(msg.sender, ++minted);
    }

    function withdraw() external {
        require(msg.sender == team, "team only");
        (bool ok, ) = team.call{value: address(this).balance}("");
        require(ok, "withdraw failed");
    }
}

/// A fixed-price NFT market: sellers list (after setApprovalForAll), buyers pay ETH, the market takes 2 %.
contract NftMarket {
    struct Listing {
        address seller;
        uint256 price;
    }

    event Listed(address indexed collection, uint256 indexed tokenId, address seller, uint256 price);
    event Sold(address indexed collection, uint256 indexed tokenId, address buyer, uint256 price);

    mapping(address => mapping(uint256 => Listing)) public listings;
    address public immutable feeTo;

    constructor() {
        feeTo = msg.sender;
    }

    function list(address collection, uint256 tokenId, uint256 price) external {
        require(IERC721(collection).ownerOf(tokenId) == msg.sender, "not owner");
        listings[collection][tokenId] = Listing(msg.sender, price);
        emit Listed(collection, tokenId, msg.sender, price);
    }

    function buy(address collection, uint256 tokenId) external payable {
        Listing memory l = listings[collection][tokenId];
        require(l.price > 0 && msg.value == l.price, "price");
        delete listings[collection][tokenId];
        IERC721(collection).transferFrom(l.seller, msg.sender, tokenId);
        uint256 fee = l.price / 50;
        (bool ok, ) = l.seller.call{value: l.price - fee}("");
        require(ok, "pay failed");
        (ok, ) = feeTo.call{value: fee}("");
        require(ok, "fee failed");
        emit Sold(collection, tokenId, msg.sender, l.price);
    }
}

/// A lending pool for WETH against a collateral token at a price the team sets; it names the NFT collection
/// whose holders pay no fee (the constructor argument the issue's false alert was about).
contract TeamLendingPool {
    IERC20 public immutable weth;
    IERC20 public immutable collateral;
    address public immutable feeFreeCollection;
    address public immutable team;
    uint256 public weiPerToken;
    mapping(address => uint256) public supplied;
    mapping(address => uint256) public deposited;
    mapping(address => uint256) public debt;

    constructor(IERC20 weth_, IERC20 collateral_, address feeFreeCollection_, uint256 weiPerToken_) {
        weth = weth_;
        collateral = collateral_;
        feeFreeCollection = feeFreeCollection_;
        weiPerToken = weiPerToken_;
        team = msg.sender;
    }

    function supply(uint256 amount) external {
        weth.transferFrom(msg.sender, address(this), amount);
        supplied[msg.sender] += amount;
    }

    function withdrawSupply(uint256 amount) external {
        supplied[msg.sender] -= amount;
        weth.transfer(msg.sender, amount);
    }

    function depositCollateral(uint256 amount) external {
        collateral.transferFrom(msg.sender, address(this), amount);
        deposited[msg.sender] += amount;
    }

    function withdrawCollateral(uint256 amount) external {
        deposited[msg.sender] -= amount;
        require(debt[msg.sender] * 2 <= (deposited[msg.sender] * weiPerToken) / 1e18, "undercollateralised");
        collateral.transfer(msg.sender, amount);
    }

    function borrow(uint256 amount) external {
        debt[msg.sender] += amount;
        require(debt[msg.sender] * 2 <= (deposited[msg.sender] * weiPerToken) / 1e18, "undercollateralised");
        weth.transfer(msg.sender, amount);
    }

    function repay(uint256 amount) external {
        weth.transferFrom(msg.sender, address(this), amount);
        debt[msg.sender] -= amount;
    }
}

/// A 2-of-3 multisig: an owner submits, another confirms, which executes.
contract TeamMultisig {
    event Submitted(uint256 indexed id, address indexed to, uint256 value);
    event Executed(uint256 indexed id);

    struct Proposal {
        address to;
        uint256 value;
        bytes data;
        address proposer;
        bool done;
    }

    mapping(address => bool) public isOwner;
    Proposal[] public proposals;

    constructor(address[] memory owners) {
        for (uint256 i = 0; i < owners.length; i++) isOwner[owners[i]] = true;
    }

    receive() external payable {}

    function submit(address to, uint256 value, bytes calldata data) external returns (uint256 id) {
        require(isOwner[msg.sender], "owner only");
        id = proposals.length;
        proposals.push(Proposal(to, value, data, msg.sender, false));
        emit Submitted(id, to, value);
    }

    function confirm(uint256 id) external {
        require(isOwner[msg.sender], "owner only");
        Proposal storage p = proposals[id];
        require(!p.done && p.proposer != msg.sender, "needs a second owner");
        p.done = true;
        (bool ok, ) = p.to.call{value: p.value}(p.data);
        require(ok, "call failed");
        emit Executed(id);
    }
}

/// The second version of the team's upgradeable vault (same storage; adds a view).
contract UpgradeableVaultV2 {
    event Initialized(uint64 version);

    address public owner;
    bool public initialized;
    IERC20 public token;
    mapping(address => uint256) public balances;

    function deposit(uint256 amount) external {
        token.transferFrom(msg.sender, address(this), amount);
        balances[msg.sender] += amount;
    }

    function withdraw(uint256 amount) external {
        balances[msg.sender] -= amount;
        token.transfer(msg.sender, amount);
    }

    function held() external view returns (uint256) {
        return token.balanceOf(address(this));
    }

    function upgradeTo(address implementation) external {
        require(msg.sender == owner, "owner only");
        ERC1967Utils.upgradeToAndCall(implementation, "");
    }
}

/// The ERC-1967 proxy the teams deploy (OpenZeppelin's, under a name of its own for the artifact list).
contract TeamProxy is ERC1967Proxy {
    constructor(address implementation, bytes memory data) payable ERC1967Proxy(implementation, data) {}
}
