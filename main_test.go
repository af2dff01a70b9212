package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain points the reader state and the library at a temp dir for every test, so what the
// developer has read, starred or added to their own library never changes what a test sees.
func TestMain(m *testing.M) {
	home, err := os.MkdirTemp("", "unvn-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_STATE_HOME", filepath.Join(home, "state"))
	os.Setenv("XDG_DATA_HOME", filepath.Join(home, "data"))
	os.Setenv("XDG_CACHE_HOME", filepath.Join(home, "cache"))
	code := m.Run()
	os.RemoveAll(home)
	os.Exit(code)
}

// runCLI runs unvn with args and returns its exit status, stdout and stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExportJSON(t *testing.T) {
	code, out, errs := runCLI(t, "export")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var doc struct {
		Articles []struct {
			ID, Kind, Date, Title string
			Teaser                bool
		} `json:"articles"`
		Warnings []any `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Articles) != 27 || doc.Warnings == nil {
		t.Errorf("%d articles, warnings %v", len(doc.Articles), doc.Warnings)
	}
	if !strings.Contains(out, `"id": "2024-11-30-building-a-sustainable-hiv-response`) {
		t.Error("export lacks the HIV response story id")
	}
}

func TestExportMarkdown(t *testing.T) {
	code, out, _ := runCLI(t, "export", "--format", "markdown")
	if code != 0 || strings.Count(out, "\n# ") != 26 || !strings.Contains(out, "## Notes") {
		t.Errorf("exit %d, %d titles", code, strings.Count(out, "\n# "))
	}
}

func TestDataFlag(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile(filepath.Join("data", "seeds", "004_994f2c2b6f35153f.txt"))
	if err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.txt")
	if err := os.WriteFile(good, seed, 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}

	code, out, errs := runCLI(t, "--data", dir, "export")
	if code != 0 || !strings.Contains(errs, "unvn: warning: "+empty+": empty file") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if !strings.Contains(out, "Creating a safe cyberspace") || strings.Contains(out, "Building a sustainable HIV") {
		t.Error("--data should read exactly the given captures")
	}

	code, _, errs = runCLI(t, "--data", good, "--data", filepath.Join(dir, "nope"), "export")
	if code != 1 || !strings.Contains(errs, "nope: no such file or directory") {
		t.Errorf("missing path: exit %d, stderr %q", code, errs)
	}
}

// A usage error is one line that names the problem and where help is, never the whole usage.
func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--bogus"}, "unknown flag: --bogus"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"lsit"}, "did you mean list?"},
		{[]string{"export", "--format", "xml"}, `unknown format "xml" (want json or markdown)`},
		{[]string{"export", "--nope"}, "export: unknown flag: --nope"},
		{[]string{"list", "theme:hvi"}, `unknown theme "hvi"; valid: hiv, gbv, cyberviolence`},
		{[]string{"--width", "5"}, "--width must be between 20 and 1000, not 5"},
	}
	for _, tt := range cases {
		code, out, errs := runCLI(t, tt.args...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "unvn: ") ||
			!strings.Contains(errs, tt.want) || !strings.Contains(errs, "--help") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and one line with %q", tt.args, code, out, errs, tt.want)
		}
	}
	code, _, errs := runCLI(t, "list", "theme:hvi")
	if want := "(see unvn list --help)"; code != 2 || !strings.Contains(errs, want) {
		t.Errorf("list theme:hvi: %q lacks %q", errs, want)
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		code, out, errs := runCLI(t, args...)
		if code != 0 || errs != "" {
			t.Errorf("%q: exit %d, stderr %q", args, code, errs)
		}
		for _, want := range []string{"USAGE", "READING", "MARKS", "LIBRARY", "mark-read", "--data", "theme:ID"} {
			if !strings.Contains(out, want) {
				t.Errorf("%q: help lacks %q:\n%s", args, want, out)
			}
		}
	}
	code, out, _ := runCLI(t, "help", "show")
	if code != 0 || !strings.Contains(out, "--width") {
		t.Errorf("help show: exit %d\n%s", code, out)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI(t, "--version")
	// go test builds without a module version: the build info says "devel" and the Go release.
	if code != 0 || !strings.HasPrefix(out, "unvn version devel") || !strings.Contains(out, "go1.") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
}

func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		code, out, _ := runCLI(t, "completion", shell)
		if code != 0 || !strings.Contains(out, "unvn") || len(out) < 1000 {
			t.Errorf("completion %s: exit %d, %d bytes", shell, code, len(out))
		}
	}
	// What the scripts ask unvn for: query fields and values, and flag values.
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"list", "the"}, []string{"theme:"}},
		{[]string{"list", "theme:h"}, []string{"theme:hiv", "theme:health", "theme:human-rights"}},
		{[]string{"show", "hiv", "kind:story,sp"}, []string{"kind:story,speech"}},
		{[]string{"mark-read", "is:"}, []string{"is:unread", "is:starred"}},
		{[]string{"export", "--format", ""}, []string{"json", "markdown"}},
	}
	for _, tt := range tests {
		_, out, _ := runCLI(t, append([]string{"__complete"}, tt.args...)...)
		for _, w := range tt.want {
			if !strings.Contains(out, w+"\n") && !strings.Contains(out, w+"\t") {
				t.Errorf("completing %q: %q lacks %q", tt.args, out, w)
			}
		}
	}
}
