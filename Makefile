# The two commands of the README: `make demo` and `make test`.
# Both install missing Debian packages first (apt-get; sudo when not root).

BUILD ?= build
JOBS  ?= $(shell nproc 2>/dev/null || echo 2)
PACKAGES = g++ cmake make git libcli11-dev libyaml-cpp-dev libfmt-dev libboost-date-time-dev doctest-dev python3-pandas
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build test demo clean bench

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

demo: build
	bash examples/demo.sh $(BUILD)/crm $(BUILD)/demo-store

clean:
	rm -rf $(BUILD)
