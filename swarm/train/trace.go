package train

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteTrace writes a trace as text, one "step sha256-hex" line per entry.
func WriteTrace(w io.Writer, trace []TraceEntry) error {
	bw := bufio.NewWriter(w)
	for _, e := range trace {
		fmt.Fprintf(bw, "%d %s\n", e.Step, e.Hash)
	}
	return bw.Flush()
}

// ReadTrace parses what WriteTrace wrote.
func ReadTrace(r io.Reader) ([]TraceEntry, error) {
	var out []TraceEntry
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		f := strings.Fields(sc.Text())
		if len(f) != 2 {
			return nil, fmt.Errorf("trace line %d: want \"step hash\"", line)
		}
		step, err := strconv.Atoi(f[0])
		if err != nil || step < 0 {
			return nil, fmt.Errorf("trace line %d: bad step %q", line, f[0])
		}
		var e TraceEntry
		// The length first: hex.Decode writes past a hash of 32 bytes
		// when given more than 64 digits.
		if len(f[1]) != 2*len(e.Hash) {
			return nil, fmt.Errorf("trace line %d: bad hash %q", line, f[1])
		}
		if _, err := hex.Decode(e.Hash[:], []byte(f[1])); err != nil {
			return nil, fmt.Errorf("trace line %d: bad hash %q", line, f[1])
		}
		e.Step = step
		out = append(out, e)
	}
	return out, sc.Err()
}
