//go:build race

package jobplan_test

// raceEnabled: the race detector drops sync.Pool items at random, so the
// kernels' scratch is allocated anew far more often than in a real run.
const raceEnabled = true
