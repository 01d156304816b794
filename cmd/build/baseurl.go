package main

import "peacebuilding/internal/config"

// baseURLFlag is a -baseurl flag, checked and written as config.toml's baseURL is
// (config.NormalizeBaseURL): the flag that the deploy instructions use must not publish
// what the file refuses, such as a password in every canonical link, and a missing final
// slash is added as the file's is.
type baseURLFlag string

func (f *baseURLFlag) String() string { return string(*f) }

func (f *baseURLFlag) Set(s string) error {
	u, err := config.NormalizeBaseURL(s)
	if err != nil {
		return err
	}
	*f = baseURLFlag(u)
	return nil
}
