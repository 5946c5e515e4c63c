# syntax=docker/dockerfile:1
# The one image of LlmOperator: `llmop operator` (the Deployment of charts/llm-operator), `llmop eval`
# (evaluation Jobs) and `llmop mock-llm` (the mock engine) all run from it. The operator passes its own
# image on to the Jobs and mock servers it creates (LLMOP_IMAGE).
#
#   docker build -t ghcr.io/llmoperator/llmop:0.1.0 .
#   docker run --rm ghcr.io/llmoperator/llmop:0.1.0 --help

ARG DOTNET_VERSION=10.0

# Build: restore and publish with the SDK. A Release publish is self-contained and precompiled (ReadyToRun, one
# composite image with the .NET and ASP.NET Core runtimes; see src/LlmOperator/LlmOperator.csproj): evaluation Jobs
# start without JIT-compiling most of their code. NuGet packages are cached between builds.
FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
# LlmOperator.Manifests embeds the generated CRDs (llmop validate and the sandbox serve their schemas).
COPY config/crd/bases/ config/crd/bases/
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish src/LlmOperator/LlmOperator.csproj --configuration Release --output /app -p:UseAppHost=true

# Run: Ubuntu chiseled runtime dependencies (no shell, no package manager; llmop carries its own .NET), as a non-root
# user whose UID the restricted Pod Security Standard accepts (runAsNonRoot) and the chart sets (runAsUser).
FROM mcr.microsoft.com/dotnet/runtime-deps:${DOTNET_VERSION}-noble-chiseled AS runtime
LABEL org.opencontainers.image.title="llmop" \
      org.opencontainers.image.description="LlmOperator: progressive delivery of LLM models and prompts, gated by evaluations" \
      org.opencontainers.image.source="https://github.com/llmoperator/llm-operator"
WORKDIR /app
COPY --from=build --chown=65532:65532 /app /app
ENV PATH=/app:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
USER 65532:65532
EXPOSE 8081
ENTRYPOINT ["llmop"]
CMD ["--help"]
