package fastyaml

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// blockScalar reads a literal (|) or folded (>) block scalar whose indicator
// is at offset i of line l. It follows libyaml's scanner step by step (the
// indentation detection, folding and chomping), with the simplification that
// every line break here is "\n". parent is the indentation of the enclosing
// collection, below which the text may not go.
func (p *parser) blockScalar(l line, i, parent int) (*yaml.Node, bool) {
	literal := p.src[i] == '|'
	j := i + 1
	chomp := 0 // -1 strip, 0 clip, +1 keep
	if j < l.end && (p.src[j] == '-' || p.src[j] == '+') {
		chomp = 1
		if p.src[j] == '-' {
			chomp = -1
		}
		j++
	}
	if j < l.end && '0' <= p.src[j] && p.src[j] <= '9' {
		return nil, false // an explicit indentation: rare, left to yaml.v3
	}
	for j < l.end && p.src[j] == ' ' {
		j++
	}
	if j < l.end && p.src[j] != '#' {
		return nil, false
	}
	p.consume(l)

	src := p.src
	pos, lineStart, num := p.pos, p.pos, p.line
	indent, trailing := 0, 0
	// breaks skips the indentation of the following lines and counts the
	// empty ones; the first time, it also settles the indentation.
	breaks := func() {
		maxIndent := 0
		for {
			for (indent == 0 || pos-lineStart < indent) && pos < len(src) && src[pos] == ' ' {
				pos++
			}
			maxIndent = max(maxIndent, pos-lineStart)
			if pos == len(src) || src[pos] != '\n' {
				break
			}
			trailing++
			pos++
			lineStart, num = pos, num+1
		}
		if indent == 0 {
			indent = max(maxIndent, parent+1, 1)
		}
	}
	breaks()

	b := p.scratch[:0]
	leadingBreak, leadingBlank := false, false
	for pos-lineStart == indent && pos < len(src) {
		trailingBlank := src[pos] == ' '
		if !literal && !leadingBlank && !trailingBlank && leadingBreak {
			if trailing == 0 {
				b = append(b, ' ')
			}
		} else if leadingBreak {
			b = append(b, '\n')
		}
		for ; trailing > 0; trailing-- {
			b = append(b, '\n')
		}
		leadingBlank = trailingBlank
		end := strings.IndexByte(src[pos:], '\n') + pos
		b = append(b, src[pos:end]...)
		pos = end + 1
		lineStart, num = pos, num+1
		leadingBreak = true
		breaks()
	}
	if chomp != -1 && leadingBreak {
		b = append(b, '\n')
	}
	if chomp == 1 {
		for ; trailing > 0; trailing-- {
			b = append(b, '\n')
		}
	}
	p.scratch = b
	// The scalar ends at the start of the line that stopped it.
	p.pos, p.line = lineStart, num

	n := p.node(yaml.ScalarNode, "!!str", string(b), l.num, asciiColumn(l, i))
	n.Style = yaml.FoldedStyle
	if literal {
		n.Style = yaml.LiteralStyle
	}
	return n, true
}
