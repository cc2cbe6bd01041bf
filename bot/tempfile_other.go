//go:build !linux

package bot

import "os"

// downloadFile opens the file a download is written to: a named temporary file,
// removed by close.
func downloadFile() (f *os.File, close func(), err error) { return namedDownloadFile() }
