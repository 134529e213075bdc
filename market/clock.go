package market

import "time"

// Clock tells the time. The server uses the wall clock; tests inject one
// they move by hand so that nothing sleeps. Loops that wait (Every,
// SingletonLease) use package time, whose timers tests run under
// testing/synctest's fake clock: they never sleep on the wall clock either.
type Clock interface {
	Now() time.Time
}

// SystemClock is the wall clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }
