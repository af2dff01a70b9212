package data

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
)

// seedsDigest is the SHA-256 of what the parser makes of the seed captures at ParserVersion.
// The index cache keeps parsed articles keyed by ParserVersion, so output that changes without a
// new version is served stale from every user's cache.
const seedsDigest = "430147e29d077c9fae7797f1e01a0c4fd7751248955999fc90683ff45976a395"

// TestParserVersionFollowsTheOutput fails when the parser's output for the seeds changes while
// ParserVersion stays: bump ParserVersion, then put the new digest in seedsDigest.
func TestParserVersionFollowsTheOutput(t *testing.T) {
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, a := range Embedded().Articles {
		if err := enc.Encode(a); err != nil {
			t.Fatal(err)
		}
		enc.Encode(a.Themes) // the terms, which the export format leaves out
		enc.Encode([]any{a.TitleMade, a.URL})
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != seedsDigest {
		t.Errorf("the parser's output for the seeds changed (digest %s) but ParserVersion is still %d:\n"+
			"bump ParserVersion in data/version.go, so no cache serves the old output, and set seedsDigest to the new digest", got, ParserVersion)
	}
}
