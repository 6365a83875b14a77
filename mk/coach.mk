# coach (issue 3): lexicon tables generated from data/coach/, quality and contract checks, fuzzing.
COACH_DATA := $(sort $(wildcard data/coach/*.tsv))
GEN_SRC += build/gen/coach_tables.c

build/tools/coach_gen: tools/coach_gen.c src/coach/coach_codes.h src/coach/coach_hash.h
	@mkdir -p $(@D); $(CC) -std=c17 -D_GNU_SOURCE -O2 $(WARN) -Isrc $< -o $@
build/gen/coach_tables.c build/gen/coach_kw.h &: build/tools/coach_gen $(COACH_DATA)
	@mkdir -p $(@D); build/tools/coach_gen data/coach build/gen/coach_tables.c.tmp build/gen/coach_kw.h.tmp && \
	  mv build/gen/coach_tables.c.tmp build/gen/coach_tables.c && mv build/gen/coach_kw.h.tmp build/gen/coach_kw.h

# every coach object may include the generated keyword header
$(patsubst %.c,build/rel/%.o,$(wildcard src/coach/*.c)) $(patsubst %.c,build/san/%.o,$(wildcard src/coach/*.c)): build/gen/coach_kw.h
