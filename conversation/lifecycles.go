package conversation

import (
	"fmt"
	"strings"

	"github.com/uns-dtik/loket"
)

// A service's lifecycle is data too: the catalog's `lifecycle` names one of the
// root's tables (loket.Lifecycles), and every question about a request's status —
// the applicant's status, the back office's machine, guards and notices — is asked
// of its service's table.

// checkLifecycle resolves the table s names.
func (s *Service) checkLifecycle() error {
	l, ok := loket.Lifecycles.Named(s.Lifecycle)
	if !ok {
		return fmt.Errorf("lifecycle %q is not one of %s", s.Lifecycle, strings.Join(loket.Lifecycles.Names(), ", "))
	}
	s.lifecycle = l
	return nil
}

// Lifecycle returns the table service code's requests follow: the default (requests)
// for a code not in the catalog, such as a service since removed from it.
func (c *Catalog) Lifecycle(code string) *loket.Lifecycle {
	if s := c.Service(code); s != nil && s.lifecycle != nil {
		return s.lifecycle
	}
	l, _ := loket.Lifecycles.Named("")
	return l
}
