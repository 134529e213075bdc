// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title HostileToken: an ERC-20 that calls back into the escrow
/// @notice For tests only. On every transfer out of the target it replays the
/// configured call against the target and records whether the re-entry
/// succeeded, so a test can prove the reentrancy guard holds.
contract HostileToken is ERC20 {
    address public target;
    bytes public attack;
    bool public attacking;
    uint256 public attempts;
    uint256 public successes;
    /// @notice An account the token refuses to pay, as USDC's blocklist does.
    address public refused;

    constructor() ERC20("Hostile", "HOST") {}

    /// @notice Mints freely: test token.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Lets the token act as an account: a buyer or worker that is
    /// also the token, so that its re-entry comes from the same msg.sender.
    function execute(address to, bytes calldata data) external returns (bytes memory) {
        (bool ok, bytes memory ret) = to.call(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return ret;
    }

    /// @notice Arms the token: on the next transfers from `target`, call it with `data`.
    function arm(address target_, bytes calldata data) external {
        target = target_;
        attack = data;
    }

    /// @notice From now on, transfers to `account` revert.
    function refuse(address account) external {
        refused = account;
    }

    function _update(address from, address to, uint256 value) internal override {
        require(to != refused || to == address(0), "HostileToken: account refused");
        super._update(from, to, value);
        if (from == target && target != address(0) && !attacking) {
            attacking = true;
            ++attempts;
            (bool ok,) = target.call(attack);
            if (ok) ++successes;
            attacking = false;
        }
    }
}
