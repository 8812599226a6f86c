# syntax=docker/dockerfile:1
# Multi-stage: the SDK builds, the glibc-based ASP.NET runtime image runs (ILGPU loads libcuda.so
# from the NVIDIA container runtime when a GPU is given; musl/Alpine images cannot load it).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig DigitalBrain.sln ./
COPY DigitalBrain.Simulation/DigitalBrain.Simulation.csproj DigitalBrain.Simulation/
COPY DigitalBrain.Core/DigitalBrain.Core.csproj DigitalBrain.Core/
COPY DigitalBrain.Web/DigitalBrain.Web.csproj DigitalBrain.Web/
RUN dotnet restore DigitalBrain.Web/DigitalBrain.Web.csproj
COPY DigitalBrain.Simulation/ DigitalBrain.Simulation/
COPY DigitalBrain.Core/ DigitalBrain.Core/
COPY DigitalBrain.Web/ DigitalBrain.Web/
RUN dotnet publish DigitalBrain.Web/DigitalBrain.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    DigitalBrain__Role=all
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "DigitalBrain.Web.dll"]
