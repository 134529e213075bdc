//go:build !race

package jobplan_test

const raceEnabled = false
