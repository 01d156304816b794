package serve

import (
	"errors"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"time"
)

// Watching polls: every Options.Poll (200 ms), it walks the watched files and compares
// each file's size and modification time with the previous walk. A notification API
// (inotify, FSEvents, kqueue) would need a new dependency or code per system, misses
// changes on network and container-mounted folders, and needs folders added to the watch
// as they are created; a walk works everywhere with the standard library, and a walk of
// a few thousand files takes milliseconds. An edit that keeps a file's size within the
// file system's time resolution (a second on some) is seen at the next edit.

// watched are the files and folders whose changes rebuild the site.
var watched = []string{"config.toml", "content", "layouts", "assets", "i18n", "data"}

// stamp is what a walk notes of a file.
type stamp struct {
	size int64
	mod  time.Time
}

// snapshot walks the watched files of fsys. Hidden files and folders and editor backups
// ("name~") are left out: the build ignores them, and editors write them on every save.
func snapshot(fsys fs.FS) map[string]stamp {
	snap := map[string]stamp{}
	for _, root := range watched {
		_ = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil // not there (yet): its appearance is a change
				}
				snap[p] = stamp{size: -1} // unreadable: a change when it becomes readable
				return nil
			}
			name := d.Name()
			if p != root && (strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil // removed during the walk
			}
			snap[p] = stamp{size: info.Size(), mod: info.ModTime()}
			return nil
		})
	}
	return snap
}

// changes lists the paths that differ between two snapshots: created, removed or
// modified, in order.
func changes(old, new map[string]stamp) []string {
	var out []string
	for p, s := range new {
		if o, ok := old[p]; !ok || o.size != s.size || !o.mod.Equal(s.mod) {
			out = append(out, p)
		}
	}
	for p := range old {
		if _, ok := new[p]; !ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// debouncer gathers the changes of a burst of saves (an editor writing several files, or
// one file in several steps) and lets them through once a poll finds nothing new.
type debouncer struct {
	pending map[string]bool
}

// poll takes the changes of one poll and returns the changed paths to build, or nothing
// while the burst goes on.
func (d *debouncer) poll(changed []string) []string {
	if len(changed) > 0 {
		if d.pending == nil {
			d.pending = map[string]bool{}
		}
		for _, p := range changed {
			d.pending[p] = true
		}
		return nil
	}
	if len(d.pending) == 0 {
		return nil
	}
	out := slices.Sorted(maps.Keys(d.pending))
	clear(d.pending)
	return out
}
