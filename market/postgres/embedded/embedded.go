// Package embedded runs a private PostgreSQL cluster from the local server
// binaries: initialised on first use under a directory, started on a free
// loopback port, reused by later starts and stopped cleanly. When the
// process is root the server runs as an unprivileged user, since initdb and
// postgres refuse to run as root.
//
// The server is a child of the process that started it and, on Linux, does
// not outlive it: if that process dies without stopping it (SIGKILL, a
// crash), the kernel sends the server SIGINT, PostgreSQL's fast shutdown,
// and the data stays. For clusters whose data is scratch, ScratchDir also
// removes them.
package embedded

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/google/renameio/v2"
	"github.com/jackc/pgx/v5"

	"github.com/axl-market/axl/market/tether"
)

// Config says where the cluster lives and how to run it.
type Config struct {
	// Dir holds the cluster: Dir/data (the PostgreSQL data directory,
	// with the server's log, server.log) and Dir/password.
	Dir string
	// BinDir holds initdb, pg_ctl and postgres; found when empty.
	BinDir string
	// User runs the server when the process is root. Empty means
	// "postgres" if that user exists, else "axl-postgres", created with
	// useradd when missing.
	User string
	// Logger receives progress; nil discards.
	Logger *slog.Logger
}

// superuser is the cluster's only role.
const superuser = "axl"

// Cluster is a running (or attached) PostgreSQL cluster.
type Cluster struct {
	cfg      Config
	binDir   string
	port     int
	password string
	cred     *syscall.Credential
	server   *tether.Child // the postgres process, when started by us
	owned    bool          // started by us, so stopped by us
}

// ErrNoBinaries is returned when the PostgreSQL server binaries cannot be found.
var ErrNoBinaries = errors.New("the PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH, by pg_config or under /usr/lib/postgresql/*/bin: install them (Debian: apt-get install postgresql) or pass --database-url")

// FindBinaries returns the directory holding initdb, pg_ctl and postgres.
func FindBinaries() (string, error) {
	complete := func(dir string) bool {
		for _, n := range []string{"initdb", "pg_ctl", "postgres"} {
			if fi, err := os.Stat(filepath.Join(dir, n)); err != nil || fi.IsDir() {
				return false
			}
		}
		return true
	}
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil && complete(filepath.Dir(real)) {
			return filepath.Dir(real), nil
		}
	}
	if p, err := exec.LookPath("pg_config"); err == nil {
		if out, err := exec.Command(p, "--bindir").Output(); err == nil {
			if dir := strings.TrimSpace(string(out)); complete(dir) {
				return dir, nil
			}
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, d := range dirs {
		if complete(d) {
			return d, nil
		}
	}
	return "", ErrNoBinaries
}

func versionOf(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

// Start initialises the cluster if needed and starts it, or attaches to it
// if it is already running (then Stop leaves it running).
func Start(ctx context.Context, cfg Config) (*Cluster, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	abs, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, err
	}
	cfg.Dir = abs
	c := &Cluster{cfg: cfg, binDir: cfg.BinDir}
	if c.binDir == "" {
		if c.binDir, err = FindBinaries(); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(cfg.Dir, 0o711); err != nil {
		return nil, fmt.Errorf("data dir %s is not writable (%v): choose another with --data-dir or fix its permissions", cfg.Dir, err)
	}
	if err := checkWritable(cfg.Dir); err != nil {
		return nil, err
	}
	if os.Geteuid() == 0 {
		if c.cred, err = serverUser(ctx, cfg.User); err != nil {
			return nil, err
		}
		// The server user must reach its data directory through our tree.
		if err := os.Chmod(cfg.Dir, 0o711); err != nil {
			return nil, err
		}
		if err := checkSearchable(cfg.Dir); err != nil {
			return nil, err
		}
	}
	if err := c.initdb(ctx); err != nil {
		return nil, err
	}
	pw, err := os.ReadFile(filepath.Join(cfg.Dir, "password"))
	if err != nil {
		return nil, fmt.Errorf("cluster in %s has no password file (%v): remove %s to start afresh", cfg.Dir, err, cfg.Dir)
	}
	c.password = strings.TrimSpace(string(pw))
	if port, ok := c.runningPort(); ok {
		c.port = port
		cfg.Logger.Info("postgres: attached to running cluster", "dir", cfg.Dir, "port", port)
		return c, nil
	}
	if err := c.start(ctx); err != nil {
		return nil, err
	}
	c.owned = true
	return c, nil
}

func checkWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return fmt.Errorf("data dir %s is not writable: choose another with --data-dir or fix its permissions", dir)
	}
	f.Close()
	return os.Remove(f.Name())
}

