// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestFiatToken} from "../TestFiatToken.sol";

/// @title MislabelledToken: a hostile token whose version() lies
/// @notice It signs under TestFiatToken's domain (name "USDC", version "2")
/// but its version() answers "1": a deployment that believed it would have
/// every buyer sign authorisations the token refuses. Tests only.
contract MislabelledToken is TestFiatToken {
    constructor(address owner) TestFiatToken(owner) {}

    /// @notice The wrong version.
    function version() external pure override returns (string memory) {
        return "1";
    }
}
