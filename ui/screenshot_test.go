package ui

import (
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"unvn/internal/tmuxtest"
)

// TestScreenshot regenerates docs/screenshot.svg from a real terminal: the binary runs in tmux,
// the pane is captured with its colours (capture-pane -e) and drawn as SVG. It only runs when
// asked:
//
//	UNVN_SCREENSHOT=1 go test ./ui -run Screenshot
func TestScreenshot(t *testing.T) {
	if os.Getenv("UNVN_SCREENSHOT") == "" {
		t.Skip("set UNVN_SCREENSHOT=1 to regenerate docs/screenshot.svg")
	}
	tmuxtest.Available(t)
	const cols, rows = 120, 36
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin", "unvn")
	if out, err := exec.Command("go", "build", "-o", bin, "unvn").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	s := tmuxtest.Start(t, cols, rows, []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "XDG_STATE_HOME=" + dir,
		"XDG_DATA_HOME=" + dir, "TERM=xterm-256color", "COLORTERM=truecolor"}, bin)
	s.WaitText("articles")
	s.Keys("/")
	s.Type("equitable access")
	s.Keys("Enter")
	s.Keys("Tab")
	s.WaitText("min read")
	s.Keys("]")
	s.WaitText("╭")
	capture := s.ScreenEscapes()
	svg := captureToSVG(capture, cols, rows)
	if err := os.MkdirAll("../docs", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("../docs/screenshot.svg", []byte(svg), 0o644); err != nil {
		t.Fatal(err)
	}
}

// cellStyle is the SGR state of one run of cells.
type cellStyle struct {
	fg, bg                         string
	bold, italic, underline, faint bool
	reverse                        bool
}

const (
	svgFG = "#d8dee9"
	svgBG = "#1b1f27"
)

// applySGR updates st with the parameters of one SGR sequence.
func applySGR(st *cellStyle, params string) {
	if params == "" {
		*st = cellStyle{}
		return
	}
	ps := strings.FieldsFunc(params, func(r rune) bool { return r == ';' || r == ':' })
	for i := 0; i < len(ps); i++ {
		n, _ := strconv.Atoi(ps[i])
		switch {
		case n == 0:
			*st = cellStyle{}
		case n == 1:
			st.bold = true
		case n == 2:
			st.faint = true
		case n == 3:
			st.italic = true
		case n == 4:
			st.underline = true
		case n == 7:
			st.reverse = true
		case n == 22:
			st.bold, st.faint = false, false
		case n == 23:
			st.italic = false
		case n == 24:
			st.underline = false
		case n == 27:
			st.reverse = false
		case n >= 30 && n <= 37:
			st.fg = xtermColor(n - 30)
		case n >= 90 && n <= 97:
			st.fg = xtermColor(n - 90 + 8)
		case n >= 40 && n <= 47:
			st.bg = xtermColor(n - 40)
		case n >= 100 && n <= 107:
			st.bg = xtermColor(n - 100 + 8)
		case n == 39:
			st.fg = ""
		case n == 49:
			st.bg = ""
		case (n == 38 || n == 48) && i+1 < len(ps):
			var c string
			if ps[i+1] == "5" && i+2 < len(ps) {
				k, _ := strconv.Atoi(ps[i+2])
				c = xtermColor(k)
				i += 2
			} else if ps[i+1] == "2" && i+4 < len(ps) {
				r, _ := strconv.Atoi(ps[i+2])
				g, _ := strconv.Atoi(ps[i+3])
				b, _ := strconv.Atoi(ps[i+4])
				c = fmt.Sprintf("#%02x%02x%02x", r, g, b)
				i += 4
			}
			if n == 38 {
				st.fg = c
			} else {
				st.bg = c
			}
		}
	}
}

