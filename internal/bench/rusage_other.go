//go:build !unix

package bench

import "os"

// maxRSS is not available outside Unix; peak memory is reported as 0.
func maxRSS(*os.ProcessState) int64 { return 0 }
