# Thin front-end over CMake (STYLE §17). `make help` lists the targets.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
JOBS       ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all build test test-full asan ubsan tsan fuzz fuzz-replay gen gen-check lint format bench \
        golden-update coverage clean help serve

all: build

help:
	@echo "make            build into $(BUILD)/ (RelWithDebInfo)"
	@echo "make serve      build and run 'personaforge serve' (SQLite, http://127.0.0.1:8080)"
	@echo "make test       the fast tier: unit, golden and API tests on SQLite"
	@echo "make test-full  everything .ci/run runs (PostgreSQL, ASan+UBSan, browser, fuzz replay)"
	@echo "make asan       build with ASan+UBSan into $(ASAN_BUILD)/ and run the fast tier"
	@echo "make fuzz       build the libFuzzer targets (clang), run each FUZZ_SECONDS (600), FUZZ_JOBS (2)"
	@echo "                at a time, and write the table to tests/fuzz/REPORT.md"
	@echo "make fuzz-replay  replay the fuzz corpora and regressions under ASan+UBSan"
	@echo "make gen        rewrite committed generated files; make gen-check fails on a diff"
	@echo "make lint       banned functions, clang-tidy"
	@echo "make bench      every benchmark, one Markdown table of ratios"

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j$(JOBS)

serve: build
	./$(BUILD)/src/personaforge serve

test: build
	cd $(BUILD) && ctest -L 'unit|golden|api' --output-on-failure -j$(JOBS)

test-full:
	tools/test.sh

asan:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPF_SANITIZE=address,undefined $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) -j$(JOBS)
	cd $(ASAN_BUILD) && ctest -L 'unit|golden|api' --output-on-failure -j$(JOBS)

ubsan: asan

tsan:
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DPF_SANITIZE=thread $(CMAKE_FLAGS)
	cmake --build build-tsan -j$(JOBS)
	cd build-tsan && ctest -L 'unit|api' --output-on-failure

# The committed corpora and regressions through the plain replay driver, under ASan+UBSan
# (tools/test.sh runs the same ctests in its build-asan suite).
fuzz-replay:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DPF_SANITIZE=address,undefined $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) -j$(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp ctest -L fuzz --output-on-failure -j$(JOBS)

# Every target FUZZ_SECONDS, FUZZ_JOBS at a time; writes tests/fuzz/REPORT.md.
FUZZ_SECONDS ?= 600
FUZZ_JOBS    ?= 2
fuzz:
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DPF_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug
	cmake --build $(FUZZ_BUILD) -j$(JOBS)
	JOBS=$(FUZZ_JOBS) tools/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

gen: build
	tools/gen.sh $(BUILD)

gen-check: build
	tools/gen.sh $(BUILD) && git diff --exit-code -- etc docs

lint:
	tools/lint_banned.sh
	@command -v clang-tidy >/dev/null && cmake -S . -B $(BUILD) >/dev/null && \
	  clang-tidy -p $(BUILD) --quiet --extra-arg=-Wno-unknown-warning-option --checks='-*,clang-analyzer-*,-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling,-clang-analyzer-optin.performance.Padding,-clang-analyzer-valist.Uninitialized' --warnings-as-errors='clang-analyzer-*' \
	  $$(git ls-files 'src/*.c') 2>/dev/null | grep -v '^[0-9]* warnings generated' || true

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

bench: build
	tools/bench.sh $(BUILD)

golden-update: build
	PF_GOLDEN_UPDATE=1 $(MAKE) test

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) build-tsan
