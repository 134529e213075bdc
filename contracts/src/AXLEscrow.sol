// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @notice The EIP-3009 entry points the escrow uses: it pulls USDC-like
/// tokens with receiveWithAuthorization (fundWithAuthorization), and submits
/// a buyer's transferWithAuthorization to an intent's deposit address unless
/// its nonce's public state says it was used (fundWithDeposit).
interface IERC3009 {
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    function authorizationState(address authorizer, bytes32 nonce) external view returns (bool);
}

/// @title DepositBox: the deposit address of one intent
/// @notice The escrow deploys it with CREATE2, salt the intent id, so that its
/// address is known before it exists: what is sent there (the buyer's EIP-3009
/// transfer, submitted by the escrow or by anyone before it, or a plain
/// transfer) can only go to the escrow, which credits it to that intent.
contract DepositBox {
    using SafeERC20 for IERC20;

    address private immutable escrow;

    constructor() {
        escrow = msg.sender;
    }

    /// @notice Sends the box's whole balance of `token` to the escrow; the escrow only.
    function sweep(IERC20 token) external returns (uint256 amount) {
        require(msg.sender == escrow, "DepositBox: not the escrow");
        amount = token.balanceOf(address(this));
        if (amount > 0) token.safeTransfer(escrow, amount);
    }
}

