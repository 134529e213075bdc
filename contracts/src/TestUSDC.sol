// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {EIP3009} from "./EIP3009.sol";

/// @title TestUSDC: the dev chain's USDC-like token
/// @notice Six decimals, EIP-2612 permit, EIP-3009 authorisations and EIP-5267
/// domain discovery, mintable by its owner. For development networks only.
contract TestUSDC is ERC20, ERC20Permit, EIP3009, Ownable {
    constructor(address owner) ERC20("TestUSDC", "USDC") ERC20Permit("TestUSDC") Ownable(owner) {}

    /// @inheritdoc ERC20
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Mints `amount` to `to`; owner only.
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
