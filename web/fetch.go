// Package web fetches pages for the library: http and https only, with a timeout, a size cap, a
// redirect limit and a User-Agent naming unvn, accepting only HTML and plain text, and decoding
// the page's charset to UTF-8. Every error names the address and the reason.
//
// It never parses articles (that is data's job) and never touches the terminal.
package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"unvn/termsafe"
)

// Defaults for a Fetcher.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBytes     = 5 << 20 // news pages are 50 KB to 1 MB; a cap keeps a runaway body out
	DefaultMaxRedirects = 5
)

// Fetcher gets pages. The zero value uses the defaults.
type Fetcher struct {
	Timeout      time.Duration // whole request, body included
	MaxBytes     int64         // largest body accepted
	MaxRedirects int
	UserAgent    string
	// Transport is the round tripper to use (tests pass the httptest server's); nil is the
	// default transport.
	Transport http.RoundTripper
}

// Page is a fetched page.
type Page struct {
	URL         string    // the address asked for
	FinalURL    string    // where it was found after redirects
	MediaType   string    // "text/html" or "text/plain"
	Body        []byte    // the body, decoded to UTF-8 (invalid sequences left for the sanitiser)
	Fetched     time.Time // when it was received
	ContentType string    // the Content-Type header as sent
}

// IsHTML reports whether the page is HTML rather than plain text.
func (p *Page) IsHTML() bool { return p.MediaType != "text/plain" }

// Error is a failed fetch: the address and why, in words a user can act on.
type Error struct {
	URL    string
	Reason string
	Err    error // the underlying error, if any
}

func (e *Error) Error() string { return e.URL + ": " + e.Reason }
func (e *Error) Unwrap() error { return e.Err }

// UserAgent is "unvn/<version>", the version being the module's as built ("dev" for a local build).
func UserAgent() string {
	v := "dev"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = strings.TrimPrefix(bi.Main.Version, "v")
	}
	return "unvn/" + v
}

// CheckURL parses an address and accepts only absolute http and https URLs with a host.
func CheckURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, &Error{URL: printable(raw), Reason: "not a valid address", Err: err}
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, &Error{URL: printable(raw), Reason: "only http and https addresses can be fetched"}
	}
	if u.Host == "" {
		return nil, &Error{URL: printable(raw), Reason: "the address has no host"}
	}
	u.Fragment = ""
	return u, nil
}

// IsURL reports whether an argument is meant as an address ("scheme://…") rather than a file
// name; CheckURL then says whether it can be fetched.
func IsURL(arg string) bool {
	scheme, _, ok := strings.Cut(arg, "://")
	if !ok || scheme == "" {
		return false
	}
	for i, r := range scheme {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return false
		}
	}
	return true
}

// Fetch gets one page.
func (f *Fetcher) Fetch(ctx context.Context, raw string) (*Page, error) {
	u, err := CheckURL(raw)
	if err != nil {
		return nil, err
	}
	addr := u.String()
	fail := func(reason string, err error) (*Page, error) {
		return nil, &Error{URL: addr, Reason: reason, Err: err}
	}
	maxRedirects := f.MaxRedirects
	if maxRedirects == 0 {
		maxRedirects = DefaultMaxRedirects
	}
	timeout := f.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	client := &http.Client{
		Transport: f.Transport,
		Timeout:   timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return fmt.Errorf("more than %d redirects", maxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirected to a %s: address", req.URL.Scheme)
			}
			return nil
		},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, addr, nil)
	if err != nil {
		return fail("not a valid address", err)
	}
	ua := f.UserAgent
	if ua == "" {
		ua = UserAgent()
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9")
	resp, err := client.Do(req)
	if err != nil {
		return fail(reason(err, timeout), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fail(fmt.Sprintf("the server answered %s", printable(resp.Status)), nil)
	}
	maxBytes := f.MaxBytes
	if maxBytes == 0 {
		maxBytes = DefaultMaxBytes
	}
	if resp.ContentLength > maxBytes {
		return fail(fmt.Sprintf("the page is larger than %s", size(maxBytes)), nil)
	}
	ctype := resp.Header.Get("Content-Type")
	media := mediaType(ctype)
	if media != "" && !acceptable(media) {
		return fail(fmt.Sprintf("not a web page or text (%s)", printable(media)), nil)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return fail(reason(err, timeout), err)
	}
	if int64(len(body)) > maxBytes {
		return fail(fmt.Sprintf("the page is larger than %s", size(maxBytes)), nil)
	}
	if media == "" {
		media = mediaType(http.DetectContentType(body))
		if !acceptable(media) {
			return fail(fmt.Sprintf("not a web page or text (it looks like %s)", media), nil)
		}
	}
	if media == "application/xhtml+xml" {
		media = "text/html"
	}
	utf8Body, err := Decode(body, ctype, media == "text/html")
	if err != nil {
		return fail(err.Error(), err)
	}
	return &Page{
		URL: addr, FinalURL: resp.Request.URL.String(), MediaType: media, Body: utf8Body,
		Fetched: time.Now().UTC().Truncate(time.Second), ContentType: ctype,
	}, nil
}

// Decode converts a page's bytes to UTF-8 by its charset: the Content-Type header's, then (for
// HTML) a byte order mark or <meta charset>, else UTF-8. Bytes that are not valid in the charset
// are left for the sanitiser, which replaces them.
func Decode(body []byte, contentType string, isHTML bool) ([]byte, error) {
	if !isHTML {
		if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
			contentType = "text/html; charset=" + params["charset"]
		} else {
			contentType = "text/html; charset=utf-8" // plain text has no <meta>: UTF-8 unless told
		}
	}
	enc, name, _ := charset.DetermineEncoding(body, contentType)
	if name == "utf-8" {
		return body, nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("cannot decode the %s text: %v", name, err)
	}
	return out, nil
}

func mediaType(ctype string) string {
	m, _, err := mime.ParseMediaType(ctype)
	if err != nil {
		m, _, _ = strings.Cut(ctype, ";")
	}
	return strings.ToLower(strings.TrimSpace(m))
}

func acceptable(media string) bool {
	return media == "text/html" || media == "text/plain" || media == "application/xhtml+xml"
}

// reason words a transport error.
func reason(err error, timeout time.Duration) string {
	var ne net.Error
	var dnsErr *net.DNSError
	var uerr *url.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		return fmt.Sprintf("no complete answer within %s (timed out)", timeout)
	case errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.As(err, &dnsErr):
		return "cannot find the host " + printable(dnsErr.Name)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the connection closed before the page was complete"
	case errors.As(err, &uerr) && uerr.Err != nil && strings.Contains(uerr.Err.Error(), "redirect"):
		return printable(uerr.Err.Error())
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return "cannot connect: " + printable(opErr.Err.Error())
	}
	return printable(err.Error())
}

func size(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	if n >= 1<<10 {
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// printable keeps text from a server or an address safe to print: every control, escape and
// bidi character spelled out (termsafe.Spell), cut to a sensible length.
func printable(s string) string {
	s = termsafe.Spell(s)
	if len(s) <= 300 {
		return s
	}
	cut := 300
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// LooksLikeHTML reports whether bytes of unknown type are an HTML document.
func LooksLikeHTML(b []byte) bool {
	head := bytes.ToLower(bytes.TrimSpace(b[:min(len(b), 1024)]))
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
		bytes.Contains(head, []byte("<head")) || bytes.Contains(head, []byte("<body"))
}
