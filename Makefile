# heed: one binary, two builds.
#   build/rel : -O2, the binary users run (./heed)
#   build/san : -O1 with AddressSanitizer + UndefinedBehaviorSanitizer, used by the unit tests
# Feature areas may add rules in mk/*.mk (generated sources go in GEN_SRC, extra
# check steps in CHECK_STEPS).
.DEFAULT_GOAL := heed
SHELL := /bin/bash

CC      ?= cc
PKGS    := sqlite3 libmicrohttpd jansson libsodium libutf8proc gmime-3.0 gumbo libcurl libcmark zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
COMMON  := -std=c17 -D_GNU_SOURCE -g $(WARN) -Isrc -Ibuild/gen $(PKG_CFLAGS)
REL_CFLAGS := $(COMMON) -O2
SAN_FLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
SAN_CFLAGS := $(COMMON) -O1 $(SAN_FLAGS)
LDLIBS  := $(PKG_LIBS) -lpthread -lm

GEN_SRC :=
CHECK_STEPS :=
FUZZ_TARGETS :=
FUZZ_SECONDS ?= 600
include $(wildcard mk/*.mk)

# every .c under src/ except main.c forms the library the binary and the tests link
LIB_SRC := $(filter-out src/main.c,$(shell find src -name '*.c' | sort)) build/gen/assets.c $(GEN_SRC)
REL_OBJ := $(patsubst %.c,build/rel/%.o,$(LIB_SRC:build/gen/%=gen/%))
SAN_OBJ := $(patsubst %.c,build/san/%.o,$(LIB_SRC:build/gen/%=gen/%))
DEPS    := $(shell find build -name '*.d' 2>/dev/null)

build/rel/gen/%.o: build/gen/%.c
	@mkdir -p $(@D); $(CC) $(REL_CFLAGS) -MMD -MP -c $< -o $@
build/san/gen/%.o: build/gen/%.c
	@mkdir -p $(@D); $(CC) $(SAN_CFLAGS) -MMD -MP -c $< -o $@
build/rel/%.o: %.c
	@mkdir -p $(@D); $(CC) $(REL_CFLAGS) -MMD -MP -c $< -o $@
build/san/%.o: %.c
	@mkdir -p $(@D); $(CC) $(SAN_CFLAGS) -MMD -MP -c $< -o $@

# assets (css, js, svg) are embedded into the binary
ASSETS := $(sort $(wildcard assets/*))
# each is compressed there once (gzip, Brotli); only the build tool links zlib and brotli
EMBED_PKGS := zlib libbrotlienc
build/tools/embed: tools/embed.c
	@mkdir -p $(@D); $(CC) -std=c17 -O2 $(WARN) $(shell pkg-config --cflags $(EMBED_PKGS)) $< -o $@ $(shell pkg-config --libs $(EMBED_PKGS))
build/gen/assets.c: build/tools/embed $(ASSETS)
	@mkdir -p $(@D); build/tools/embed $(ASSETS) > $@.tmp && mv $@.tmp $@

heed: build/rel/src/main.o $(REL_OBJ)
	@echo "LINK $@"; $(CC) $(REL_CFLAGS) $^ -o $@ $(LDLIBS)
build/san/heed: build/san/src/main.o $(SAN_OBJ)
	@echo "LINK $@"; $(CC) $(SAN_CFLAGS) $^ -o $@ $(LDLIBS)

# ---- unit tests (cmocka, under ASan + UBSan) --------------------------------
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,build/san/tests/%,$(UNIT_SRC))
build/san/tests/%: tests/unit/%.c $(SAN_OBJ)
	@echo "LINK $@"; mkdir -p $(@D); $(CC) $(SAN_CFLAGS) -Itests $< $(SAN_OBJ) -o $@ $(LDLIBS) -lcmocka

.PHONY: deps test-deps unit api e2e check run bench fuzz clean
deps:
	@bash scripts/install-deps.sh build
test-deps:
	@bash scripts/install-deps.sh test
	@cd tests && npm ci --silent --no-audit --no-fund >/dev/null

unit: $(UNIT_BIN)
	@bash scripts/run-unit.sh $(UNIT_BIN)
api: heed build/san/heed
	@HEED_BIN=$(CURDIR)/build/san/heed bash scripts/run-node-tests.sh api
e2e: heed
	@HEED_BIN=$(CURDIR)/heed bash scripts/run-node-tests.sh e2e

check:
	@bash scripts/install-deps.sh test
	@cd tests && npm ci --silent --no-audit --no-fund >/dev/null
	@$(MAKE) --no-print-directory -j2 heed build/san/heed $(UNIT_BIN)
	@bash scripts/check.sh $(UNIT_BIN) -- $(CHECK_STEPS)

run:
	@bash scripts/install-deps.sh build
	@$(MAKE) --no-print-directory -j2 heed
	@bash scripts/run-demo.sh

bench: heed
	@bash scripts/install-deps.sh bench
	@bash bench/run.sh

# libFuzzer targets (clang, ASan + UBSan), each run for FUZZ_SECONDS
fuzz:
	@bash scripts/install-deps.sh test
	@for t in $(FUZZ_TARGETS); do $(MAKE) --no-print-directory $$t || exit 1; done

clean:
	rm -rf build heed

-include $(DEPS)
