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

func TestUsageErrors(t *testing.T) {
	cases := [][]string{{"--bogus"}, {"frobnicate"}, {"export", "--format", "xml"}, {"export", "--nope"}}
	for _, args := range cases {
		code, _, errs := runCLI(t, args...)
		if code != 2 || !strings.Contains(errs, "Usage:") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	code, out, _ := runCLI(t, "--help")
	if code != 0 || !strings.Contains(out, "Usage:") {
		t.Errorf("--help: exit %d", code)
	}
}
