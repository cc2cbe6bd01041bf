package store

import (
	"net/url"
	"strings"
)

// WithSearchPath returns the database URL dbURL (a postgres:// URL or key=value
// settings) with search_path set to schema, so everything opened with it — the
// migrations included — lives in that schema alone. Tests and `loket bench` use it to
// work in a scratch schema of the configured database without touching its data.
func WithSearchPath(dbURL, schema string) (string, error) {
	if strings.HasPrefix(dbURL, "postgres://") || strings.HasPrefix(dbURL, "postgresql://") {
		u, err := url.Parse(dbURL)
		if err != nil {
			return "", err
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String(), nil
	}
	return dbURL + " search_path=" + schema, nil
}
