// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title TestAI: the dev chain's $AI token
/// @notice Eighteen decimals, EIP-2612 permit and EIP-5267 domain discovery,
/// mintable by its owner. For development networks only.
contract TestAI is ERC20, ERC20Permit, Ownable {
    constructor(address owner) ERC20("TestAI", "AI") ERC20Permit("TestAI") Ownable(owner) {}

    /// @notice Mints `amount` to `to`; owner only.
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
