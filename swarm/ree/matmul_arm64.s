//go:build arm64 && !purego

#include "textflag.h"

// func kern4x16NEON(k int, a, b, c *float32, ldc int)
//
// V0…V15 hold the 4×16 accumulators (row r, columns 4j…4j+3 in V(4r+j)).
// For each q the four values of a are loaded into V20 and the sixteen of b
// into V16…V19; each product a[q][r]·b[q][j] is rounded by FMUL (by element)
// and then added by FADD, never fused: exactly kernelGo's operations, four
// lanes at a time. Go's assembler lacks the vector FMUL and FADD, hence the
// WORD encodings (checked against GNU as), each with its instruction beside.
TEXT ·kern4x16NEON(SB), NOSPLIT, $0-40
	MOVD k+0(FP), R3
	MOVD a+8(FP), R0
	MOVD b+16(FP), R1
	MOVD c+24(FP), R2
	MOVD ldc+32(FP), R4
	LSL  $2, R4, R4
	VEOR V0.B16, V0.B16, V0.B16
	VEOR V1.B16, V1.B16, V1.B16
	VEOR V2.B16, V2.B16, V2.B16
	VEOR V3.B16, V3.B16, V3.B16
	VEOR V4.B16, V4.B16, V4.B16
	VEOR V5.B16, V5.B16, V5.B16
	VEOR V6.B16, V6.B16, V6.B16
	VEOR V7.B16, V7.B16, V7.B16
	VEOR V8.B16, V8.B16, V8.B16
	VEOR V9.B16, V9.B16, V9.B16
	VEOR V10.B16, V10.B16, V10.B16
	VEOR V11.B16, V11.B16, V11.B16
	VEOR V12.B16, V12.B16, V12.B16
	VEOR V13.B16, V13.B16, V13.B16
	VEOR V14.B16, V14.B16, V14.B16
	VEOR V15.B16, V15.B16, V15.B16
	CBZ  R3, store

loop:
	VLD1.P 16(R0), [V20.S4]
	VLD1.P 64(R1), [V16.S4, V17.S4, V18.S4, V19.S4]
	WORD $0x4f949215 // FMUL V21.S4, V16.S4, V20.S[0]
	WORD $0x4e35d400 // FADD V0.S4, V0.S4, V21.S4
	WORD $0x4f949236 // FMUL V22.S4, V17.S4, V20.S[0]
	WORD $0x4e36d421 // FADD V1.S4, V1.S4, V22.S4
	WORD $0x4f949257 // FMUL V23.S4, V18.S4, V20.S[0]
	WORD $0x4e37d442 // FADD V2.S4, V2.S4, V23.S4
	WORD $0x4f949278 // FMUL V24.S4, V19.S4, V20.S[0]
	WORD $0x4e38d463 // FADD V3.S4, V3.S4, V24.S4
	WORD $0x4fb49219 // FMUL V25.S4, V16.S4, V20.S[1]
	WORD $0x4e39d484 // FADD V4.S4, V4.S4, V25.S4
	WORD $0x4fb4923a // FMUL V26.S4, V17.S4, V20.S[1]
	WORD $0x4e3ad4a5 // FADD V5.S4, V5.S4, V26.S4
	WORD $0x4fb4925b // FMUL V27.S4, V18.S4, V20.S[1]
	WORD $0x4e3bd4c6 // FADD V6.S4, V6.S4, V27.S4
	WORD $0x4fb4927c // FMUL V28.S4, V19.S4, V20.S[1]
	WORD $0x4e3cd4e7 // FADD V7.S4, V7.S4, V28.S4
	WORD $0x4f949a15 // FMUL V21.S4, V16.S4, V20.S[2]
	WORD $0x4e35d508 // FADD V8.S4, V8.S4, V21.S4
	WORD $0x4f949a36 // FMUL V22.S4, V17.S4, V20.S[2]
	WORD $0x4e36d529 // FADD V9.S4, V9.S4, V22.S4
	WORD $0x4f949a57 // FMUL V23.S4, V18.S4, V20.S[2]
	WORD $0x4e37d54a // FADD V10.S4, V10.S4, V23.S4
	WORD $0x4f949a78 // FMUL V24.S4, V19.S4, V20.S[2]
	WORD $0x4e38d56b // FADD V11.S4, V11.S4, V24.S4
	WORD $0x4fb49a19 // FMUL V25.S4, V16.S4, V20.S[3]
	WORD $0x4e39d58c // FADD V12.S4, V12.S4, V25.S4
	WORD $0x4fb49a3a // FMUL V26.S4, V17.S4, V20.S[3]
	WORD $0x4e3ad5ad // FADD V13.S4, V13.S4, V26.S4
	WORD $0x4fb49a5b // FMUL V27.S4, V18.S4, V20.S[3]
	WORD $0x4e3bd5ce // FADD V14.S4, V14.S4, V27.S4
	WORD $0x4fb49a7c // FMUL V28.S4, V19.S4, V20.S[3]
	WORD $0x4e3cd5ef // FADD V15.S4, V15.S4, V28.S4
	SUBS $1, R3, R3
	BNE  loop

store:
	VST1 [V0.S4, V1.S4, V2.S4, V3.S4], (R2)
	ADD R4, R2, R2
	VST1 [V4.S4, V5.S4, V6.S4, V7.S4], (R2)
	ADD R4, R2, R2
	VST1 [V8.S4, V9.S4, V10.S4, V11.S4], (R2)
	ADD R4, R2, R2
	VST1 [V12.S4, V13.S4, V14.S4, V15.S4], (R2)
	RET
