package conversation

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/uns-dtik/loket/conversation/draft"
)

// The draft request letters' templates (issue 12, part 2) are catalog data: one
// CODE.tmpl per service in the drafts folder beside the catalog, so that DTIK can
// change a letter's wording as it changes a prompt.

//go:embed drafts/*.tmpl
var defaultDrafts embed.FS

// DraftsDir is the folder, beside a catalog file, whose CODE.tmpl files replace the
// built-in letter templates of the services with those codes.
const DraftsDir = "drafts"

// LoadDrafts reads and checks the draft letter templates of c's services: for each
// service, CODE.tmpl in the drafts folder beside the catalog at catalogPath when
// there is one, else the built-in template of that code. With catalogPath "" (the
// built-in catalog) only the built-in templates are used. A template that names a
// field its service does not have is refused naming the file, the service and the
// field, like an invalid catalog.
func LoadDrafts(catalogPath string, c *Catalog) (*draft.Drafts, error) {
	defaults, err := fs.Sub(defaultDrafts, DraftsDir)
	if err != nil {
		return nil, fmt.Errorf("built-in draft templates: %w", err)
	}
	var custom fs.FS
	if catalogPath != "" {
		dir := filepath.Join(filepath.Dir(catalogPath), DraftsDir)
		switch info, err := os.Stat(dir); {
		case err == nil && info.IsDir():
			custom = os.DirFS(dir)
		case err != nil && !os.IsNotExist(err):
			return nil, fmt.Errorf("draft templates: %w", err)
		}
	}
	services := make([]draft.Service, len(c.Services))
	for i, s := range c.Services {
		services[i].Code = s.Code
		for _, f := range s.Fields {
			services[i].Fields = append(services[i].Fields, f.Key)
		}
	}
	return draft.New(services, custom, defaults)
}