// checkSearchable refuses a directory whose ancestors the server user
// cannot traverse, which would otherwise fail deep inside initdb.
func checkSearchable(dir string) error {
	for d := filepath.Dir(dir); ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			return err
		}
		if fi.Mode().Perm()&0o001 == 0 {
			return fmt.Errorf("directory %s is not searchable by the PostgreSQL server user: chmod o+x %s, or choose another --data-dir", d, d)
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

// serverUser finds (or creates) the unprivileged user that runs the server.
func serverUser(ctx context.Context, name string) (*syscall.Credential, error) {
	if name == "" {
		name = "postgres"
		if _, err := user.Lookup(name); err != nil {
			name = "axl-postgres"
		}
	}
	u, err := user.Lookup(name)
	if err != nil {
		out, aerr := exec.CommandContext(ctx, "useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name).CombinedOutput()
		if aerr != nil {
			return nil, fmt.Errorf("running as root needs an unprivileged user for PostgreSQL, and useradd %s failed: %s", name, bytes.TrimSpace(out))
		}
		if u, err = user.Lookup(name); err != nil {
			return nil, err
		}
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

func (c *Cluster) dataDir() string { return filepath.Join(c.cfg.Dir, "data") }

// command runs a server binary as the server user, in its own process
// group so that a terminal's Ctrl-C reaches us, not the server: we stop it
// ourselves, after the requests in flight. Start it with tether.Start.
func (c *Cluster) command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, filepath.Join(c.binDir, name), args...)
	cmd.Dir = c.cfg.Dir
	cmd.Env = []string{"PATH=" + c.binDir + ":/usr/bin:/bin", "LC_ALL=C", "TZ=UTC"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Credential: c.cred}
	return cmd
}

func (c *Cluster) chown(path string) error {
	if c.cred == nil {
		return nil
	}
	return os.Chown(path, int(c.cred.Uid), int(c.cred.Gid))
}

func (c *Cluster) initdb(ctx context.Context) error {
	if _, err := os.Stat(filepath.Join(c.dataDir(), "PG_VERSION")); err == nil {
		return nil
	}
	c.cfg.Logger.Info("postgres: initialising cluster", "dir", c.dataDir(), "bin", c.binDir)
	// A half-made data directory from an interrupted initdb is useless.
	if err := os.RemoveAll(c.dataDir()); err != nil {
		return err
	}
	if err := os.Mkdir(c.dataDir(), 0o700); err != nil {
		return err
	}
	if err := c.chown(c.dataDir()); err != nil {
		return err
	}
	var raw [24]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return err
	}
	password := hex.EncodeToString(raw[:])
	pwfile := filepath.Join(c.cfg.Dir, ".pwfile")
	if err := os.WriteFile(pwfile, []byte(password+"\n"), 0o600); err != nil {
		return err
	}
	defer os.Remove(pwfile)
	if err := c.chown(pwfile); err != nil {
		return err
	}
	out, err := tether.Run(c.command(ctx, "initdb", "-D", c.dataDir(), "-U", superuser, "--pwfile", pwfile,
		"--auth", "scram-sha-256", "-E", "UTF8", "--locale", "C", "--no-sync"), syscall.SIGKILL)
	if err != nil {
		return fmt.Errorf("initdb failed: %v: %s", err, lastLines(out, 3))
	}
	// Written last: its presence marks a complete initialisation.
	return writeFileAtomic(filepath.Join(c.cfg.Dir, "password"), []byte(password+"\n"), 0o600)
}

// pidFile is what a server's postmaster.pid says of it.
type pidFile struct {
	pid, port int
	status    string // "starting", "ready", "stopping"…; empty before PostgreSQL wrote it
}

// readPidFile reads the data directory's postmaster.pid, if any.
func (c *Cluster) readPidFile() (pidFile, bool) {
	b, err := os.ReadFile(filepath.Join(c.dataDir(), "postmaster.pid"))
	if err != nil {
		return pidFile{}, false
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) < 4 {
		return pidFile{}, false
	}
	var f pidFile
	f.pid, _ = strconv.Atoi(strings.TrimSpace(lines[0]))
	f.port, _ = strconv.Atoi(strings.TrimSpace(lines[3]))
	if len(lines) > 7 {
		f.status = strings.TrimSpace(lines[7])
	}
	return f, f.pid > 0 && f.port > 0
}

// runningPort reports the port of a server already running on this data
// directory, read from its postmaster.pid.
func (c *Cluster) runningPort() (int, bool) {
	f, ok := c.readPidFile()
	if !ok || syscall.Kill(f.pid, 0) != nil {
		return 0, false
	}
	return f.port, true
}

// start runs postgres itself, not pg_ctl, whose server is a daemon, the
// child of init: as our child the server can be tethered to this process
// (tether.Start), so that it gets SIGINT, a fast shutdown, if the process
// dies without stopping it. ctx bounds the start, not the server.
func (c *Cluster) start(ctx context.Context) error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	c.port = l.Addr().(*net.TCPAddr).Port
	l.Close()
	logPath := filepath.Join(c.dataDir(), "server.log")
	logFile, err := os.OpenFile(logPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer logFile.Close() // the server has its own descriptor
	if err := c.chown(logPath); err != nil {
		return err
	}
	cmd := c.command(context.Background(), "postgres", "-D", c.dataDir(), "-p", strconv.Itoa(c.port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200", "-c", "fsync=on")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if c.server, err = tether.Start(cmd, syscall.SIGINT); err != nil {
		return fmt.Errorf("starting postgres: %w", err)
	}
	if err := c.waitReady(ctx); err != nil {
		c.kill()
		log, _ := os.ReadFile(logPath)
		return fmt.Errorf("postgres did not start: %v: %s", err, lastLines(log, 3))
	}
	c.cfg.Logger.Info("postgres: started", "dir", c.dataDir(), "port", c.port, "pid", cmd.Process.Pid)
	return nil
}

// waitReady waits until the server says, in its postmaster.pid, that it
// accepts connections: what pg_ctl start -w waits for.
func (c *Cluster) waitReady(ctx context.Context) error {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		if f, ok := c.readPidFile(); ok && f.pid == c.server.Cmd.Process.Pid && f.status == "ready" {
			return nil
		}
		select {
		case <-c.server.Done():
			return fmt.Errorf("postgres exited: %v", c.server.Wait())
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// kill shuts the server down immediately (SIGQUIT), and kills it if that
// takes over ten seconds.
func (c *Cluster) kill() {
	_ = c.server.Cmd.Process.Signal(syscall.SIGQUIT)
	select {
	case <-c.server.Done():
	case <-time.After(10 * time.Second):
		_ = c.server.Cmd.Process.Kill()
		<-c.server.Done()
	}
}

// Stop stops the server if Start started it, waiting for a clean (fast)
// shutdown; when ctx ends first it shuts the server down immediately.
func (c *Cluster) Stop(ctx context.Context) error {
	if !c.owned {
		return nil
	}
	c.owned = false
	if err := c.server.Cmd.Process.Signal(syscall.SIGINT); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return fmt.Errorf("stopping postgres: %w", err)
	}
	select {
	case <-c.server.Done():
	case <-ctx.Done():
		c.kill()
		return fmt.Errorf("postgres did not stop in time (%w): shut it down immediately", ctx.Err())
	}
	if err := c.server.Wait(); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	c.cfg.Logger.Info("postgres: stopped", "dir", c.dataDir())
	return nil
}

// Dir is the directory that holds the cluster (Config.Dir, made absolute).
func (c *Cluster) Dir() string { return c.cfg.Dir }

// Port is the loopback TCP port the server listens on.
func (c *Cluster) Port() int { return c.port }

// URL is the connection URL of a database of the cluster.
func (c *Cluster) URL(database string) string {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(superuser, c.password),
		Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(c.port)), Path: "/" + database, RawQuery: "sslmode=disable"}
	return u.String()
}

// EnsureDatabase creates database name unless it exists.
func (c *Cluster) EnsureDatabase(ctx context.Context, name string) error {
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	return err
}

func writeFileAtomic(path string, b []byte, mode os.FileMode) error {
	return renameio.WriteFile(path, b, mode, renameio.WithTempDir(filepath.Dir(path)))
}

func lastLines(b []byte, n int) string {
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if t := strings.TrimSpace(sc.Text()); t != "" {
			lines = append(lines, t)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}

// waitGone is used by tests: it waits until no server runs on the data dir.
func (c *Cluster) waitGone(ctx context.Context) error {
	for {
		if _, ok := c.runningPort(); !ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}
