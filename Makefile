# backtalk: build, run and test. `make run` starts the daemon; `make test` runs every test; `make help`.
SHELL := /bin/bash
SWIFT ?= swift
# One release build serves `make run`, `make install`, `make deb` and the tools (eval, check, bench): the
# programs carry their Swift runtime, so installed ones need nothing but libsystemd.
BUILD_FLAGS := -c release --static-swift-stdlib --disable-local-rpath
RELEASE := .build/release
# Tests run on an optimised build (training a model in a debug build is ten times slower) with testing
# enabled, in a build folder of their own so that switching between `make test` and `make run` rebuilds nothing.
TEST_FLAGS := -c release -Xswiftc -enable-testing --scratch-path .build-test
SYSTEM_PACKAGES := libsystemd-dev pkg-config ngircd
# What `make deb` and the package's tests need besides: dpkg-shlibdeps and lintian.
DEB_PACKAGES := dpkg-dev lintian
DEB_REVISION ?= 1
DEB_OUT := .build-deb
# The programs make install puts in bin/.
TOOLS := backtalkd backtalk backtalk-irc backtalk-matrix
KNOWLEDGE ?= Knowledge

PREFIX ?= /usr/local
DESTDIR ?=

CLINC := ../shared/data/clinc150

SANITIZER_FLAGS := -c release -Xswiftc -enable-testing
FUZZ_SECONDS ?= 60
FUZZ_BUILD := Tests/Fuzz/.build/release

.PHONY: all help deps deb-deps matrix-system-deps matrix-deps build run test test-systemd test-matrix test-sanitizers eval check benchmark \
	benchmark-clinc bench startup soak \
	fuzz install uninstall deb lint-deb clean

all: build

help:
	@echo "make run              build the daemon and the client, and serve Knowledge/ in the foreground"
	@echo "make test             build and run every Swift test (end-to-end ones included)"
	@echo "make test-systemd     the installed service and the Debian package under a real systemd (root)"
	@echo "make test-matrix      backtalk-matrix against a real Synapse homeserver (Python, in $(MATRIX_VENV))"
	@echo "make build            build every program (.build/release)"
	@echo "make check            validate Knowledge/: every problem as FILE:LINE:COLUMN"
	@echo "make eval             answer quality: held-out and development batches, red flags, cross-validation"
	@echo "make benchmark        in-process speed (ordo-one/benchmark); make bench: the socket under load"
	@echo "make benchmark-clinc  the classifier on the public CLINC150 benchmark"
	@echo "make startup          start-up, reloads, memory and broken cached models, measured from outside"
	@echo "make soak             ten minutes of mixed load, memory sampled; make fuzz: libFuzzer, FUZZ_SECONDS each"
	@echo "make test-sanitizers  every test under ThreadSanitizer and AddressSanitizer"
	@echo "make install          programs, knowledge, units, man pages, completions (PREFIX=$(PREFIX), DESTDIR)"
	@echo "make deb              the Debian package in $(DEB_OUT)/; make lint-deb runs lintian on it"
	@echo "make uninstall, make clean"

# Installs the Debian packages the build (or the package, or the Matrix tests' venv) needs, when they are
# missing (root runs apt-get itself).
deps deb-deps matrix-system-deps: PACKAGES = $(if $(filter deb-deps,$@),$(DEB_PACKAGES),$(if \
  $(filter matrix-system-deps,$@),$(MATRIX_PACKAGES),$(SYSTEM_PACKAGES)))
deps deb-deps matrix-system-deps:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -q $$missing >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q $$missing >/dev/null; }; \
	  else \
	    echo "missing system packages:$$missing; run: sudo apt-get install -y$$missing" >&2; exit 1; \
	  fi; \
	fi

# The Matrix tests' homeserver: Synapse from the package registry, in a virtual environment of its own,
# made with the system's Python (/usr/bin/python3 when there is one): Tests/Systemd/matrix.sh runs it
# inside a container that sees only the host's /usr.
MATRIX_VENV := .build-venv/matrix
SYNAPSE_VERSION := 1.163.2
SYNAPSE_PYTHON := $(firstword $(wildcard /usr/bin/python3) python3)
MATRIX_PACKAGES := python3-venv
matrix-deps: matrix-system-deps
	@$(MATRIX_VENV)/bin/python -c 'import synapse' 2>/dev/null \
	  && [ "$$(readlink -f $(MATRIX_VENV)/bin/python)" = "$$(readlink -f $$(command -v $(SYNAPSE_PYTHON)))" ] || { \
	  echo "installing matrix-synapse $(SYNAPSE_VERSION) into $(MATRIX_VENV)"; rm -rf $(MATRIX_VENV); \
	  $(SYNAPSE_PYTHON) -m venv $(MATRIX_VENV) && $(MATRIX_VENV)/bin/pip install -q "matrix-synapse==$(SYNAPSE_VERSION)"; }

