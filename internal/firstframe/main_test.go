package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	s, progs, rounds, _, err := parse([]string{"-n", "3", "-size", "80x24", "READY", "prog one", "DONE", "prog two"})
	if err != nil {
		t.Fatal(err)
	}
	if s.width != 80 || s.height != 24 || rounds != 3 {
		t.Errorf("size %dx%d, rounds %d; want 80x24, 3", s.width, s.height, rounds)
	}
	var got []string
	for _, p := range progs {
		got = append(got, p.name+"|"+p.marker+"|"+p.command)
	}
	want := "cmd1|READY|prog one cmd2|DONE|prog two floor|" + floorMarker + "|printf " + floorMarker + "; exec sleep 60"
	if strings.Join(got, " ") != want {
		t.Errorf("programs %q, want %q", strings.Join(got, " "), want)
	}
	for _, bad := range [][]string{nil, {"READY"}, {"-size", "wide", "READY", "prog"}, {"-n", "0", "READY", "prog"}} {
		if _, _, _, _, err := parse(bad); err == nil {
			t.Errorf("parse(%q) took it", bad)
		}
	}
}

func TestMedian(t *testing.T) {
	if got := median([]time.Duration{5, 1, 3}); got != 3 {
		t.Errorf("odd: %v", got)
	}
	if got := median([]time.Duration{4, 1, 3, 8}); got != 3 {
		t.Errorf("even: %v", got)
	}
}

// TestRunInTmux measures two shell commands in a real tmux (skipped where there is none): every
// run finds its marker, the report names each command, and a command that never shows its
// marker is reported with its screen instead of hanging.
func TestRunInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("no tmux")
	}
	s, progs, rounds, timeout, err := parse([]string{"-n", "2", "-size", "60x10",
		"SHOWN-AFTER-WORK", "seq 1000 >/dev/null; echo SHOWN-AFTER-WORK; exec sleep 60"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		s.stop()
		if _, err := os.Stat(s.path); s.path == "" || !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("the server's socket %q is still there after stop (%v)", s.path, err)
		}
	}()
	var out bytes.Buffer
	if err := run(s, progs, rounds, timeout, &out); err != nil {
		t.Fatal(err)
	}
	for _, p := range progs {
		if len(p.times) != 2 {
			t.Errorf("%s: %d samples, want 2", p.name, len(p.times))
		}
	}
	for _, want := range []string{"2 runs each, 60x10", "cmd1", "floor", "seq 1000"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	_, err = s.measure("NEVER-PRINTED", "echo something else; exec sleep 60", 300*time.Millisecond)
	if err == nil || !strings.Contains(err.Error(), "something else") {
		t.Errorf("a missing marker gave %v, want an error showing the screen", err)
	}
}