// xtermColor is the usual xterm palette entry for a 256-colour index.
func xtermColor(n int) string {
	base := []string{"#3b4252", "#e06c75", "#98c379", "#e5c07b", "#61afef", "#c678dd", "#56b6c2", "#d8dee9",
		"#5c6370", "#ff7a85", "#b5e890", "#ffd580", "#82c4ff", "#e099ff", "#7fdbe6", "#ffffff"}
	switch {
	case n < 16:
		return base[max(n, 0)]
	case n < 232:
		n -= 16
		lv := func(v int) int {
			if v == 0 {
				return 0
			}
			return 55 + v*40
		}
		return fmt.Sprintf("#%02x%02x%02x", lv(n/36), lv(n/6%6), lv(n%6))
	default:
		g := 8 + (n-232)*10
		return fmt.Sprintf("#%02x%02x%02x", g, g, g)
	}
}

// captureToSVG draws a tmux capture with colours as an SVG terminal window.
func captureToSVG(capture string, cols, rows int) string {
	const cw, lh, fs, pad = 8.4, 18.0, 14, 12.0
	var bgs, texts strings.Builder
	lines := strings.Split(strings.TrimRight(capture, "\n"), "\n")
	var st cellStyle
	for y, line := range lines {
		if y >= rows {
			break
		}
		col := 0
		var run strings.Builder
		runStart, runStyle := 0, st
		flush := func() {
			if run.Len() == 0 {
				return
			}
			fg, bg := runStyle.fg, runStyle.bg
			if fg == "" {
				fg = svgFG
			}
			if runStyle.reverse {
				if bg == "" {
					bg = svgBG
				}
				fg, bg = bg, fg
			}
			x := pad + float64(runStart)*cw
			ty := pad + float64(y)*lh
			if bg != "" {
				fmt.Fprintf(&bgs, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`+"\n",
					x, ty, float64(col-runStart)*cw, lh, bg)
			}
			if strings.TrimSpace(run.String()) != "" {
				attrs := fmt.Sprintf(`x="%.1f" y="%.1f" fill="%s"`, x, ty+lh*0.75, fg)
				if runStyle.bold {
					attrs += ` font-weight="bold"`
				}
				if runStyle.italic {
					attrs += ` font-style="italic"`
				}
				if runStyle.underline {
					attrs += ` text-decoration="underline"`
				}
				if runStyle.faint {
					attrs += ` opacity="0.6"`
				}
				fmt.Fprintf(&texts, "<text %s xml:space=\"preserve\">%s</text>\n", attrs, html.EscapeString(run.String()))
			}
			run.Reset()
		}
		for i := 0; i < len(line); {
			if line[i] == 0x1b && i+1 < len(line) && line[i+1] == '[' {
				j := i + 2
				for j < len(line) && (line[j] < 0x40 || line[j] > 0x7e) {
					j++
				}
				if j < len(line) && line[j] == 'm' {
					flush()
					applySGR(&st, line[i+2:j])
					runStart, runStyle = col, st
				}
				i = j + 1
				continue
			}
			if line[i] == 0x1b { // an OSC or other sequence: skip to its end
				j := i + 1
				for j < len(line) && line[j] != 0x07 && !(line[j] == '\\' && line[j-1] == 0x1b) {
					j++
				}
				i = j + 1
				continue
			}
			g, w := ansi.FirstGraphemeCluster(line[i:], ansi.GraphemeWidth)
			if w == 2 {
				// Place wide characters on their own so the columns after them stay aligned.
				flush()
				runStart, runStyle = col, st
				run.WriteString(g)
				col += w
				flush()
				runStart = col
			} else {
				run.WriteString(g)
				col += w
			}
			i += len(g)
		}
		flush()
	}
	width := pad*2 + float64(cols)*cw
	height := pad*2 + float64(rows)*lh
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f">`+"\n",
		width, height, width, height)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" rx="8" fill="%s"/>`+"\n", svgBG)
	fmt.Fprintf(&b, `<g font-family="'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace" font-size="%d">`+"\n", fs)
	b.WriteString(bgs.String())
	b.WriteString(texts.String())
	b.WriteString("</g>\n</svg>\n")
	return b.String()
}
