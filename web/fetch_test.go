package web

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

const articlePage = `<!doctype html><html><head><meta charset="utf-8"><title>A story</title></head>
<body><article><h1>A story</h1><p>Viet Nam has made remarkable progress.</p></article></body></html>`

// server serves the cases the fetcher must handle; it lives on loopback and needs no network.
func server(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "unvn/") {
			http.Error(w, "bad agent "+ua, http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(articlePage))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/story", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "file:///etc/passwd")
		w.WriteHeader(http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // never answers; the client's timeout must end it
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>more and more text</p>\n", 100))
		for r.Context().Err() == nil {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	mux.HandleFunc("/json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"a":1}`))
	})
	mux.HandleFunc("/untyped", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // no header at all: sniffed
		w.Write([]byte(articlePage))
	})
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("Story\n7 March 2023\nA title\nBody text.\n"))
	})
	mux.HandleFunc("/latin1-header", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		w.Write([]byte("<html><body><p>Caf\xe9 \x93quoted\x94</p></body></html>"))
	})
	mux.HandleFunc("/latin1-meta", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>Caf` + "\xe9" + `</p></body></html>`))
	})
	mux.HandleFunc("/invalid-utf8", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body><p>bad \xff\xfe bytes</p></body></html>"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func fetcher(srv *httptest.Server) *Fetcher {
	return &Fetcher{Timeout: 2 * time.Second, MaxBytes: 64 << 10, Transport: srv.Client().Transport}
}

func TestFetchPage(t *testing.T) {
	srv := server(t)
	p, err := fetcher(srv).Fetch(context.Background(), srv.URL+"/story")
	if err != nil {
		t.Fatal(err)
	}
	if !p.IsHTML() || string(p.Body) != articlePage || p.FinalURL != srv.URL+"/story" || p.Fetched.IsZero() {
		t.Errorf("got %+v", p)
	}
}

func TestFetchFollowsRedirects(t *testing.T) {
	srv := server(t)
	p, err := fetcher(srv).Fetch(context.Background(), srv.URL+"/moved")
	if err != nil {
		t.Fatal(err)
	}
	if p.URL != srv.URL+"/moved" || p.FinalURL != srv.URL+"/story" {
		t.Errorf("URL %q, final %q", p.URL, p.FinalURL)
	}
}

func TestFetchPlainTextAndSniffedHTML(t *testing.T) {
	srv := server(t)
	p, err := fetcher(srv).Fetch(context.Background(), srv.URL+"/text")
	if err != nil || p.IsHTML() || !strings.Contains(string(p.Body), "Body text.") {
		t.Errorf("text/plain: %+v %v", p, err)
	}
	p, err = fetcher(srv).Fetch(context.Background(), srv.URL+"/untyped")
	if err != nil || !p.IsHTML() {
		t.Errorf("untyped HTML: %+v %v", p, err)
	}
}

func TestFetchDecodesCharsets(t *testing.T) {
	srv := server(t)
	for path, want := range map[string]string{
		"/latin1-header": "Café “quoted”",
		"/latin1-meta":   "Café",
		"/invalid-utf8":  "bad \xff\xfe bytes", // left as is for the sanitiser to replace
	} {
		p, err := fetcher(srv).Fetch(context.Background(), srv.URL+path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if !strings.Contains(string(p.Body), want) {
			t.Errorf("%s: body %q lacks %q", path, p.Body, want)
		}
	}
}

// Every failure is an *Error naming the address and a reason a user can act on.
func TestFetchFailures(t *testing.T) {
	srv := server(t)
	f := fetcher(srv)
	f.Timeout = 300 * time.Millisecond // the slow case must give up; nothing asserts how fast
	for _, tc := range []struct{ url, reason string }{
		{srv.URL + "/missing", "the server answered 404 Not Found"},
		{srv.URL + "/loop", "more than 5 redirects"},
		{srv.URL + "/to-file", "redirected to a file: address"},
		{srv.URL + "/slow", "timed out"},
		{srv.URL + "/endless", "larger than 64 KB"},
		{srv.URL + "/image", "not a web page or text (image/png)"},
		{srv.URL + "/json", "not a web page or text (application/json)"},
		{"ftp://example.org/file", "only http and https"},
		{"javascript:alert(1)", "only http and https"},
		{"http:///nohost", "no host"},
	} {
		_, err := f.Fetch(context.Background(), tc.url)
		var we *Error
		if !errors.As(err, &we) {
			t.Errorf("%s: got %v, want a *web.Error", tc.url, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.reason) || !strings.HasPrefix(err.Error(), tc.url+": ") {
			t.Errorf("%s: error %q, want it to name the URL and say %q", tc.url, err, tc.reason)
		}
	}
}

func TestFetchHonoursCancel(t *testing.T) {
	srv := server(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := fetcher(srv).Fetch(ctx, srv.URL+"/story"); err == nil || !strings.Contains(err.Error(), "cancelled") {
		t.Errorf("got %v", err)
	}
}

func TestUserAgentNamesUnvn(t *testing.T) {
	if ua := UserAgent(); !strings.HasPrefix(ua, "unvn/") || len(ua) <= len("unvn/") {
		t.Errorf("User-Agent %q", ua)
	}
}

func TestErrorsArePrintable(t *testing.T) {
	_, err := CheckURL("gopher://x\x1b[31m/\x07")
	if err == nil || strings.ContainsAny(err.Error(), "\x1b\x07") {
		t.Errorf("error %q carries control characters", err)
	}
}
