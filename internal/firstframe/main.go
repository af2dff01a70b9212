// Command firstframe measures how long terminal programs take from launch to their first frame,
// in a real terminal: a private tmux server, one new window of a fixed size per run, its screen
// read with `tmux capture-pane` every millisecond until a marker string (text that appears only
// once the frame is painted) is on it.
//
//	go run ./internal/firstframe [-n 11] [-size 120x40] [-timeout 10s] MARKER COMMAND [MARKER COMMAND]...
//
// COMMAND is a shell command, run by tmux with the environment firstframe was started with. The
// runs alternate between the commands (the first of each round rotates), so every program sees
// the same machine load. A floor command, which prints its marker at once, runs among them: its
// time is what the harness itself costs (starting tmux's window and the shell, reading the
// screen). The report gives each command's median, minimum and maximum, its median less the
// floor, and its median as a multiple of the first command's.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// floorMarker is printed by the floor command; no real program prints it.
const floorMarker = "FIRSTFRAME-FLOOR-READY"

// program is one command to measure and the text that shows its first frame.
type program struct {
	name, marker, command string
	times                 []time.Duration
}

// server is a private tmux server: its own socket, no user configuration.
type server struct {
	socket        string
	path          string // the socket's file, which the server leaves behind
	width, height int
	runs          int
}

func (s *server) tmux(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-L", s.socket, "-f", "/dev/null"}, args...)...).CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("tmux %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return string(out), nil
}

// start starts the server with an idle session, so a measured run never pays the server's start.
func (s *server) start() error {
	if _, err := s.tmux("new-session", "-d", "-s", "idle", "-x", fmt.Sprint(s.width), "-y", fmt.Sprint(s.height), "sleep 1000000"); err != nil {
		return err
	}
	path, err := s.tmux("display-message", "-p", "#{socket_path}")
	s.path = strings.TrimSpace(path)
	return err
}

// stop ends the server and removes its socket file.
func (s *server) stop() {
	_, _ = s.tmux("kill-server")
	if s.path != "" {
		_ = os.Remove(s.path)
	}
}

// measure launches command in a new window and returns the time until marker is on its screen.
func (s *server) measure(marker, command string, timeout time.Duration) (time.Duration, error) {
	s.runs++
	session := fmt.Sprintf("run%d", s.runs)
	defer func() { _, _ = s.tmux("kill-session", "-t", session) }()
	start := time.Now()
	if _, err := s.tmux("new-session", "-d", "-s", session, "-x", fmt.Sprint(s.width), "-y", fmt.Sprint(s.height), command); err != nil {
		return 0, err
	}
	for {
		screen, err := s.tmux("capture-pane", "-p", "-t", session)
		if err == nil && strings.Contains(screen, marker) {
			return time.Since(start), nil
		}
		if time.Since(start) > timeout {
			return 0, fmt.Errorf("%q did not show %q within %v; its screen:\n%s", command, marker, timeout, screen)
		}
		time.Sleep(time.Millisecond)
	}
}

// median returns the middle of ds (the mean of the two middle ones for an even count).
func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// run measures every program rounds times, alternating, and writes the samples and the report.
func run(s *server, progs []*program, rounds int, timeout time.Duration, w io.Writer) error {
	for round := 0; round < rounds; round++ {
		for i := range progs {
			p := progs[(round+i)%len(progs)]
			d, err := s.measure(p.marker, p.command, timeout)
			if err != nil {
				return err
			}
			p.times = append(p.times, d)
			fmt.Fprintf(w, "round %d  %-8s %s\n", round+1, p.name, ms(d))
		}
	}
	floor := median(progs[len(progs)-1].times)
	first := median(progs[0].times)
	fmt.Fprintf(w, "\n%d runs each, %dx%d\n", rounds, s.width, s.height)
	fmt.Fprintf(w, "%-8s %10s %10s %10s %12s %9s  %s\n", "", "median", "min", "max", "less floor", "/ first", "command")
	for _, p := range progs {
		m := median(p.times)
		fmt.Fprintf(w, "%-8s %10s %10s %10s %12s %8.2fx  %s\n", p.name, ms(m), ms(slices.Min(p.times)),
			ms(slices.Max(p.times)), ms(m-floor), float64(m)/float64(first), p.command)
	}
	return nil
}

// parse reads the flags and the MARKER COMMAND pairs; the floor program comes last.
func parse(args []string) (*server, []*program, int, time.Duration, error) {
	fs := flag.NewFlagSet("firstframe", flag.ContinueOnError)
	rounds := fs.Int("n", 11, "runs of each command")
	size := fs.String("size", "120x40", "the window's columns x rows")
	timeout := fs.Duration("timeout", 10*time.Second, "give up on a run after this long")
	if err := fs.Parse(args); err != nil {
		return nil, nil, 0, 0, err
	}
	s := &server{socket: fmt.Sprintf("firstframe-%d", os.Getpid())}
	if _, err := fmt.Sscanf(*size, "%dx%d", &s.width, &s.height); err != nil || s.width < 1 || s.height < 1 {
		return nil, nil, 0, 0, fmt.Errorf("-size %q: want COLUMNSxROWS, such as 120x40", *size)
	}
	rest := fs.Args()
	if len(rest) == 0 || len(rest)%2 != 0 || *rounds < 1 {
		return nil, nil, 0, 0, errors.New("usage: firstframe [-n RUNS] [-size 120x40] [-timeout 10s] MARKER COMMAND [MARKER COMMAND]…")
	}
	var progs []*program
	for i := 0; i < len(rest); i += 2 {
		progs = append(progs, &program{name: fmt.Sprintf("cmd%d", i/2+1), marker: rest[i], command: rest[i+1]})
	}
	progs = append(progs, &program{name: "floor", marker: floorMarker, command: "printf " + floorMarker + "; exec sleep 60"})
	return s, progs, *rounds, *timeout, nil
}

func main() {
	s, progs, rounds, timeout, err := parse(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := s.start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	err = run(s, progs, rounds, timeout, os.Stdout)
	s.stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
