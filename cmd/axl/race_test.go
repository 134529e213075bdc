//go:build race

package main

// raceSlowdown is how much slower the race detector makes training: the
// tests' rulebook assumes workers that much slower, so that honest ones
// still commit within their allowance.
const raceSlowdown = 20
