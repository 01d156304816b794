package audit

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// TestSymtabInterns checks that equal strings get one sym and different strings different
// ones, that each sym gives its string back, short or long, across growths of the table,
// and that sym may be called from several goroutines at once.
func TestSymtabInterns(t *testing.T) {
	var tab symtab
	words := []string{"", "a", "b", "../a/", "選挙", strings.Repeat("x", symOwnBlock), strings.Repeat("y", 3*symBlockSize)}
	for i := range 20000 {
		words = append(words, fmt.Sprintf("word-%d", i))
	}
	syms := make([][]sym, 4)
	var wg sync.WaitGroup
	for g := range syms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, w := range words {
				syms[g] = append(syms[g], tab.sym([]byte(w)))
			}
		}()
	}
	wg.Wait()
	seen := map[sym]string{}
	for i, w := range words {
		s := syms[0][i]
		for g := range syms {
			if syms[g][i] != s {
				t.Fatalf("%q: goroutine %d got sym %d, goroutine 0 sym %d", w, g, syms[g][i], s)
			}
		}
		if other, dup := seen[s]; dup && other != w {
			t.Fatalf("%q and %q have the same sym %d", w, other, s)
		}
		seen[s] = w
		if got := tab.str(s); got != w {
			t.Fatalf("str(sym(%.20q)) = %.20q", w, got)
		}
		if got, ok := tab.lookup(w); !ok || got != s {
			t.Fatalf("lookup(%.20q) = %d, %v, want %d, true", w, got, ok, s)
		}
	}
	if s, ok := tab.lookup("not added"); ok {
		t.Errorf("lookup(\"not added\") = %d, true, want false", s)
	}
	if tab.sym(nil) != 0 || tab.str(0) != "" {
		t.Errorf("the empty string is not sym 0")
	}
}

// TestSymtabFillsItsBlocks checks that long strings, which get blocks of their own, do not
// make the short strings between them open a new block each time.
func TestSymtabFillsItsBlocks(t *testing.T) {
	var tab symtab
	long, short := strings.Repeat("x", symOwnBlock), strings.Repeat("s", symOwnBlock/2)
	const n = 1000
	for i := range n {
		tab.sym(fmt.Appendf(nil, "%s%d", long, i))
		tab.sym(fmt.Appendf(nil, "%s%d", short, i))
	}
	want := n*(len(short)+10)/(symBlockSize-symOwnBlock) + 1
	if got := len(tab.blocks) - n; got > want {
		t.Errorf("%d short strings between long ones took %d blocks, want at most %d", n, got, want)
	}
}
