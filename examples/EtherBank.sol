pragma solidity ^0.4.24;

/// An example vault with classic bugs, shipped so that `npm start` has something real to audit.
contract EtherBank {
    mapping(address => uint256) public balances;
    address public owner;

    function EtherBank() public {
        owner = msg.sender;
    }

    function deposit() public payable {
        balances[msg.sender] += msg.value;
    }

    function withdraw(uint256 amount) public {
        require(balances[msg.sender] >= amount);
        // Sends before updating the balance: the receiver can re-enter withdraw().
        require(msg.sender.call.value(amount)());
        balances[msg.sender] -= amount;
    }

    function setOwner(address newOwner) public {
        require(tx.origin == owner);
        owner = newOwner;
    }

    function sweep(address to) public {
        to.send(address(this).balance);
    }
}
