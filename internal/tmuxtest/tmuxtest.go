// Package tmuxtest runs a program in a real terminal for end-to-end tests: a private tmux server
// on a socket of its own, in a temporary folder that is removed when the test ends. A test never
// touches the user's sessions, and leaves no socket behind (tmux does not remove a socket file
// when its server exits, so servers named with -L pile up in /tmp/tmux-UID).
package tmuxtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Wait is how long WaitFor polls before failing. It only turns a hang into a failure: a
// condition that holds ends the wait at once, so a generous deadline costs nothing and keeps
// the tests passing when every core is busy.
const Wait = 60 * time.Second

// Session is one tmux session, the only one of its server.
type Session struct {
	t      testing.TB
	socket string
}

// name is the session's name in every command that targets it.
const name = "t"

// Available skips the test when tmux is not installed (.ci/run installs it).
func Available(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
}

// Start runs argv in a new detached session of w×h cells, with exactly the environment env
// (through env -i, so nothing of the caller's environment leaks in). The server is killed and
// its folder removed when the test ends.
func Start(t testing.TB, w, h int, env []string, argv ...string) *Session {
	t.Helper()
	Available(t)
	// Not t.TempDir(): a socket's path must be short (about 100 bytes at most), and a test's
	// temporary folder is named after the test.
	dir, err := os.MkdirTemp("", "unvn-tmux-")
	if err != nil {
		t.Fatal(err)
	}
	s := &Session{t: t, socket: filepath.Join(dir, "s")}
	t.Cleanup(func() {
		exec.Command("tmux", "-S", s.socket, "kill-server").Run() // a server already gone is fine
		os.RemoveAll(dir)
	})
	args := []string{"new-session", "-d", "-s", name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "env", "-i"}
	s.Cmd(append(append(args, env...), argv...)...)
	return s
}

// Cmd runs a tmux command against the session's server and returns its output; an error
// fails the test.
func (s *Session) Cmd(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", s.socket, "-f", "/dev/null"}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// Keys sends keys by their tmux names ("Enter", "C-c", "q").
func (s *Session) Keys(keys ...string) { s.Cmd(append([]string{"send-keys", "-t", name}, keys...)...) }

// Type sends text as it is, character by character.
func (s *Session) Type(text string) { s.Cmd("send-keys", "-t", name, "-l", text) }

// Screen is the visible pane as plain text.
func (s *Session) Screen() string { return s.Cmd("capture-pane", "-p", "-t", name) }

// ScreenEscapes is the visible pane with its colours and attributes as escape sequences.
func (s *Session) ScreenEscapes() string { return s.Cmd("capture-pane", "-e", "-p", "-t", name) }

// Format expands a tmux format ("#{alternate_on}") for the pane.
func (s *Session) Format(f string) string {
	return strings.TrimSpace(s.Cmd("display-message", "-p", "-t", name, f))
}

// Resize makes the window w×h cells.
func (s *Session) Resize(w, h int) {
	s.Cmd("resize-window", "-t", name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h))
}

// Kill closes the session as a closed terminal window does: its programs get SIGHUP.
func (s *Session) Kill() { s.Cmd("kill-session", "-t", name) }

// WaitFor polls the screen until cond holds and returns that screen; after Wait it fails the
// test with what the screen showed.
func (s *Session) WaitFor(what string, cond func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(Wait)
	for {
		sc := s.Screen()
		if cond(sc) {
			return sc
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %s; screen:\n%s", what, sc)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// WaitText waits until the screen shows text.
func (s *Session) WaitText(text string) string {
	s.t.Helper()
	return s.WaitFor(fmt.Sprintf("%q", text), func(sc string) bool { return strings.Contains(sc, text) })
}

// ChildPID is the pid of the program that the pane's first process (a shell) runs.
func (s *Session) ChildPID() string {
	s.t.Helper()
	shell := s.Format("#{pane_pid}")
	out, err := exec.Command("pgrep", "-P", shell).Output()
	if err != nil || len(strings.Fields(string(out))) == 0 {
		s.t.Fatalf("no child of the pane's shell %s: %v", shell, err)
	}
	return strings.Fields(string(out))[0]
}
