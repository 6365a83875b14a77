# ---- the scheduler under 100,000 due timers (not a test): make bench-jobs ----
build/rel/bench/jobs_timers: bench/jobs/timers.c $(REL_OBJ)
	@mkdir -p $(@D); echo "LINK $@"; $(CC) $(REL_CFLAGS) -Isrc $< $(REL_OBJ) -o $@ $(LDLIBS)
.PHONY: bench-jobs
bench-jobs: build/rel/bench/jobs_timers
	@build/rel/bench/jobs_timers
