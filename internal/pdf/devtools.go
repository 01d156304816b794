package pdf

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"time"
)

// browser is a headless Chromium driven over the DevTools protocol on a pipe: JSON
// messages, each ended by a NUL byte, written to the browser's file descriptor 3 and read
// from its descriptor 4 (--remote-debugging-pipe). Only what printing needs: open a tab,
// load a page, print it, close the tab.
type browser struct {
	cmd     *exec.Cmd
	kill    context.CancelFunc // kills the browser
	in      *os.File           // the browser reads commands from it
	profile string
	stderr  lockedBuffer // the browser's output, for errors

	mu       sync.Mutex // guards the fields below and writes to in
	next     int64
	pending  map[int64]chan message
	waiting  map[string]chan struct{} // sessionId + " " + event method
	err      error                    // set when the pipe closes
	readDone chan struct{}            // closed then
}

type message struct {
	ID        int64           `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    any             `json:"params,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *struct {
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// start starts a browser with a fresh profile.
func (p Printer) start() (*browser, error) {
	profile, err := os.MkdirTemp("", "pdf-chromium-profile-")
	if err != nil {
		return nil, err
	}
	cmdR, cmdW, err := os.Pipe()
	if err != nil {
		os.RemoveAll(profile)
		return nil, err
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		os.RemoveAll(profile)
		return nil, err
	}
	b := &browser{in: cmdW, profile: profile, pending: map[int64]chan message{}, waiting: map[string]chan struct{}{}, readDone: make(chan struct{})}
	// Cancelling the command's context kills the browser (and, with killGroup, its helpers).
	cmdCtx, kill := context.WithCancel(context.Background())
	b.kill = kill
	b.cmd = exec.CommandContext(cmdCtx, p.Chromium, Args(profile)...)
	b.cmd.ExtraFiles = []*os.File{cmdR, outW} // descriptors 3 and 4
	b.cmd.Stdout = &b.stderr
	b.cmd.Stderr = &b.stderr
	killGroup(b.cmd)
	// Helper processes that inherit the output pipe must not keep Wait waiting.
	b.cmd.WaitDelay = 5 * time.Second
	err = b.cmd.Start()
	cmdR.Close()
	outW.Close()
	if err != nil {
		kill()
		cmdW.Close()
		outR.Close()
		os.RemoveAll(profile)
		return nil, fmt.Errorf("chromium: %v", err)
	}
	go b.read(outR)
	return b, nil
}

// read dispatches the browser's messages: replies to their callers, events to those
// waiting for them.
func (b *browser) read(r *os.File) {
	defer close(b.readDone)
	defer r.Close()
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		line, err := br.ReadBytes(0)
		if err != nil {
			b.mu.Lock()
			b.err = fmt.Errorf("chromium closed the DevTools pipe%s", lastLines(b.stderr.String(), 5))
			for id, c := range b.pending {
				close(c)
				delete(b.pending, id)
			}
			b.mu.Unlock()
			return
		}
		var m message
		if json.Unmarshal(line[:len(line)-1], &m) != nil {
			continue
		}
		b.mu.Lock()
		if m.ID != 0 {
			if c, ok := b.pending[m.ID]; ok {
				c <- m
				delete(b.pending, m.ID)
			}
		} else if c, ok := b.waiting[m.SessionID+" "+m.Method]; ok {
			close(c)
			delete(b.waiting, m.SessionID+" "+m.Method)
		}
		b.mu.Unlock()
	}
}

// call sends a command and waits for its result, which it decodes into result.
func (b *browser) call(ctx context.Context, session, method string, params, result any) error {
	c := make(chan message, 1)
	b.mu.Lock()
	if b.err != nil {
		b.mu.Unlock()
		return b.err
	}
	b.next++
	id := b.next
	b.pending[id] = c
	data, err := json.Marshal(message{ID: id, Method: method, Params: params, SessionID: session})
	if err == nil {
		_, err = b.in.Write(append(data, 0))
	}
	b.mu.Unlock()
	if err != nil {
		// A browser that has exited: say what it said, once the reader has seen it go.
		select {
		case <-b.readDone:
			b.mu.Lock()
			defer b.mu.Unlock()
			return b.err
		case <-time.After(2 * time.Second):
			return fmt.Errorf("%s: %v", method, err)
		}
	}
	select {
	case m, ok := <-c:
		if !ok {
			b.mu.Lock()
			defer b.mu.Unlock()
			return b.err
		}
		if m.Error != nil {
			return fmt.Errorf("%s: %s", method, m.Error.Message)
		}
		if result != nil {
			return json.Unmarshal(m.Result, result)
		}
		return nil
	case <-ctx.Done():
		b.mu.Lock()
		delete(b.pending, id)
		b.mu.Unlock()
		return ctx.Err()
	}
}

// event returns a channel closed when the session receives the event method.
func (b *browser) event(session, method string) <-chan struct{} {
	c := make(chan struct{})
	b.mu.Lock()
	b.waiting[session+" "+method] = c
	b.mu.Unlock()
	return c
}

// printPage opens url in a new tab, waits for it to load (its deferred scripts have run
// by then), prints it to PDF by the page's own @page rules and returns the PDF.
func (b *browser) printPage(ctx context.Context, url string, scale float64) ([]byte, error) {
	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := b.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		return nil, err
	}
	defer func() {
		// A tab that hung is closed too, but not waited for without end.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		b.call(ctx, "", "Target.closeTarget", map[string]any{"targetId": target.TargetID}, nil)
	}()
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	if err := b.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached); err != nil {
		return nil, err
	}
	s := attached.SessionID
	if err := b.call(ctx, s, "Page.enable", nil, nil); err != nil {
		return nil, err
	}
	loaded := b.event(s, "Page.loadEventFired")
	var nav struct {
		ErrorText string `json:"errorText"`
	}
	if err := b.call(ctx, s, "Page.navigate", map[string]any{"url": url}, &nav); err != nil {
		return nil, err
	}
	if nav.ErrorText != "" {
		return nil, fmt.Errorf("chromium could not load the page: %s", nav.ErrorText)
	}
	select {
	case <-loaded:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	// The page's own header and footer (@page margin boxes) replace Chromium's (the date
	// and a file:// path); the outline gives the PDF bookmarks from the page's headings,
	// the way through a booklet of many briefs.
	var pdf struct {
		Data string `json:"data"`
	}
	if err := b.call(ctx, s, "Page.printToPDF", map[string]any{
		"preferCSSPageSize":       true,
		"scale":                   scale,
		"displayHeaderFooter":     false,
		"generateDocumentOutline": true,
		"generateTaggedPDF":       true,
	}, &pdf); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(pdf.Data)
}

// close ends the browser, by force if it does not close when asked, and removes its
// profile.
func (b *browser) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if b.call(ctx, "", "Browser.close", nil, nil) != nil {
		b.kill()
	}
	done := make(chan struct{})
	go func() { b.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		b.kill()
		<-done
	}
	b.in.Close()
	os.RemoveAll(b.profile)
}

// lockedBuffer is a buffer that the command's output copier writes while an error
// message reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
