// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {SimpleToken} from "./lib/SimpleToken.sol";

// Argus token corpus: clean tokens, for false flags. Expected flags in expected.json.

/// Plain OpenZeppelin ERC-20, fixed supply. Nothing to flag.
contract PlainToken is ERC20 {
    constructor() ERC20("Plain", "PLN") {
        _mint(msg.sender, 1e27);
    }
}

/// ERC20Burnable: holders burn their own tokens, burnFrom spends an allowance. Nothing to flag.
contract BurnableToken is ERC20, ERC20Burnable {
    constructor() ERC20("Burnable", "BURN") {
        _mint(msg.sender, 1e27);
    }
}

/// ERC20Capped with an owner mint: is_mintable (GoPlus counts any mint function), but the mint is visible
/// and capped, so no hidden_mint.
contract CappedToken is ERC20Capped, Ownable {
    constructor() ERC20("Capped", "CAP") ERC20Capped(2e27) Ownable(msg.sender) {
        _mint(msg.sender, 1e27);
    }

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}

/// ERC20Permit (EIP-2612): signature approvals. Nothing to flag.
contract PermitToken is ERC20, ERC20Permit {
    constructor() ERC20("Permit", "PRMT") ERC20Permit("Permit") {
        _mint(msg.sender, 1e27);
    }
}

/// ERC20Votes: delegation checkpoints on every transfer. Nothing to flag.
contract VotesToken is ERC20, ERC20Permit, ERC20Votes {
    constructor() ERC20("Votes", "VOTE") ERC20Permit("Votes") {
        _mint(msg.sender, 1e27);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }

    function nonces(address holder) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(holder);
    }
}

/// An Ownable token whose owner only edits metadata. Nothing to flag.
contract OwnedMetadataToken is ERC20, Ownable {
    string public website;

    constructor() ERC20("Owned", "OWND") Ownable(msg.sender) {
        _mint(msg.sender, 1e27);
    }

    function setWebsite(string calldata url) external onlyOwner {
        website = url;
    }
}

/// A tax token whose owner can change the tax only below a hard 5 % cap: not slippage_modifiable in the
/// sense of the flag (the tax cannot be raised to a honeypot level).
contract CappedFeeToken is SimpleToken {
    uint256 public feeBps = 100;

    constructor() SimpleToken("Fair Fee", "FFEE", 1e27) {}

    function setFee(uint256 feeBps_) external onlyOwner {
        require(feeBps_ <= 500, "fee above 5%");
        feeBps = feeBps_;
    }

    function _transfer(address from, address to, uint256 amount) internal override {
        uint256 fee = (amount * feeBps) / 10_000;
        if (fee > 0) super._transfer(from, _owner, fee);
        super._transfer(from, to, amount - fee);
    }
}

/// The hand-rolled base on its own, with a renounceable owner and nothing else. Nothing to flag.
contract SimpleCleanToken is SimpleToken {
    constructor() SimpleToken("Simple", "SMPL", 1e27) {}
}
