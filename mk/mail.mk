# Email (src/mail, docs/MAIL.md): a libFuzzer target for the parse path, run by `make fuzz`.
#   make fuzz-mail FUZZ_SECONDS=60
FUZZ_TARGETS += fuzz-mail

FUZZ_MAIL_SRC := fuzz/mail/fuzz_mail.c src/mail/mail_parse.c src/mail/mail_text.c src/mail/mail_html.c src/service/svc_spool.c $(sort $(wildcard src/util/*.c))
MAIL_FUZZ_CFLAGS := -std=c17 -D_GNU_SOURCE -g -O1 -Isrc $(PKG_CFLAGS) -fno-omit-frame-pointer \
               -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined

build/fuzz/mail: $(FUZZ_MAIL_SRC) $(wildcard src/mail/*.h src/util/*.h src/service/service.h)
	@mkdir -p $(@D); clang $(MAIL_FUZZ_CFLAGS) $(FUZZ_MAIL_SRC) -o $@ $(LDLIBS)

.PHONY: fuzz-mail
fuzz-mail: build/fuzz/mail
	@mkdir -p build/fuzz/mail-corpus && cp -n tests/data/mail/*.eml build/fuzz/mail-corpus/
	build/fuzz/mail -max_total_time=$(FUZZ_SECONDS) -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
	  -print_final_stats=1 build/fuzz/mail-corpus