# A throwaway Synapse (two users, a message sent and read back, read again after a restart), then the
# Matrix bridge's end-to-end tests against one: the real backtalk-matrix and backtalkd.
test-matrix: matrix-deps
	python3 Tests/Matrix/homeserver.py $(MATRIX_VENV) self-test
	$(SWIFT) build --build-tests $(TEST_FLAGS)
	@start=$$(date +%s); BACKTALK_MATRIX_VENV=$(abspath $(MATRIX_VENV)) \
	  $(SWIFT) test $(TEST_FLAGS) --skip-build --filter MatrixBridgeEndToEndTests; \
	  status=$$?; echo "the Matrix end-to-end tests took $$(( $$(date +%s) - start )) s"; exit $$status
	bash Tests/Systemd/matrix.sh

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

# Serves the shipped knowledge base in the foreground; Ctrl-C stops it. Builds only the daemon and the client.
run: deps
	$(SWIFT) build $(BUILD_FLAGS) --product backtalkd
	$(SWIFT) build $(BUILD_FLAGS) --product backtalk
	@socket=$${BACKTALK_SOCKET:-$$(if [ "$$(id -u)" = 0 ]; then echo /run/backtalk/backtalk.sock; \
	  elif [ -n "$$XDG_RUNTIME_DIR" ]; then echo $$XDG_RUNTIME_DIR/backtalk.sock; else echo /tmp/backtalk-$$(id -u).sock; fi)}; \
	echo "backtalkd is starting on $$socket. In another terminal, ask:"; \
	echo "  BACKTALK_SOCKET=$$socket $(RELEASE)/backtalk ask \"how often should I get a massage?\""; \
	echo "  BACKTALK_SOCKET=$$socket $(RELEASE)/backtalk ask \"hvor tit skal jeg have massage?\""; \
	echo "  BACKTALK_SOCKET=$$socket $(RELEASE)/backtalk chat"; \
	exec $(RELEASE)/backtalkd --socket "$$socket" --knowledge $(KNOWLEDGE)

test: deps
	$(SWIFT) build --build-tests $(TEST_FLAGS)
	$(SWIFT) test $(TEST_FLAGS) --skip-build

# The installed service under a real systemd (socket activation, journal, reload, restarts, watchdog).
test-systemd: deps deb-deps
	bash Tests/Systemd/run.sh
	bash Tests/Systemd/package.sh

# Answer quality: each held-out batch (per intent), the safety net on red flags and near misses, and
# 5-fold cross-validation of the knowledge base.
HELD_OUT_BATCHES := HeldOut/questions HeldOut/topics-4 HeldOut/new-topics-3 Development/topics-2 Development/topics-3 Development/new-topics \
	HeldOut/long-1 Development/long-en Development/long-da
RED_FLAG_BATCHES := HeldOut/red-flags-12 HeldOut/red-flags-9 HeldOut/red-flags $(patsubst Tests/%.jsonl,%,$(sort $(wildcard Tests/Development/red-flags-*.jsonl))) \
	HeldOut/long-1 Development/long-en Development/long-da
eval: build
	@for batch in $(HELD_OUT_BATCHES); do \
	  echo "== Tests/$$batch.jsonl (HeldOut: never trained or tuned on; Development: tuned on)"; \
	  $(RELEASE)/backtalkd eval --knowledge $(KNOWLEDGE) --test Tests/$$batch.jsonl \
	    --plot .build/eval-plots/$$batch || exit 1; \
	done
	@for batch in $(RED_FLAG_BATCHES); do \
	  echo "== red flags and near misses Tests/$$batch.jsonl (HeldOut: never trained or tuned on; Development: folded into the knowledge base, a check only)"; \
	  $(RELEASE)/backtalkd eval --knowledge $(KNOWLEDGE) --safety Tests/$$batch.jsonl || exit 1; \
	done
	@echo "== 5-fold cross-validation of the knowledge base's own training questions"
	$(RELEASE)/backtalkd eval --knowledge $(KNOWLEDGE) --folds 5

