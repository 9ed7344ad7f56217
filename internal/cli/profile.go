package cli

import (
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfile starts the hidden --debug.cpuprofile CPU profile and, for
// --debug.memprofile, records every allocation until stopProfile writes
// them.
func (g *globals) startProfile() error {
	if g.stopProf != nil || (g.cpuProfile == "" && g.memProfile == "") {
		return nil
	}
	stopCPU := func() {}
	if g.cpuProfile != "" {
		f, err := os.Create(g.cpuProfile)
		if err != nil {
			return trouble("--debug.cpuprofile: %v", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return trouble("--debug.cpuprofile: %v", err)
		}
		stopCPU = func() {
			pprof.StopCPUProfile()
			f.Close()
		}
	}
	if g.memProfile != "" {
		runtime.MemProfileRate = 4096 // fine enough to see a run's small allocations
	}
	g.stopProf = func() {
		stopCPU()
		if g.memProfile != "" {
			if f, err := os.Create(g.memProfile); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}
	}
	return nil
}

func (g *globals) stopProfile() {
	if g.stopProf != nil {
		g.stopProf()
		g.stopProf = nil
	}
}
