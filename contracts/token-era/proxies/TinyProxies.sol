// SPDX-License-Identifier: MIT
// Tiny forwarders of the kind rug-pull launchers deploy instead of a token: every call is delegated.
pragma solidity ^0.8.0;

/** Reads its implementation from storage slot 0 (set once at deployment). */
contract SlotForwarder {
    constructor(address impl) {
        assembly { sstore(0, impl) }
    }
    fallback() external payable {
        assembly {
            let impl := sload(0)
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), impl, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            switch ok case 0 { revert(0, returndatasize()) } default { return(0, returndatasize()) }
        }
    }
}
