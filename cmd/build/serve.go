package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"peacebuilding/internal/serve"
)

func init() { subcommands["serve"] = runServe }

// runServe previews the site while it is edited: build serve [-root DIR] [-port N].
func runServe(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: build serve [-root DIR] [-port N] [-templates stdlib]\n\nBuilds the site in memory and serves it on 127.0.0.1 at config.toml's baseURL path;\nrebuilds on every save in content/, layouts/, assets/, i18n/, data/ or config.toml and\nreloads the open pages. Build errors are shown in the pages until they are fixed.")
		fl.PrintDefaults()
	}
	root := fl.String("root", ".", "project folder (with config.toml, content/, layouts/, assets/, i18n/)")
	port := fl.Int("port", 1313, "port on 127.0.0.1 (0: any free port)")
	poll := fl.Duration("poll", 200*time.Millisecond, "how often to look for saved files")
	templates := templatesFlag(fl)
	if err := fl.Parse(args); err != nil {
		return err
	}
	if err := templates(); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		fl.Usage()
		return fmt.Errorf("serve: unexpected argument %q", fl.Arg(0))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go stopWithParent(ctx, stop, *poll)
	history, noHistory := projectHistory(*root)
	srv, err := serve.Start(serve.Options{
		Root:      *root,
		Addr:      net.JoinHostPort("127.0.0.1", strconv.Itoa(*port)),
		Poll:      *poll,
		Log:       stderr,
		Extra:     statusPage(*root),
		History:   history,
		NoHistory: noHistory,
	})
	if errors.Is(err, syscall.EADDRINUSE) {
		// Another preview, or another server, has the port.
		return fmt.Errorf("serve: port %d is in use: stop what uses it, or pick another port (make serve PORT=1314, or PORT=0 for any free one)", *port)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "serving %s (Ctrl-C to stop)\n", srv.URL())
	<-ctx.Done()
	return srv.Close()
}

// stopWithParent stops the server when the process that started it ends: make serve
// and go run start the server as their child, and a signal to their PID (kill PID, an
// editor's stop button) ends them but not their child, which would keep the port. The
// parent's end shows as a new parent process ID (the orphan is adopted).
func stopWithParent(ctx context.Context, stop func(), poll time.Duration) {
	parent := os.Getppid()
	if parent <= 1 {
		return // started by init or a container's first process: no parent to outlive
	}
	tick := time.NewTicker(max(poll, 100*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if os.Getppid() != parent {
				stop()
				return
			}
		}
	}
}
