//go:build !linux

package publish

// exchange is Linux's alone; elsewhere the caller renames twice.
func exchange(a, b string) error { return errNoExchange }
