// Package e2e runs the web page in headless Chromium against a real axl
// demo: the binary built from this tree, its PostgreSQL, dev chain, four
// workers on libp2p and a cheating worker's dispute. It is a package of
// its own so that it runs beside cmd/axl's long tests.
package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/axl-market/axl/escrow/devchain"
	"github.com/axl-market/axl/market/postgres/pgtest"
	"github.com/axl-market/axl/market/tether"
)

// maxFirstView is the bound on the bytes of the first view.
const maxFirstView = 300 << 10

// chromium is Debian's build, which playwright-core drives.
const chromium = "/usr/bin/chromium"

// figures are what testdata/browser.mjs measured and saw.
type figures struct {
	FirstViewBytes    int            `json:"first_view_bytes"`
	FirstViewRequests int            `json:"first_view_requests"`
	LossPointsFirst   int            `json:"loss_points_first"`
	LossPointsThen    int            `json:"loss_points_then"`
	LossPointsFinal   int            `json:"loss_points_final"`
	ValidationPoints  int            `json:"validation_points"`
	FinalValidation   string         `json:"final_validation"`
	Paid              int            `json:"paid"`
	Slashed           int            `json:"slashed"`
	BisectionRounds   []int          `json:"bisection_rounds"`
	Verdicts          []string       `json:"verdicts"`
	MyIntents         int            `json:"my_intents"`
	WeightsSHA256     string         `json:"weights_sha256"`
	NarrowOverflow    map[string]int `json:"narrow_overflow"`
	ConsoleErrors     []string       `json:"console_errors"`
}

// TestPageFollowsADisputedJob opens the page while `axl demo --cheat
// perturb` runs its 2 × 2 job and follows it to the release: the loss chart
// gains points from the event stream, the released state and the paid and
// slashed rows appear without a reload, the dispute page draws its
// bisection, the buyer signs in with its wallet and downloads the weights,
// and each view fits 360 px. The first view must stay within 300 KB.
// Screenshots go to $AXL_WEB_SCREENSHOTS, or web/e2e/screenshots.
func TestPageFollowsADisputedJob(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if _, serr := os.Stat(chromium); err != nil || serr != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("the browser test needs node and %s (apt-get install chromium nodejs): node %v, chromium %v", chromium, err, serr)
		}
		t.Fatalf("CI must have node and %s: node %v, chromium %v", chromium, err, serr)
	}
	client, err := filepath.Abs("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(client, "node_modules", "playwright-core")); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("run `npm ci` in web/testdata (make test does) for playwright-core: %v", err)
		}
		t.Fatalf("web/testdata has no node_modules (make test runs npm ci): %v", err)
	}
	shots := os.Getenv("AXL_WEB_SCREENSHOTS")
	if shots == "" {
		shots, _ = filepath.Abs("screenshots")
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()

	bin := filepath.Join(t.TempDir(), "axl")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/axl-market/axl/cmd/axl")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	// Enough steps that the page is open while the workers report progress.
	data := filepath.Join(pgtest.TempDir(t, "axl-web-"), "data")
	demo := exec.Command(bin, "demo", "--cheat", "perturb", "--steps", "160", "--inner-steps", "10",
		"--data-dir", data, "--keep-serving", "--timeout", "14m")
	stdout, err := demo.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	demo.Stderr = demo.Stdout
	child, err := tether.Start(demo, syscall.SIGKILL)
	if err != nil {
		t.Fatal(err)
	}
	page := make(chan string, 1)
	logged := make(chan struct{})
	defer func() {
		_ = demo.Process.Signal(os.Interrupt)
		select {
		case <-child.Done():
		case <-time.After(time.Minute):
			_ = demo.Process.Kill()
			<-child.Done()
		}
		<-logged // no t.Log after the test
	}()
	go func() {
		defer close(logged)
		re := regexp.MustCompile(`web page: (http://\S+)/ `)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			t.Log("demo: " + sc.Text())
			if m := re.FindStringSubmatch(sc.Text()); m != nil && len(page) == 0 {
				page <- m[1]
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	var base string
	select {
	case base = <-page:
	case <-child.Done():
		t.Fatalf("axl demo ended before serving: %v", child.Wait())
	case <-ctx.Done():
		t.Fatal("axl demo printed no page address")
	}
	key := buyerKey(t, data)

	run := exec.CommandContext(ctx, node, "browser.mjs", base, shots, key)
	run.Dir = client
	run.Env = append(os.Environ(), "CHROMIUM="+chromium)
	var out, errOut strings.Builder
	run.Stdout, run.Stderr = &out, &errOut
	bc, err := tether.Start(run, syscall.SIGKILL)
	if err != nil {
		t.Fatal(err)
	}
	err = bc.Wait()
	if errOut.Len() > 0 {
		t.Logf("browser stderr:\n%s", errOut.String())
	}
	if err != nil {
		t.Fatalf("browser run: %v\n%s", err, out.String())
	}
	var f figures
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &f); err != nil {
		t.Fatalf("browser figures: %v\n%s", err, out.String())
	}
	t.Logf("first view: %d bytes in %d requests; loss points %d, then %d, at the end %d; final validation loss %s; paid %d, slashed %d; bisection rounds %v; screenshots in %s",
		f.FirstViewBytes, f.FirstViewRequests, f.LossPointsFirst, f.LossPointsThen, f.LossPointsFinal, f.FinalValidation, f.Paid, f.Slashed, f.BisectionRounds, shots)
	switch {
	case f.FirstViewBytes <= 0 || f.FirstViewBytes > maxFirstView:
		t.Errorf("first view is %d bytes, want 1 to %d", f.FirstViewBytes, maxFirstView)
	case f.LossPointsThen <= f.LossPointsFirst:
		t.Errorf("the loss chart went from %d to %d points: it did not follow the progress", f.LossPointsFirst, f.LossPointsThen)
	case f.ValidationPoints < f.LossPointsFinal || f.FinalValidation == "":
		t.Errorf("the validation chart has %d points (the loss chart %d), the result's validation loss %q: want as many and one",
			f.ValidationPoints, f.LossPointsFinal, f.FinalValidation)
	case f.Paid != 3 || f.Slashed != 1:
		t.Errorf("payouts: %d paid and %d slashed, want the three honest slots paid and the cheat slashed", f.Paid, f.Slashed)
	case len(f.BisectionRounds) == 0 || len(f.Verdicts) == 0:
		t.Errorf("the dispute page drew %v bisections and %d verdicts", f.BisectionRounds, len(f.Verdicts))
	case f.MyIntents != 1:
		t.Errorf("the signed-in buyer sees %d intents, want its one", f.MyIntents)
	case len(f.ConsoleErrors) > 0:
		t.Errorf("console errors: %q", f.ConsoleErrors)
	}
	for _, name := range []string{"market", "intent-running", "intent-released", "dispute", "intent-signed-in", "market-360", "intent-360", "dispute-360"} {
		if st, err := os.Stat(filepath.Join(shots, name+".png")); err != nil || st.Size() == 0 {
			t.Errorf("screenshot %s.png: %v", name, err)
		}
	}
}

// buyerKey is the demo buyer's private key: the first dev agent's.
func buyerKey(t *testing.T, data string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(data, "devnet.json"))
	if err != nil {
		t.Fatal(err)
	}
	var info devchain.Info
	if err := json.Unmarshal(b, &info); err != nil {
		t.Fatal(err)
	}
	for _, a := range info.Accounts {
		if a.Role == devchain.RoleAgent {
			return a.PrivateKey
		}
	}
	t.Fatal("devnet.json lists no agent")
	return ""
}
