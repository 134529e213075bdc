// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {TestUSDC} from "./TestUSDC.sol";

/// @title TestFiatToken: a test USDC shaped like Circle's FiatToken v2.2
/// @notice TestUSDC (six decimals, EIP-2612 permit, EIP-3009 authorisations,
/// mintable by its owner) signing under the domain of Circle's USDC: name
/// "USDC", version "2", read from name() and version(), with no EIP-5267
/// eip712Domain(): it reverts with no data, as a call of a function that a
/// contract lacks does. It lets a test meet what a real network's USDC
/// presents. For test networks only.
contract TestFiatToken is TestUSDC {
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    constructor(address owner) TestUSDC(owner) {}

    /// @notice The token's name, which is also its EIP-712 domain name.
    function name() public pure override returns (string memory) {
        return "USDC";
    }

    /// @notice The version of the token's EIP-712 domain (FiatToken's version()).
    function version() external pure virtual returns (string memory) {
        return "2";
    }

    /// @notice The EIP-712 domain separator that permits and authorisations are signed under.
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view override returns (bytes32) {
        return _separator();
    }

    /// @notice FiatToken has no EIP-5267: this reverts with no data.
    function eip712Domain()
        public
        pure
        override
        returns (bytes1, string memory, string memory, uint256, address, bytes32, uint256[] memory)
    {
        revert();
    }

    /// @dev Permits (ERC20Permit) and authorisations (EIP3009) hash under the FiatToken domain.
    function _hashTypedDataV4(bytes32 structHash) internal view override returns (bytes32) {
        return MessageHashUtils.toTypedDataHash(_separator(), structHash);
    }

    function _separator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256("USDC"), keccak256("2"), block.chainid, address(this)));
    }
}