# CLINC150: train on train.jsonl, pick the threshold on val.jsonl by each rule, score val.jsonl (the
# test split is held out of the project and scored outside it with the same command).
benchmark-clinc: build
	@for rule in paper balanced; do \
	  echo "== CLINC150, threshold rule $$rule"; \
	  $(RELEASE)/backtalkd eval --train $(CLINC)/train.jsonl --validation $(CLINC)/val.jsonl \
	    --test $(CLINC)/val.jsonl --threshold-rule $$rule --format json | \
	    python3 -c 'import json,sys; r=json.load(sys.stdin); print(json.dumps({k: r[k] for k in ("in_scope_accuracy","oos_recall","oos_precision","macro_f1","threshold","train_seconds","classify_p50_us","classify_p99_us")}))'; \
	done

check: build
	$(RELEASE)/backtalkd --check --knowledge $(KNOWLEDGE)

# In-process speed: load and train, normalise, classify, encode (ordo-one/benchmark, Benchmarks/).
benchmark: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark

# Every test under ThreadSanitizer, then under AddressSanitizer (optimised builds, as `make test`).
test-sanitizers: deps
	$(SWIFT) build --build-tests $(SANITIZER_FLAGS) --sanitize=thread --scratch-path .build-tsan
	TSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/tsan.supp \
	  $(SWIFT) test $(SANITIZER_FLAGS) --sanitize=thread --scratch-path .build-tsan --skip-build
	$(SWIFT) build --build-tests $(SANITIZER_FLAGS) --sanitize=address --scratch-path .build-asan
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/lsan.supp \
	  $(SWIFT) test $(SANITIZER_FLAGS) --sanitize=address --scratch-path .build-asan --skip-build

# Start-up with and without a model, reloads, resident memory, and broken models in the cache.
startup: build
	python3 Benchmarks/Startup/startup.py $(RELEASE)/backtalkd $(KNOWLEDGE)

# The socket against the physical limit: backtalkd and sockload's C baseline server, 1 and 4 connections.
bench: build
	bash Benchmarks/Socket/bench.sh

# Ten minutes of mixed load against the release build, with RSS sampled every 10 s.
soak: build
	python3 Benchmarks/Socket/soak.py $(RELEASE)/backtalkd $(KNOWLEDGE) $${SOAK_SECONDS:-600}

