# Every fuzz target is built and replays its seeds under ASan + UBSan in make check, so a
# target that stops building (or a seed that crashes again) fails the check, not a later
# `make fuzz`. The seeds: fuzz/coach/corpus (kept crashes and finds) and tests/data/mail.
#   make fuzz-smoke
CHECK_STEPS += fuzz-smoke

.PHONY: fuzz-smoke
fuzz-smoke: build/fuzz/coach_fuzz build/fuzz/mail
	@p=0; f=0; \
	for t in "build/fuzz/coach_fuzz fuzz/coach/corpus" "build/fuzz/mail -max_len=262144 tests/data/mail"; do \
	  if $$t -runs=0 >build/fuzz/smoke.log 2>&1; then p=$$((p+1)); else f=$$((f+1)); echo "not ok: $$t"; tail -20 build/fuzz/smoke.log; fi; \
	done; echo "fuzz-smoke: $$p passed, $$f failed"; [ $$f -eq 0 ]
