pragma solidity ^0.4.25;

/// Example: a lottery whose "randomness" a miner or a calling contract can predict, and a payout loop
/// that one reverting winner can block for everyone.
contract LuckyDraw {
    address[] public players;
    address public organiser;
    uint256 public pot;

    constructor() public {
        organiser = msg.sender;
    }

    function enter() public payable {
        require(msg.value == 0.1 ether);
        players.push(msg.sender);
        pot += msg.value;
    }

    function draw() public {
        require(msg.sender == organiser);
        uint256 index = uint256(keccak256(abi.encodePacked(block.timestamp, block.difficulty))) % players.length;
        players[index].transfer(pot);
        pot = 0;
    }

    function refundAll() public {
        require(msg.sender == organiser);
        for (uint256 i = 0; i < players.length; i++) {
            players[i].transfer(0.1 ether);
        }
    }
}
