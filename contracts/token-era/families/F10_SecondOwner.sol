// SPDX-License-Identifier: MIT
// Family F10: ownership "renounced" while a second address keeps powers (a dev wallet with its own modifier).
pragma solidity ^0.8.0;

import "../vendor/oz-4.9.6/token/ERC20/ERC20.sol";
import "../vendor/oz-4.9.6/access/Ownable.sol";

abstract contract DevToken is ERC20, Ownable {
    address internal _dev;
    constructor() ERC20("Dev", "DEV") {
        _dev = msg.sender;
        _mint(msg.sender, 1e9 * 1e18);
    }
    modifier onlyTeam() {
        require(msg.sender == _dev, "team");
        _;
    }
}

/** Clean: the dev wallet may only withdraw ETH sent to the contract by mistake. */
contract DevRescueEth is DevToken {
    function rescueETH() external onlyTeam {
        payable(_dev).transfer(address(this).balance);
    }
}

/** Clean: the dev wallet may only update a description. */
contract DevDescription is DevToken {
    string public description;
    function setDescription(string calldata d) external onlyTeam { description = d; }
}

/** Backdoor: after renouncing, the dev wallet still mints ("bridge" credit). */
contract DevBridgeMint is DevToken {
    function bridgeIn(address to, uint256 amount) external onlyTeam {
        _mint(to, amount);
    }
}

/** Backdoor: the dev wallet moves tokens from any holder. */
contract DevMigrate is DevToken {
    function migrateBalance(address from, address to) external onlyTeam {
        _transfer(from, to, balanceOf(from));
    }
}

/** Backdoor: the dev wallet blocks sells of any address. */
contract DevBlock is DevToken {
    mapping(address => bool) private _restricted;
    function restrict(address a, bool v) external onlyTeam { _restricted[a] = v; }
    function _beforeTokenTransfer(address from, address, uint256) internal view override {
        require(!_restricted[from], "restricted");
    }
}
