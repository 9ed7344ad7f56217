package lint

// literalSet finds many ASCII literals in a text in one pass, ignoring
// ASCII case: an Aho–Corasick automaton compiled to a table over byte
// classes. Fifty team rules mean dozens of words and literals to look for
// in every text of every pack; one pass costs about what one substring
// search does, where fifty searches cost fifty passes.
type literalSet struct {
	pats  []string   // lower-case ASCII
	class [256]uint8 // byte -> class; 0 for bytes no literal holds
	ncls  int
	// next[row+class] is the next state's row (state*ncls) shifted left
	// once, with the low bit set when literals end there: one load a byte
	next []int32
	out  [][]int32 // literals ending in each state (its fail chain's too)
}

// newLiteralSet compiles the literals: lower-case ASCII letters match
// either case, every other byte itself; empty literals are never found.
func newLiteralSet(pats []string) *literalSet {
	ls := &literalSet{pats: pats, ncls: 1}
	for _, p := range pats {
		for i := 0; i < len(p); i++ {
			if c := p[i]; ls.class[c] == 0 {
				ls.class[c] = uint8(ls.ncls)
				if c >= 'a' && c <= 'z' {
					ls.class[c-'a'+'A'] = uint8(ls.ncls)
				}
				ls.ncls++
			}
		}
	}
	// the trie, with -1 for a missing edge
	goTo := [][]int32{make([]int32, ls.ncls)}
	for i := range goTo[0] {
		goTo[0][i] = -1
	}
	ls.out = [][]int32{nil}
	for id, p := range pats {
		if p == "" {
			continue
		}
		s := int32(0)
		for i := 0; i < len(p); i++ {
			c := ls.class[p[i]]
			if goTo[s][c] < 0 {
				row := make([]int32, ls.ncls)
				for k := range row {
					row[k] = -1
				}
				goTo = append(goTo, row)
				ls.out = append(ls.out, nil)
				goTo[s][c] = int32(len(goTo) - 1)
			}
			s = goTo[s][c]
		}
		ls.out[s] = append(ls.out[s], int32(id))
	}
	// breadth first: fail links, and every missing edge filled in from
	// the fail state's, so scanning is one table lookup a byte
	n := len(goTo)
	ls.next = make([]int32, n*ls.ncls)
	fail := make([]int32, n)
	queue := make([]int32, 0, n)
	for c := 0; c < ls.ncls; c++ {
		if t := goTo[0][c]; t >= 0 {
			ls.next[c] = t
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		ls.out[s] = append(ls.out[s], ls.out[fail[s]]...)
		for c := 0; c < ls.ncls; c++ {
			t := goTo[s][c]
			if t < 0 {
				ls.next[int(s)*ls.ncls+c] = ls.next[int(fail[s])*ls.ncls+c]
				continue
			}
			fail[t] = ls.next[int(fail[s])*ls.ncls+c]
			ls.next[int(s)*ls.ncls+c] = t
			queue = append(queue, t)
		}
	}
	// rows and output bits, for scan
	for i, t := range ls.next {
		v := t * int32(ls.ncls) << 1
		if len(ls.out[t]) > 0 {
			v |= 1
		}
		ls.next[i] = v
	}
	return ls
}

// scan calls fn for every occurrence of every literal in s, in any ASCII
// case, with the literal's index and the end of the occurrence, in the
// order the occurrences end.
func (ls *literalSet) scan(s string, fn func(id int32, end int)) {
	next, class, ncls := ls.next, &ls.class, int32(ls.ncls)
	row := int32(0)
	for i := 0; i < len(s); i++ {
		v := next[row+int32(class[s[i]])]
		row = v >> 1
		if v&1 != 0 {
			for _, id := range ls.out[row/ncls] {
				fn(id, i+1)
			}
		}
	}
}
