# The two commands of the README: `make demo` and `make test`.
# Both install missing Debian packages first (apt-get; sudo when not root).

BUILD ?= build
JOBS  ?= $(shell nproc 2>/dev/null || echo 2)
PACKAGES = g++ clang libclang-rt-14-dev cmake make git groff libcli11-dev libyaml-cpp-dev libfmt-dev libboost-date-time-dev doctest-dev python3-pandas python3-scipy python3-yaml
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build test sanitize fuzz package demo clean bench

all: build

deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer
# at -O1, as ASan's documentation advises for speed,
# (the pandas comparison and the CDNOW-sized runs, slow there and covered by
# `make test`, are left out; the replay, kill, random-write and concurrent-add
# loops run shorter: 10x slower there).
# One clang build, $(BUILD)-asan, serves this suite and `make fuzz`.
ASAN_BUILD = CC=clang CXX=clang++ cmake -S . -B $(BUILD)-asan -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DCRM_FUZZ=ON
sanitize: deps
	$(ASAN_BUILD)
	cmake --build $(BUILD)-asan -j $(JOBS)
	cd $(BUILD)-asan && REPLAY_DAYS=2 KILLS=4 PROPERTY_WRITES=3000 CONCURRENT_ADDS=20 ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) -E 'rfm_pandas|cdnow'

# A short, bounded libFuzzer run of each harness from its seed corpus: FUZZ_SECONDS
# each, or, with FUZZ_RUNS set, that many inputs from a fixed seed (repeatable, for CI).
FUZZ_SECONDS ?= 20
FUZZ_SEED ?= 1
FUZZ_LIMIT = $(if $(FUZZ_RUNS),-runs=$(FUZZ_RUNS) -seed=$(FUZZ_SEED),-max_total_time=$(FUZZ_SECONDS))
fuzz: deps
	$(ASAN_BUILD)
	cmake --build $(BUILD)-asan -j $(JOBS) --target fuzz_record fuzz_csv fuzz_parse fuzz_shard
	for h in record csv parse shard; do \
	  mkdir -p $(BUILD)-asan/corpus-$$h && \
	  $(BUILD)-asan/tests/fuzz/fuzz_$$h $(FUZZ_LIMIT) -max_len=4096 -timeout=2 \
	    -artifact_prefix=$(BUILD)-asan/crash-$$h- $(BUILD)-asan/corpus-$$h tests/fuzz/corpus/$$h || exit 1; \
	done

package: build
	cd $(BUILD) && cpack -G DEB

demo: build
	bash examples/demo.sh $(BUILD)/crm $(BUILD)/demo-store

clean:
	rm -rf $(BUILD) $(BUILD)-asan