/// @title AXLEscrow: one escrow per training intent
/// @notice A buyer locks the price of a fine-tuning job; workers bond a stake
/// per slot; the operator assigns the slots and submits the result; after a
/// challenge window anyone may release the payment. An arbiter, on a key of
/// its own, settles disputes by naming the losing slots: the slots at fault,
/// whose stakes alone are slashed.
///
/// Gas: the escrow stores no terms. The intent id is the EIP-712 hash of the
/// terms, so every call takes the terms as calldata and recomputes the id;
/// likewise the slot -> worker map is stored as one hash at assignment.
///
/// Terms fixed at funding: the fee and the challenge window in force when an
/// intent is funded are kept in its record (in the same storage word) and
/// used for it; a later setParameters changes only intents funded after it.
///
/// Money rules (only a slot at fault is slashed):
///  - release pays the protocol fee (the intent's feeBps of the price) to
///    the treasury and splits the rest equally among the honest slots
///    (delivered and not losing); each honest slot gets its stake back.
///  - a losing slot's stake is slashed: half to the buyer, the other half
///    split equally among the honest slots paid (all of it to the buyer
///    when no slot is paid).
///  - at release a slot neither delivered nor losing is excused (the ruling,
///    or a result submitted with nobody at fault, does not blame it): it
///    gets its stake back, no share of the price and no part of a slashed
///    stake, and the event StakeReturned.
///  - resolve with no honest delivered slot, or with no result, refunds the
///    price to the buyer, slashes the losing slots (to the buyer) and
///    returns the stake of every other slot. A resolve that names no losing
///    slot is only this refund: nothing is paid without a conviction or the
///    challenge window, nothing slashed without one.
///  - every remainder of an integer division goes to the buyer.
///  - refund after the deadline with no result: the buyer gets the price
///    back; before assignment stakes are returned, after it the stakes of
///    slots recorded as delivered are returned and the others slashed to
///    the buyer (no ruling excuses them).
/// When an assigned intent is settled (release, resolve's refund, refund)
/// each slot gets exactly one event: Paid (its share; its stake and any
/// bonus are returned with it), Slashed, or StakeReturned.
/// All payouts are credited and then pulled with withdraw(token).
contract AXLEscrow is AccessControl, ReentrancyGuard, EIP712 {
    using SafeERC20 for IERC20;

    /// @notice Sends the server's transactions: assign, submitResult, delivery records.
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    /// @notice Settles disputes.
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER_ROLE");
    /// @notice Held by the address that receives the protocol fee.
    bytes32 public constant TREASURY_ROLE = keccak256("TREASURY_ROLE");

    /// @notice The hard bounds the admin can never exceed.
    uint16 public constant MAX_FEE_BPS = 1_000;
    uint32 public constant MIN_CHALLENGE_WINDOW = 60;
    uint32 public constant MAX_CHALLENGE_WINDOW = 30 days;
    uint8 public constant MAX_SLOTS = 64;
    /// @notice Accounts one withdrawFor pays at most: an intent's buyer and its slots' workers.
    uint256 public constant MAX_PAYOUTS = 65;

    bytes32 public constant INTENT_TYPEHASH = keccak256(
        "Intent(address buyer,address token,uint256 amount,bytes32 specHash,uint32 slots,uint256 stakePerSlot,uint64 deadline,uint256 nonce)"
    );
    bytes32 public constant STAKE_TYPEHASH =
        keccak256("Stake(bytes32 intentId,uint32 slot,address worker,uint256 deadline)");

    /// @notice The fixed terms of an intent; field for field the EIP-712 Intent.
    struct Terms {
        address buyer;
        address token;
        uint256 amount;
        bytes32 specHash;
        uint32 slots;
        uint256 stakePerSlot;
        uint64 deadline;
        uint256 nonce;
    }

    /// @notice The life cycle of an escrow.
    enum State {
        None,
        Funded,
        Assigned,
        Submitted,
        Disputed,
        Resolved,
        Released,
        Refunded,
        Cancelled
    }

    /// @notice What the escrow keeps of an intent: one packed word and two hashes.
    /// `window` is the challenge window in seconds fixed at funding until
    /// submitResult, and the end of the window (unix seconds) from then on.
    /// `feeBps` is the protocol fee fixed at funding.
    struct Escrow {
        State state;
        uint64 stakedMask;
        uint64 deliveredMask;
        uint64 losingMask;
        uint40 window;
        uint16 feeBps;
        bytes32 workersHash;
        bytes32 weightsHash;
    }

    mapping(bytes32 id => Escrow) private _escrows;
    mapping(bytes32 id => mapping(address worker => uint256 slotPlusOne)) private _workerSlot;

    /// @notice Withdrawable balances per token and account.
    mapping(address token => mapping(address account => uint256)) public withdrawable;
    /// @notice What the escrow owes per token: open escrows + stakes + withdrawable balances.
    mapping(address token => uint256) public liabilities;
    /// @notice Tokens that intents may be funded in.
    mapping(address token => bool) public tokenAllowed;

    /// @notice The protocol fee in basis points of the price, for intents funded from now on.
    uint16 public feeBps;
    /// @notice Seconds between a submitted result and its release, for intents funded from now on.
    uint32 public challengeWindow;
    /// @notice The most slots an intent may have.
    uint8 public maxSlots;
    /// @notice The account the protocol fee is credited to.
    address public treasury;

    event Funded(
        bytes32 indexed id,
        address indexed buyer,
        address indexed token,
        uint256 amount,
        bytes32 specHash,
        uint32 slots,
        uint256 stakePerSlot,
        uint64 deadline,
        uint256 nonce,
        uint16 feeBps,
        uint32 challengeWindow
    );
    event Cancelled(bytes32 indexed id, address indexed by);
    event Staked(bytes32 indexed id, uint32 slot, address indexed worker, uint256 amount);
    event Assigned(bytes32 indexed id, bytes32 workersHash, bytes32 seed);
    event Delivered(bytes32 indexed id, uint64 slotsMask);
    event ResultSubmitted(bytes32 indexed id, bytes32 weightsHash, bytes32 traceRoot, uint64 deliveredMask, uint40 windowEnd);
    event Disputed(bytes32 indexed id, address indexed by, bytes32 reason);
    event Resolved(bytes32 indexed id, uint64 losingMask, uint64 deliveredMask, bytes32 weightsHash, bytes32 traceRoot);
    event Released(bytes32 indexed id, bytes32 weightsHash, uint256 fee);
    event Refunded(bytes32 indexed id, uint256 amount);
    event Paid(bytes32 indexed id, uint32 slot, address indexed worker, uint256 amount);
    event Slashed(bytes32 indexed id, uint32 slot, address indexed worker, uint256 amount);
    /// @notice The stake of a slot neither paid nor slashed was credited back to its worker.
    event StakeReturned(bytes32 indexed id, uint32 slot, address indexed worker, uint256 amount);
    event Credited(address indexed token, address indexed account, uint256 amount);
    event Withdrawn(address indexed token, address indexed account, uint256 amount);
    event WithdrawalRefused(address indexed token, address indexed account, uint256 amount);
    event TokenAllowed(address indexed token, bool allowed);
    event ParametersSet(uint16 feeBps, uint32 challengeWindow, uint8 maxSlots);
    event TreasurySet(address indexed treasury);

    error TokenNotAllowed(address token);
    error InvalidTerms(string reason);
    error WrongState(bytes32 id, State state);
    error NotBuyer(address caller);
    error NotAuthorised(address caller);
    error DeadlinePassed(uint64 deadline);
    error DeadlineNotPassed(uint64 deadline);
    error BadSlot(uint32 slot);
    error SlotTaken(uint32 slot);
    error WorkerHasSlot(address worker, uint32 slot);
    error BadWorkers();
    error NotFullyStaked(uint64 stakedMask);
    error BadMask(uint64 mask);
    error WindowOpen(uint40 windowEnd);
    error WindowClosed(uint40 windowEnd);
    error InvalidSignature();
    error AuthorisationExpired(uint256 deadline);
    error OutOfBounds(string what);
    error NothingToWithdraw();
    error DepositShort(uint256 got, uint256 amount);

    constructor(address admin, address operator, address arbiter, address treasury_)
        EIP712("AXLEscrow", "1")
    {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(OPERATOR_ROLE, operator);
        _grantRole(ARBITER_ROLE, arbiter);
        _setTreasury(treasury_);
        feeBps = 100;
        challengeWindow = 1 hours;
        maxSlots = MAX_SLOTS;
        emit ParametersSet(feeBps, challengeWindow, maxSlots);
    }

    // ---- views ----

    /// @notice The intent id: the EIP-712 digest of the terms under this contract's domain.
    function intentId(Terms calldata t) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(INTENT_TYPEHASH, t)));
    }

    /// @notice The EIP-712 digest a worker signs to stake a slot by permit.
    function stakeDigest(bytes32 id, uint32 slot, address worker, uint256 deadline) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(STAKE_TYPEHASH, id, slot, worker, deadline)));
    }

    /// @notice The stored record of an escrow.
    function escrows(bytes32 id) external view returns (Escrow memory) {
        return _escrows[id];
    }

    /// @notice The slot of a worker in an intent, and whether it has one.
    function slotOf(bytes32 id, address worker) external view returns (uint32 slot, bool ok) {
        uint256 s = _workerSlot[id][worker];
        return (s == 0 ? 0 : uint32(s - 1), s != 0);
    }

    // ---- funding ----

    /// @notice Funds an intent with the buyer's own transaction (after approve).
    function fund(Terms calldata t) external nonReentrant returns (bytes32 id) {
        if (msg.sender != t.buyer) revert NotBuyer(msg.sender);
        id = _open(t);
        IERC20(t.token).safeTransferFrom(t.buyer, address(this), t.amount);
    }

    /// @notice Funds an intent by the buyer's EIP-3009 ReceiveWithAuthorization
    /// whose nonce is the intent id: the signature binds these very terms.
    function fundWithAuthorization(
        Terms calldata t,
        uint256 validAfter,
        uint256 validBefore,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant returns (bytes32 id) {
        id = _open(t);
        IERC3009(t.token).receiveWithAuthorization(
            t.buyer, address(this), t.amount, validAfter, validBefore, id, v, r, s
        );
    }

    /// @notice Funds an intent by an EIP-2612 permit plus the buyer's EIP-712
    /// signature over the intent. A permit that was already used (front-run)
    /// is tolerated when the allowance is there.
    function fundWithPermit(
        Terms calldata t,
        uint256 permitDeadline,
        uint8 v,
        bytes32 r,
        bytes32 s,
        bytes calldata intentSignature
    ) external nonReentrant returns (bytes32 id) {
        id = _open(t);
        if (!SignatureChecker.isValidSignatureNow(t.buyer, id, intentSignature)) revert InvalidSignature();
        _permit(t.token, t.buyer, t.amount, permitDeadline, v, r, s);
        IERC20(t.token).safeTransferFrom(t.buyer, address(this), t.amount);
    }

    /// @notice The deposit address of intent `id` (a DepositBox the escrow
    /// deploys there when it first sweeps it): what reaches it funds the intent.
    function depositAddress(bytes32 id) public view returns (address) {
        bytes32 h = keccak256(abi.encodePacked(bytes1(0xff), address(this), id, keccak256(type(DepositBox).creationCode)));
        return address(uint160(uint256(h)));
    }

    /// @notice Funds an intent with what reached its deposit address: the
    /// buyer's EIP-3009 TransferWithAuthorization of the price to that address
    /// (x402's exact scheme) is submitted first, unless its nonce was used
    /// already (someone submitted it straight to the token: the tokens are in
    /// the box all the same), then the box is swept. What exceeds the price is
    /// credited to the buyer.
    function fundWithDeposit(
        Terms calldata t,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant returns (bytes32 id) {
        id = _open(t);
        address box = depositAddress(id);
        if (!IERC3009(t.token).authorizationState(t.buyer, nonce)) {
            IERC3009(t.token).transferWithAuthorization(
                t.buyer, box, t.amount, validAfter, validBefore, nonce, v, r, s
            );
        }
        uint256 got = _sweep(id, box, t.token);
        if (got < t.amount) revert DepositShort(got, t.amount);
        if (got > t.amount) {
            liabilities[t.token] += got - t.amount;
            _credit(t.token, t.buyer, got - t.amount);
        }
    }

    /// @notice Credits to the buyer what reached an intent's deposit address
    /// once the intent was funded, or once it no longer can be (its deadline
    /// passed): nothing sent there is stranded. Anyone may call it.
    function sweepDeposit(Terms calldata t) external nonReentrant {
        bytes32 id = intentId(t);
        State st = _escrows[id].state;
        if (st == State.None && block.timestamp < t.deadline) revert WrongState(id, st);
        uint256 got = _sweep(id, depositAddress(id), t.token);
        if (got == 0) revert NothingToWithdraw();
        liabilities[t.token] += got;
        _credit(t.token, t.buyer, got);
    }

    function _sweep(bytes32 id, address box, address token) private returns (uint256) {
        if (box.code.length == 0) new DepositBox{salt: id}();
        return DepositBox(box).sweep(IERC20(token));
    }

    function _open(Terms calldata t) private returns (bytes32 id) {
        if (!tokenAllowed[t.token]) revert TokenNotAllowed(t.token);
        if (t.buyer == address(0)) revert InvalidTerms("buyer");
        if (t.amount == 0) revert InvalidTerms("amount");
        if (t.slots == 0 || t.slots > maxSlots) revert InvalidTerms("slots");
        if (t.deadline <= block.timestamp) revert DeadlinePassed(t.deadline);
        id = intentId(t);
        Escrow storage e = _escrows[id];
        if (e.state != State.None) revert WrongState(id, e.state);
        uint16 fee = feeBps;
        uint32 window = challengeWindow;
        e.state = State.Funded;
        e.window = window;
        e.feeBps = fee;
        liabilities[t.token] += t.amount;
        emit Funded(id, t.buyer, t.token, t.amount, t.specHash, t.slots, t.stakePerSlot, t.deadline, t.nonce, fee, window);
    }

    /// @notice Cancels a funded intent before assignment; buyer or operator.
    /// `stakers[i]` is the worker of slot i, or zero for a free slot.
    function cancel(Terms calldata t, address[] calldata stakers) external {
        bytes32 id = intentId(t);
        if (msg.sender != t.buyer && !hasRole(OPERATOR_ROLE, msg.sender)) revert NotAuthorised(msg.sender);
        Escrow storage e = _escrows[id];
        if (e.state != State.Funded) revert WrongState(id, e.state);
        _checkStakers(id, e.stakedMask, t.slots, stakers);
        e.state = State.Cancelled;
        emit Cancelled(id, msg.sender);
        _credit(t.token, t.buyer, t.amount);
        _returnStakes(t, stakers, e.stakedMask);
    }

    // ---- staking ----

    /// @notice Bonds the stake of `slot` with the worker's own transaction (after approve).
    function stake(Terms calldata t, uint32 slot) external nonReentrant {
        _stake(t, intentId(t), slot, msg.sender);
        IERC20(t.token).safeTransferFrom(msg.sender, address(this), t.stakePerSlot);
    }

    /// @notice Bonds the stake of `slot` for `worker` by its EIP-2612 permit and
    /// its EIP-712 Stake signature, which binds the permit to this slot.
    function stakeWithPermit(
        Terms calldata t,
        uint32 slot,
        address worker,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s,
        bytes calldata stakeSignature
    ) external nonReentrant {
        if (block.timestamp > deadline) revert AuthorisationExpired(deadline);
        bytes32 id = intentId(t);
        if (!SignatureChecker.isValidSignatureNow(worker, stakeDigest(id, slot, worker, deadline), stakeSignature)) {
            revert InvalidSignature();
        }
        _stake(t, id, slot, worker);
        _permit(t.token, worker, t.stakePerSlot, deadline, v, r, s);
        IERC20(t.token).safeTransferFrom(worker, address(this), t.stakePerSlot);
    }

    function _stake(Terms calldata t, bytes32 id, uint32 slot, address worker) private {
        Escrow storage e = _escrows[id];
        if (e.state != State.Funded) revert WrongState(id, e.state);
        if (block.timestamp >= t.deadline) revert DeadlinePassed(t.deadline);
        if (slot >= t.slots) revert BadSlot(slot);
        uint64 bit = uint64(1) << slot;
        if (e.stakedMask & bit != 0) revert SlotTaken(slot);
        uint256 had = _workerSlot[id][worker];
        if (had != 0) revert WorkerHasSlot(worker, uint32(had - 1));
        e.stakedMask |= bit;
        _workerSlot[id][worker] = uint256(slot) + 1;
        liabilities[t.token] += t.stakePerSlot;
        emit Staked(id, slot, worker, t.stakePerSlot);
    }

    // ---- the job ----

    /// @notice Freezes the slot -> worker map once every slot is staked; the
    /// seed (drawn by the operator from a block hash) fixes replicas and ranks.
    function assign(Terms calldata t, address[] calldata workers, bytes32 seed) external onlyRole(OPERATOR_ROLE) {
        bytes32 id = intentId(t);
        Escrow storage e = _escrows[id];
        if (e.state != State.Funded) revert WrongState(id, e.state);
        if (block.timestamp >= t.deadline) revert DeadlinePassed(t.deadline);
        uint64 full = _fullMask(t.slots);
        if (e.stakedMask != full) revert NotFullyStaked(e.stakedMask);
        _checkStakers(id, full, t.slots, workers);
        bytes32 h = keccak256(abi.encodePacked(workers));
        e.state = State.Assigned;
        e.workersHash = h;
        emit Assigned(id, h, seed);
    }

    /// @notice Records slots that delivered their trace, before a result exists.
    function recordDelivery(Terms calldata t, uint64 slotsMask) external onlyRole(OPERATOR_ROLE) {
        bytes32 id = intentId(t);
        Escrow storage e = _escrows[id];
        if (e.state != State.Assigned) revert WrongState(id, e.state);
        if (slotsMask == 0 || slotsMask & ~_fullMask(t.slots) != 0) revert BadMask(slotsMask);
        e.deliveredMask |= slotsMask;
        emit Delivered(id, slotsMask);
    }

    /// @notice Submits the agreed result and opens the challenge window fixed at funding.
    function submitResult(Terms calldata t, bytes32 weightsHash, bytes32 traceRoot, uint64 deliveredMask)
        external
        onlyRole(OPERATOR_ROLE)
    {
        bytes32 id = intentId(t);
        Escrow storage e = _escrows[id];
        if (e.state != State.Assigned) revert WrongState(id, e.state);
        if (block.timestamp >= t.deadline) revert DeadlinePassed(t.deadline);
        if (weightsHash == bytes32(0)) revert InvalidTerms("weights hash");
        if (deliveredMask == 0 || deliveredMask & ~_fullMask(t.slots) != 0) revert BadMask(deliveredMask);
        uint40 end = uint40(block.timestamp) + e.window;
        e.state = State.Submitted;
        e.deliveredMask |= deliveredMask;
        e.weightsHash = weightsHash;
        e.window = end;
        emit ResultSubmitted(id, weightsHash, traceRoot, e.deliveredMask, end);
    }

    /// @notice Stops a submitted result from being released while the arbiter rules.
    function dispute(Terms calldata t, bytes32 reason) external onlyRole(ARBITER_ROLE) {
        bytes32 id = intentId(t);
        Escrow storage e = _escrows[id];
        if (e.state != State.Submitted) revert WrongState(id, e.state);
        if (block.timestamp >= e.window) revert WindowClosed(e.window);
        e.state = State.Disputed;
        emit Disputed(id, msg.sender, reason);
    }

    /// @notice Settles a dispute: `losingMask` names the slots at fault, whose
    /// stakes are slashed, `deliveredMask` the slots that delivered the result,
    /// and a non-zero `weightsHash` replaces the result. With an honest
    /// delivered slot (delivered, not losing) and a result, release may follow
    /// at once; it pays the honest slots and returns the stake of every slot
    /// neither delivered nor losing (excused).
    /// Otherwise the buyer is refunded at once, the losing slots are slashed
    /// to the buyer and every other slot gets its stake back. `losingMask`
    /// may be zero only for that refund (no slot convicted: the price and
    /// every stake go back); a release without a conviction is refused with
    /// BadMask(0).
    function resolve(
        Terms calldata t,
        address[] calldata workers,
        uint64 losingMask,
        uint64 deliveredMask,
        bytes32 weightsHash,
        bytes32 traceRoot
    ) external onlyRole(ARBITER_ROLE) {
        bytes32 id = intentId(t);
        Escrow storage e = _escrows[id];
        State st = e.state;
        if (st != State.Assigned && st != State.Submitted && st != State.Disputed) revert WrongState(id, st);
        if (st == State.Submitted && block.timestamp >= e.window) revert WindowClosed(e.window);
        uint64 full = _fullMask(t.slots);
        if (losingMask & ~full != 0) revert BadMask(losingMask);
        if (deliveredMask & ~full != 0) revert BadMask(deliveredMask);
        if (weightsHash == bytes32(0)) weightsHash = e.weightsHash;
        bool refunds = deliveredMask & ~losingMask == 0 || weightsHash == bytes32(0);
        if (losingMask == 0 && !refunds) revert BadMask(losingMask);
        _checkWorkers(e, workers);
        e.losingMask = losingMask;
        e.deliveredMask = deliveredMask;
        e.weightsHash = weightsHash;
        emit Resolved(id, losingMask, deliveredMask, weightsHash, traceRoot);
        if (refunds) {
            e.state = State.Refunded;
            emit Refunded(id, t.amount);
            _credit(t.token, t.buyer, t.amount);
            // No slot is paid: the losing stakes go wholly to the buyer.
            _settleStakes(id, t, workers, 0, losingMask);
        } else {
            e.state = State.Resolved;
        }
    }

    /// @notice Pays a result whose challenge window has passed, or a resolved
    /// dispute; anyone may call it. The honest slots (delivered, not losing)
    /// are paid, the losing slots slashed, and every other slot, excused,
    /// gets its stake back.
    function release(Terms calldata t, address[] calldata workers) external {
        bytes32 id = intentId(t);
        Escrow storage e = _escrows[id];
        State st = e.state;
        if (st == State.Submitted) {
            if (block.timestamp < e.window) revert WindowOpen(e.window);
        } else if (st != State.Resolved) {
            revert WrongState(id, st);
        }
        _checkWorkers(e, workers);
        e.state = State.Released;
        uint64 honest = e.deliveredMask & ~e.losingMask;
        uint256 fee = t.amount * e.feeBps / 10_000;
        emit Released(id, e.weightsHash, fee);
        _credit(t.token, treasury, fee);
        uint256 n = _popcount(honest);
        uint256 share = (t.amount - fee) / n;
        _credit(t.token, t.buyer, (t.amount - fee) - share * n);
        for (uint32 i = 0; i < t.slots; ++i) {
            if (honest & (uint64(1) << i) != 0) {
                _credit(t.token, workers[i], share);
                emit Paid(id, i, workers[i], share);
            }
        }
        _settleStakes(id, t, workers, honest, e.losingMask);
    }

    /// @notice Returns the price to the buyer once the deadline has passed with
    /// no result; anyone may call it. `workers` is the slot -> worker map
    /// (before assignment: the stakers, zero for a free slot).
    function refund(Terms calldata t, address[] calldata workers) external {
        bytes32 id = intentId(t);
        Escrow storage e = _escrows[id];
        State st = e.state;
        if (st != State.Funded && st != State.Assigned) revert WrongState(id, st);
        if (block.timestamp < t.deadline) revert DeadlineNotPassed(t.deadline);
        e.state = State.Refunded;
        emit Refunded(id, t.amount);
        _credit(t.token, t.buyer, t.amount);
        if (st == State.Funded) {
            _checkStakers(id, e.stakedMask, t.slots, workers);
            _returnStakes(t, workers, e.stakedMask);
        } else {
            _checkWorkers(e, workers);
            // No ruling: every slot not recorded as delivered is slashed to the buyer.
            _settleStakes(id, t, workers, 0, _fullMask(t.slots) & ~e.deliveredMask);
        }
    }

    /// @notice Pays out the caller's balance in `token`.
    function withdraw(address token) external nonReentrant {
        uint256 amount = withdrawable[token][msg.sender];
        if (amount == 0) revert NothingToWithdraw();
        withdrawable[token][msg.sender] = 0;
        liabilities[token] -= amount;
        emit Withdrawn(token, msg.sender, amount);
        IERC20(token).safeTransfer(msg.sender, amount);
    }

    /// @notice Pays each of `accounts` its balance in `token`, to the account
    /// itself: anyone may call it (the server relays it after a release,
    /// refund or cancellation, so that an account holding no ETH is paid),
    /// and it can only move an account's balance to that account. An account
    /// the token refuses to pay (a blocklisted address, say) keeps its
    /// balance, with the event WithdrawalRefused; the others are paid.
    function withdrawFor(address token, address[] calldata accounts) external nonReentrant {
        if (accounts.length > MAX_PAYOUTS) revert OutOfBounds("accounts");
        IERC20 t = IERC20(token);
        for (uint256 i; i < accounts.length; ++i) {
            address a = accounts[i];
            uint256 amount = withdrawable[token][a];
            if (amount == 0) continue;
            withdrawable[token][a] = 0;
            liabilities[token] -= amount;
            if (t.trySafeTransfer(a, amount)) {
                emit Withdrawn(token, a, amount);
            } else {
                withdrawable[token][a] = amount;
                liabilities[token] += amount;
                emit WithdrawalRefused(token, a, amount);
            }
        }
    }

    // ---- administration ----

    /// @notice Allows or forbids funding intents in `token`.
    function setTokenAllowed(address token, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        tokenAllowed[token] = allowed;
        emit TokenAllowed(token, allowed);
    }

    /// @notice Sets the fee, the challenge window and the slot limit, within
    /// the hard bounds, for intents funded from now on: a funded intent keeps
    /// the fee and window it was funded with.
    function setParameters(uint16 feeBps_, uint32 challengeWindow_, uint8 maxSlots_)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        if (feeBps_ > MAX_FEE_BPS) revert OutOfBounds("fee");
        if (challengeWindow_ < MIN_CHALLENGE_WINDOW || challengeWindow_ > MAX_CHALLENGE_WINDOW) {
            revert OutOfBounds("challenge window");
        }
        if (maxSlots_ == 0 || maxSlots_ > MAX_SLOTS) revert OutOfBounds("slots");
        feeBps = feeBps_;
        challengeWindow = challengeWindow_;
        maxSlots = maxSlots_;
        emit ParametersSet(feeBps_, challengeWindow_, maxSlots_);
    }

    /// @notice Moves the treasury role to a new account.
    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _revokeRole(TREASURY_ROLE, treasury);
        _setTreasury(treasury_);
    }

    // ---- internals ----

    function _setTreasury(address treasury_) private {
        if (treasury_ == address(0)) revert OutOfBounds("treasury");
        treasury = treasury_;
        _grantRole(TREASURY_ROLE, treasury_);
        emit TreasurySet(treasury_);
    }

    function _permit(address token, address owner, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        private
    {
        try IERC20Permit(token).permit(owner, address(this), value, deadline, v, r, s) {}
        catch {
            // Someone may have submitted the permit first; what matters is the allowance.
            if (IERC20(token).allowance(owner, address(this)) < value) revert InvalidSignature();
        }
    }

    /// @dev Checks that stakers[i] is the worker of slot i for every staked slot and zero elsewhere.
    function _checkStakers(bytes32 id, uint64 stakedMask, uint32 slots, address[] calldata stakers) private view {
        if (stakers.length != slots) revert BadWorkers();
        for (uint32 i = 0; i < slots; ++i) {
            if (stakedMask & (uint64(1) << i) == 0) {
                if (stakers[i] != address(0)) revert BadWorkers();
            } else if (_workerSlot[id][stakers[i]] != uint256(i) + 1) {
                revert BadWorkers();
            }
        }
    }

    function _checkWorkers(Escrow storage e, address[] calldata workers) private view {
        if (keccak256(abi.encodePacked(workers)) != e.workersHash) revert BadWorkers();
    }

    function _returnStakes(Terms calldata t, address[] calldata stakers, uint64 stakedMask) private {
        for (uint32 i = 0; i < t.slots; ++i) {
            if (stakedMask & (uint64(1) << i) != 0) _credit(t.token, stakers[i], t.stakePerSlot);
        }
    }

    /// @dev Settles every stake of an assigned intent by the documented rule:
    /// each `losing` slot is slashed, half to the buyer and half shared by the
    /// `paid` slots (wholly to the buyer when `paid` is 0, as on the refund
    /// paths); each `paid` slot gets its stake back plus its part of the
    /// slashed stakes; every other slot gets its stake back (StakeReturned).
    /// `paid` and `losing` are disjoint; the remainder goes to the buyer.
    function _settleStakes(bytes32 id, Terms calldata t, address[] calldata workers, uint64 paid, uint64 losing)
        private
    {
        uint256 nLosing = _popcount(losing);
        uint256 nPaid = _popcount(paid);
        uint256 bonus;
        if (nPaid != 0) bonus = (t.stakePerSlot * nLosing / 2) / nPaid;
        _credit(t.token, t.buyer, t.stakePerSlot * nLosing - bonus * nPaid);
        for (uint32 i = 0; i < t.slots; ++i) {
            uint64 bit = uint64(1) << i;
            if (losing & bit != 0) {
                emit Slashed(id, i, workers[i], t.stakePerSlot);
            } else if (paid & bit != 0) {
                _credit(t.token, workers[i], t.stakePerSlot + bonus);
            } else {
                _credit(t.token, workers[i], t.stakePerSlot);
                emit StakeReturned(id, i, workers[i], t.stakePerSlot);
            }
        }
    }

    function _credit(address token, address account, uint256 amount) private {
        if (amount == 0) return;
        withdrawable[token][account] += amount;
        emit Credited(token, account, amount);
    }

    function _fullMask(uint32 slots) private pure returns (uint64) {
        return slots == 64 ? type(uint64).max : (uint64(1) << slots) - 1;
    }

    function _popcount(uint64 x) private pure returns (uint256 n) {
        while (x != 0) {
            x &= x - 1;
            ++n;
        }
    }
}
