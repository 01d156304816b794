package main

import (
	"fmt"

	"peacebuilding/internal/config"
)

// baseURLFlag is a -baseurl flag, checked and written as config.toml's baseURL is
// (config.NormalizeBaseURL): the flag that the deploy instructions use must not publish
// what the file refuses, such as a password in every canonical link, and a missing final
// slash is added as the file's is.
//
// Set keeps the value as given and URL checks it, after the flags are parsed: the flag
// package's error for a Set that fails repeats the value, twice and with the usage, and
// this one may hold a password.
type baseURLFlag struct{ given string }

func (f *baseURLFlag) String() string { return f.given }

func (f *baseURLFlag) Set(s string) error {
	f.given = s
	return nil
}

// URL returns the address as every output writes it, or "" when the flag was not given.
func (f *baseURLFlag) URL() (string, error) {
	if f.given == "" {
		return "", nil
	}
	u, err := config.NormalizeBaseURL(f.given)
	if err != nil {
		return "", fmt.Errorf("-baseurl %v", err)
	}
	return u, nil
}
