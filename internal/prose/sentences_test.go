package prose

import (
	"reflect"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"plain", "I pulled the logs. I traced the failure.", []string{"I pulled the logs.", "I traced the failure."}},
		{"decimal and percent", "I cut the drop rate to 0.3% in May. I wrote it up.", []string{"I cut the drop rate to 0.3% in May.", "I wrote it up."}},
		{"money", "I recovered $8,000.50 per week. I shared it.", []string{"I recovered $8,000.50 per week.", "I shared it."}},
		{"abbreviations", "I compared tools, e.g. Jaeger vs. Zipkin, for the U.S. team. I picked one.", []string{"I compared tools, e.g. Jaeger vs. Zipkin, for the U.S. team.", "I picked one."}},
		{"i.e. and Dr.", "I asked Dr. Rao, i.e. the owner. She agreed.", []string{"I asked Dr. Rao, i.e. the owner.", "She agreed."}},
		{"month before a day", "I shipped it on Jan. 5 at 5 p.m. EST. I moved 1,200 users. I left in Jan. Then I came back.", []string{"I shipped it on Jan. 5 at 5 p.m. EST.", "I moved 1,200 users.", "I left in Jan.", "Then I came back."}},
		{"initials", "I met J. R. Smith on Monday. We talked.", []string{"I met J. R. Smith on Monday.", "We talked."}},
		{"quoted sentence", `I said "Stop. Roll it back." Then I waited.`, []string{`I said "Stop. Roll it back."`, "Then I waited."}},
		{"curly quoted", "I wrote “Ship it. Now.” on the board. We shipped.", []string{"I wrote “Ship it. Now.” on the board.", "We shipped."}},
		{"ellipsis lower", "I waited... and waited. Then I acted.", []string{"I waited... and waited.", "Then I acted."}},
		{"ellipsis upper", "I waited… Nobody came.", []string{"I waited…", "Nobody came."}},
		{"question and exclamation", "Why did it fail? I dug in! We fixed it.", []string{"Why did it fail?", "I dug in!", "We fixed it."}},
		{"lower-case start still splits", "I fixed it. we shipped it.", []string{"I fixed it.", "we shipped it."}},
		{"list lines", "- I pulled the logs\n- We traced it\n1. I wrote the fix", []string{"I pulled the logs", "We traced it", "I wrote the fix"}},
		{"paragraphs", "I did one thing\n\nWe did another", []string{"I did one thing", "We did another"}},
		{"etc at end", "I checked logs, metrics, etc. Then I wrote the fix.", []string{"I checked logs, metrics, etc.", "Then I wrote the fix."}},
		{"version numbers", "I upgraded to v2.3.1 today. It worked.", []string{"I upgraded to v2.3.1 today.", "It worked."}},
		{"unbalanced quote does not swallow", `I said "hello. We then left. I stayed.`, []string{`I said "hello.`, "We then left.", "I stayed."}},
		{"no final period", "I did it", []string{"I did it"}},
		{"empty", "  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range Split(tt.text) {
				got = append(got, s.Text)
				if tt.text[s.Start:s.Start+len(s.Text)] != s.Text {
					t.Errorf("sentence %q: Start %d does not point at it", s.Text, s.Start)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Split(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestQuantity(t *testing.T) {
	has := []string{
		"The drop rate went from 0.3% to zero.",
		"It recovered $8,000 per week.",
		"Throughput rose 2x.",
		"Throughput rose 3× overnight.",
		"p99 latency fell by 40 ms.",
		"It took 3 weeks.",
		"We halved the error budget burn.",
		"Deploys doubled.",
		"Costs tripled, then fell.",
		"A dozen teams adopted it.",
		"It saved a hundred hours.",
		"Reviews went from weekly to daily.",
		"On-call pages dropped to zero.",
		"Two teams adopted the alert.",
		"It cut build time ten-fold.",
		"Of 2000 requests, 40 failed.",
		"I closed 2023 tickets in a week.",
		"A third of the pages went away.",
		"Errors fell from 1,200 a day to 40.",
		"By 2025 we had halved it.",
		"It saved 3-day waits.",
		"Page loads fell from seconds to milliseconds.",
		"The p50 fell under a second.",
		"We went from monthly releases to weekly ones.",
		"Errors dropped by an order of magnitude.",
		"The team shipped a week early.",
	}
	for _, s := range has {
		if Quantity(s) == "" {
			t.Errorf("Quantity(%q) found none, want one", s)
		}
	}
	none := []string{
		"Things got better and the team was happy.",
		"The SDE2 on-call rotation was calmer.",
		"The p99 dashboard looked healthier.",
		"We moved from the old service to the new one.",
		// years, dates, times, versions, labels and ordinals are not outcomes
		"The migration went well in 2023 and everyone was happy.",
		"Things got better at step 2 and the team was happy.",
		"We shipped v2.3 on March 3 at 5 p.m.",
		"It was the 3rd release of 2.3.1 in sprint 14, ticket #4521, at 9:30.",
		"Q3 2023 was calm, and since 2019 nobody had asked.",
		"The 99th percentile looked healthier.",
		"I took a second look and the team was happy.",
		"We shipped the 2023-05-01 build on 3/14.",
		"",
	}
	for _, s := range none {
		if q := Quantity(s); q != "" {
			t.Errorf("Quantity(%q) = %q, want none", s, q)
		}
	}
}

func TestQuantityReportsTheNumberWithItsUnit(t *testing.T) {
	for in, want := range map[string]string{
		"It recovered $8,000 per week.": "$8,000",
		"Drops fell to 0.3% of calls.":  "0.3%",
		"It got 3× faster.":             "3×",
	} {
		if got := Quantity(in); got != want {
			t.Errorf("Quantity(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWordsKeepWholeWords(t *testing.T) {
	var got []string
	for _, w := range Words("US-East status, team's $8,000 (0.3%) weekly") {
		got = append(got, w.Text)
	}
	want := []string{"US-East", "status", "team's", "8,000", "0.3", "weekly"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestDurations(t *testing.T) {
	for in, want := range map[string]int{"30s": 30, "90s": 90, "2m": 120, "1m30s": 90} {
		if got, ok := ParseDuration(in); !ok || got != want {
			t.Errorf("ParseDuration(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "30", "2h", "1m30", "s"} {
		if _, ok := ParseDuration(bad); ok {
			t.Errorf("ParseDuration(%q) accepted", bad)
		}
	}
	if lo, hi, ok := ParseDurationRange("2m30s-3m"); !ok || lo != 150 || hi != 180 {
		t.Errorf("ParseDurationRange = %d, %d, %v", lo, hi, ok)
	}
	if got := FormatSeconds(90); got != "1m30s" {
		t.Errorf("FormatSeconds(90) = %q", got)
	}
	if got := SpeakingSeconds("one two three four five", 150); got != 2 {
		t.Errorf("SpeakingSeconds = %d, want 2", got)
	}
}

// TestDurationsDoNotOverflow: a target of 20 digits is not a duration (it
// overflowed into negative seconds); a week is the bound.
func TestDurationsDoNotOverflow(t *testing.T) {
	for _, s := range []string{"99999999999999999999s", "153722867280912930m", "10081m", "604801s"} {
		if n, ok := ParseDuration(s); ok {
			t.Errorf("ParseDuration(%q) = %d, want not a duration", s, n)
		}
	}
	if n, ok := ParseDuration("10080m"); !ok || n != 604800 {
		t.Errorf("a week: %d %v", n, ok)
	}
}

func TestTermEquals(t *testing.T) {
	for _, tc := range []struct {
		w, term string
		want    bool
	}{
		{"Team’s", "teams", true}, {"8,000", "8000", true}, {"Ørsted", "ørsted", true},
		{"owner", "own", false}, {"own", "owner", false}, {"ÉTÉ", "été", true}, {"US-East", "us-east", true},
	} {
		if got := TermEquals(tc.w, tc.term); got != tc.want || (got && FoldTerm(tc.w) != tc.term) {
			t.Errorf("TermEquals(%q, %q) = %v, want %v (FoldTerm %q)", tc.w, tc.term, got, tc.want, FoldTerm(tc.w))
		}
	}
}
