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

// hit is one occurrence found by scanAll: the literal, and where it ends
// in the buffer.
type hit struct {
	id  int32
	end int32
}

// lanes is how many parts of a buffer scanAll reads side by side (the
// loop is written out for four).
const lanes = 4

// scanAll finds every occurrence of every literal in buf, which holds
// texts separated by bytes no literal holds (so no occurrence spans two
// texts), and appends them to out in buffer order. An automaton reads
// one byte per table lookup, and each lookup waits for the one before:
// reading four parts of the buffer in one loop lets the processor run
// four of those chains at once. lane holds a buffer per part.
func (ls *literalSet) scanAll(buf []byte, out []hit, lane *[lanes][]hit) []hit {
	// cut the buffer into lanes at separators, where the automaton is at
	// its start state
	var cuts [lanes + 1]int
	cuts[lanes] = len(buf)
	for k := 1; k < lanes; k++ {
		c := max(cuts[k-1], len(buf)*k/lanes)
		for c < len(buf) && ls.class[buf[c]] != 0 {
			c++
		}
		cuts[k] = c
	}
	for k := range lane {
		lane[k] = lane[k][:0] // the caller's buffers, reused
	}
	next, class, ncls := ls.next, &ls.class, int32(ls.ncls)
	common := len(buf)
	for k := 0; k < lanes; k++ {
		common = min(common, cuts[k+1]-cuts[k])
	}
	b0, b1, b2, b3 := buf[cuts[0]:cuts[0]+common], buf[cuts[1]:cuts[1]+common], buf[cuts[2]:cuts[2]+common], buf[cuts[3]:cuts[3]+common]
	var r0, r1, r2, r3 int32
	emit := func(k int, row int32, at int) {
		for _, id := range ls.out[row/ncls] {
			lane[k] = append(lane[k], hit{id, int32(cuts[k] + at + 1)})
		}
	}
	for i := 0; i < common; i++ {
		// four independent lookups a round, written out so that nothing
		// but the table stands between them
		v0 := next[r0+int32(class[b0[i]])]
		v1 := next[r1+int32(class[b1[i]])]
		v2 := next[r2+int32(class[b2[i]])]
		v3 := next[r3+int32(class[b3[i]])]
		r0, r1, r2, r3 = v0>>1, v1>>1, v2>>1, v3>>1
		if (v0|v1|v2|v3)&1 != 0 {
			if v0&1 != 0 {
				emit(0, r0, i)
			}
			if v1&1 != 0 {
				emit(1, r1, i)
			}
			if v2&1 != 0 {
				emit(2, r2, i)
			}
			if v3&1 != 0 {
				emit(3, r3, i)
			}
		}
	}
	rows := [lanes]int32{r0, r1, r2, r3}
	for k := 0; k < lanes; k++ {
		row := rows[k]
		for p := cuts[k] + common; p < cuts[k+1]; p++ {
			v := next[row+int32(class[buf[p]])]
			row = v >> 1
			if v&1 != 0 {
				emit(k, row, p-cuts[k])
			}
		}
		out = append(out, lane[k]...)
	}
	return out
}

// LiteralSet is literalSet for the rules package: many ASCII literals
// found in one pass (lower-case letters match either case), for rules with
// phrase lists.
type LiteralSet struct{ set *literalSet }

// NewLiteralSet compiles the literals.
func NewLiteralSet(literals []string) *LiteralSet {
	return &LiteralSet{newLiteralSet(literals)}
}

// Scan calls fn with each occurrence's literal (its index) and end, in the
// order the occurrences end.
func (l *LiteralSet) Scan(s string, fn func(id, end int)) {
	l.set.scan(s, func(id int32, end int) { fn(int(id), end) })
}
