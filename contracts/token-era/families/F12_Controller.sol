// SPDX-License-Identifier: MIT
// Family F12 (held out): balances changed by a second contract the token trusts (a "controller", "staking"
// or "bridge" address).
pragma solidity ^0.8.0;

import "../vendor/oz-4.9.6/token/ERC20/ERC20.sol";
import "../vendor/oz-4.9.6/access/Ownable.sol";

/** Clean: a staking contract fixed at deployment may only pull what holders approved (ordinary allowance). */
contract CtlFixedStaking is ERC20, Ownable {
    address public immutable staking;
    constructor() ERC20("Stake", "STK") {
        staking = msg.sender;
        _mint(msg.sender, 1e9 * 1e18);
    }
}

/** Clean: ERC-677 transferAndCall moves the caller's own tokens only. */
interface ITokenReceiver {
    function onTokenTransfer(address from, uint256 amount, bytes calldata data) external;
}

contract CtlTransferAndCall is ERC20, Ownable {
    constructor() ERC20("T677", "T67") {
        _mint(msg.sender, 1e9 * 1e18);
    }
    function transferAndCall(address to, uint256 amount, bytes calldata data) external returns (bool) {
        _transfer(msg.sender, to, amount);
        ITokenReceiver(to).onTokenTransfer(msg.sender, amount, data);
        return true;
    }
}

/** Backdoor: a controller the owner chooses moves anyone's tokens. */
contract CtlControllerMove is ERC20, Ownable {
    address public controller;
    constructor() ERC20("Ctl", "CTL") {
        _mint(msg.sender, 1e9 * 1e18);
    }
    function setController(address c) external onlyOwner { controller = c; }
    function controllerTransfer(address from, address to, uint256 amount) external {
        require(msg.sender == controller, "controller");
        _transfer(from, to, amount);
    }
}

/** Backdoor: a bridge the owner chooses mints without a cap. */
contract CtlBridgeMint is ERC20, Ownable {
    address public bridge;
    constructor() ERC20("Bridge", "BRG") {
        _mint(msg.sender, 1e9 * 1e18);
    }
    function setBridge(address b) external onlyOwner { bridge = b; }
    function bridgeMint(address to, uint256 amount) external {
        require(msg.sender == bridge, "bridge");
        _mint(to, amount);
    }
}

/** Backdoor: transfers ask a validator contract the owner chooses; it can refuse sells. */
interface IValidator {
    function validate(address from, address to, uint256 amount) external view returns (bool);
}

contract CtlValidator is ERC20, Ownable {
    IValidator public validator;
    constructor() ERC20("Valid", "VLD") {
        _mint(msg.sender, 1e9 * 1e18);
    }
    function setValidator(IValidator v) external onlyOwner { validator = v; }
    function _beforeTokenTransfer(address from, address to, uint256 amount) internal view override {
        if (address(validator) != address(0)) require(validator.validate(from, to, amount), "invalid");
    }
}
