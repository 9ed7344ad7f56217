package cli

import (
	"os"
	"runtime/pprof"
)

// startProfile starts the hidden --debug.cpuprofile CPU profile.
func (g *globals) startProfile() error {
	if g.cpuProfile == "" || g.stopProf != nil {
		return nil
	}
	f, err := os.Create(g.cpuProfile)
	if err != nil {
		return trouble("--debug.cpuprofile: %v", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return trouble("--debug.cpuprofile: %v", err)
	}
	g.stopProf = func() {
		pprof.StopCPUProfile()
		f.Close()
	}
	return nil
}

func (g *globals) stopProfile() {
	if g.stopProf != nil {
		g.stopProf()
		g.stopProf = nil
	}
}