# libFuzzer on the request decoder, the knowledge-base loader and the model reader, FUZZ_SECONDS each, from
# the seed corpus (the model reader's seed is trained from Tests/Fuzz/ModelSeed).
fuzz: build
	$(SWIFT) build -c release --package-path Tests/Fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library
	@mkdir -p .build/fuzz/model-seed && $(RELEASE)/backtalkd train --knowledge Tests/Fuzz/ModelSeed \
	  --output .build/fuzz/model-seed/two-intents.btm >/dev/null
	@for target in request-decoder knowledge-loader model-reader; do \
	  binary=$(FUZZ_BUILD)/$$(echo $$target | sed -E 's/(^|-)([a-z])/\U\2/g; s/^/Fuzz/'); \
	  work=.build/fuzz/$$target; rm -rf $$work; mkdir -p $$work/corpus $$work/crashes; \
	  if [ $$target = model-reader ]; then cp .build/fuzz/model-seed/*.btm $$work/corpus/; \
	  else cp Tests/Fuzz/Corpus/$$target/* $$work/corpus/; fi; \
	  echo "== fuzzing $$target for $(FUZZ_SECONDS) s"; \
	  $$binary $$work/corpus -max_total_time=$(FUZZ_SECONDS) -max_len=20000 -timeout=10 \
	    -artifact_prefix=$$work/crashes/ -print_final_stats=1 2>&1 | \
	    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::new_units_added|==[0-9]+==|SUMMARY|Done)' || exit 1; \
	  found=$$(ls $$work/crashes | wc -l); echo "$$target: findings $$found"; [ $$found = 0 ] || exit 1; \
	done

# Binaries, the knowledge base and the units; PREFIX and DESTDIR as usual.
install: build
	$(SWIFT) build $(BUILD_FLAGS) --product generate-manual
	rm -rf .build/share && mkdir -p .build/share/man
	$(RELEASE)/generate-manual $(RELEASE)/backtalkd --section 8 --output-directory .build/share/man
	for tool in backtalk backtalk-irc backtalk-matrix; do \
	  $(RELEASE)/generate-manual $(RELEASE)/$$tool --output-directory .build/share/man; done
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/backtalk/knowledge \
	  $(DESTDIR)$(PREFIX)/lib/systemd/system $(DESTDIR)$(PREFIX)/share/doc/backtalk \
	  $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man8 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -s -m 0755 $(addprefix $(RELEASE)/,$(TOOLS)) $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 .build/share/man/backtalkd.8 $(DESTDIR)$(PREFIX)/share/man/man8/
	install -m 0644 .build/share/man/backtalk.1 .build/share/man/backtalk-irc.1 .build/share/man/backtalk-matrix.1 \
	  $(DESTDIR)$(PREFIX)/share/man/man1/
	for tool in $(TOOLS); do \
	  $(RELEASE)/$$tool --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$tool; \
	  $(RELEASE)/$$tool --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_$$tool; \
	  $(RELEASE)/$$tool --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/$$tool.fish; \
	done
	install -m 0644 Knowledge/*.yaml Knowledge/README.md $(DESTDIR)$(PREFIX)/share/backtalk/knowledge/
	$(RELEASE)/backtalkd train --knowledge Knowledge --output $(DESTDIR)$(PREFIX)/share/backtalk/model.btm
	install -d $(DESTDIR)/etc/backtalk/knowledge.d
	install -m 0644 packaging/knowledge.d/README $(DESTDIR)/etc/backtalk/knowledge.d/README
	install -m 0644 README.md docs/*.md $(DESTDIR)$(PREFIX)/share/doc/backtalk/
	for unit in systemd/*.socket systemd/*.service; do \
	  sed 's|/usr/local|$(PREFIX)|g' $$unit > $(DESTDIR)$(PREFIX)/lib/systemd/system/$$(basename $$unit); \
	  chmod 0644 $(DESTDIR)$(PREFIX)/lib/systemd/system/$$(basename $$unit); \
	done
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
	@echo "installed; enable with: systemctl enable --now backtalk.socket (and backtalk-irc.service for IRC," \
	  "backtalk-matrix.service for Matrix: docs/CONVERSATIONS.md)"

uninstall:
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
	  systemctl disable --now backtalk-irc.service backtalk-matrix.service backtalk.socket backtalk.service \
	    2>/dev/null || true; fi
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/bin/,$(TOOLS))
	rm -f $(DESTDIR)$(PREFIX)/share/man/man8/backtalkd.8 $(DESTDIR)$(PREFIX)/share/man/man1/backtalk.1 \
	  $(DESTDIR)$(PREFIX)/share/man/man1/backtalk-irc.1 $(DESTDIR)$(PREFIX)/share/man/man1/backtalk-matrix.1
	rm -f $(foreach tool,$(TOOLS),$(DESTDIR)$(PREFIX)/share/bash-completion/completions/$(tool) \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_$(tool) $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/$(tool).fish)
	rm -f $(addprefix $(DESTDIR)$(PREFIX)/lib/systemd/system/,$(notdir $(wildcard systemd/*.socket systemd/*.service)))
	rm -rf $(DESTDIR)$(PREFIX)/share/backtalk $(DESTDIR)$(PREFIX)/share/doc/backtalk
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi

# The Debian package: what `make install` installs, at Debian's paths, in .build-deb/backtalk_VERSION-1_amd64.deb.
# The build shows its progress; the install into the package's tree is quiet.
deb: build deb-deps
	rm -rf $(DEB_OUT)/root
	@echo "staging the package's files"
	$(MAKE) -s install DESTDIR=$(CURDIR)/$(DEB_OUT)/root PREFIX=/usr >/dev/null
	bash packaging/deb/build.sh $(DEB_OUT)/root $(DEB_OUT) $(DEB_REVISION)

# Debian's package checker on the package: no errors.
lint-deb: deb
	lintian --fail-on error --no-tag-display-limit $(DEB_OUT)/backtalk_*-$(DEB_REVISION)_amd64.deb

clean:
	rm -rf .build .build-test .build-static .build-tsan .build-asan $(DEB_OUT) Benchmarks/.build Tests/Fuzz/.build
