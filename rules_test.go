package loket

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestStatusRulesComeFromTheTable: the rooms ask the lifecycle table about a status;
// they never compare a request's status with a named one, nor set one, themselves
// (a status in a switch case or as a map key, choosing its words, is no rule). A rule
// written out of the table goes wrong the day the table changes.
func TestStatusRulesComeFromTheTable(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range []string{"backoffice", "conversation"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			allowed := map[ast.Expr]bool{}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CaseClause:
					for _, e := range n.List {
						allowed[e] = true
					}
				case *ast.CompositeLit:
					if _, isMap := n.Type.(*ast.MapType); isMap {
						for _, e := range n.Elts {
							if kv, ok := e.(*ast.KeyValueExpr); ok {
								allowed[kv.Key] = true
							}
						}
					}
				case *ast.SelectorExpr:
					if pkg, ok := n.X.(*ast.Ident); ok && pkg.Name == "loket" && strings.HasPrefix(n.Sel.Name, "Status") &&
						n.Sel.Name != "Status" && !allowed[n] {
						t.Errorf("%s: loket.%s outside the lifecycle table: ask the service's table (loket.Lifecycles)", fset.Position(n.Pos()), n.Sel.Name)
					}
				}
				return true
			})
		}
	}
}
