package hugemem

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unsafe"
)

// TestLargeSlicesAreAdvised: the whole huge pages inside a large slice
// are marked for huge pages (VmFlags "hg" in /proc/self/smaps), a small
// slice is left alone, and both are ordinary zeroed slices.
func TestLargeSlicesAreAdvised(t *testing.T) {
	large := Slice[uint64](1 << 20) // 8 MB
	small := Slice[uint64](1 << 10)
	bytes := Bytes(6 << 20)
	if len(large) != 1<<20 || len(small) != 1<<10 || len(bytes) != 0 || cap(bytes) != 6<<20 {
		t.Fatalf("lengths %d, %d, %d/%d", len(large), len(small), len(bytes), cap(bytes))
	}
	for _, v := range large {
		if v != 0 {
			t.Fatal("a large slice is not zeroed")
		}
	}
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage"); err != nil {
		// a kernel without huge pages refuses the advice: the slices above
		// are all there is to check
		t.Logf("no transparent huge pages in this kernel (%v): nothing is advised", err)
		return
	}
	middle := uintptr(unsafe.Pointer(&large[len(large)/2]))
	if !advised(t, middle) {
		t.Error("the middle of an 8 MB slice is not advised for huge pages")
	}
	if !advised(t, uintptr(unsafe.Pointer(unsafe.SliceData(bytes)))+3<<20) {
		t.Error("the middle of a 6 MB byte buffer is not advised for huge pages")
	}
	if advised(t, uintptr(unsafe.Pointer(&small[0]))) {
		t.Error("a small slice was advised")
	}
}

// advised reports whether the mapping holding addr has the huge page
// advice.
func advised(t *testing.T, addr uintptr) bool {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	inside := false
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x", &lo, &hi); n == 2 && strings.Contains(line, " ") && !strings.HasSuffix(strings.Fields(line)[0], ":") {
			inside = lo <= addr && addr < hi
			continue
		}
		if inside && strings.HasPrefix(line, "VmFlags:") {
			return strings.Contains(line, " hg")
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return false
}
