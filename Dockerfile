# syntax=docker/dockerfile:1
# KalshiArb dashboard + in-process pipeline. Build: docker build -t kalshiarb .  Run: docker compose up

# ---- build: .NET SDK plus Node/npm for the pinned chart library (npm ci from package-lock.json) ----
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src

# Restore layers first so they are cached while only sources change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY KalshiArb.Ingestion/KalshiArb.Ingestion.csproj KalshiArb.Ingestion/
COPY KalshiArb.Web/KalshiArb.Web.csproj KalshiArb.Web/
RUN dotnet restore KalshiArb.Web/KalshiArb.Web.csproj
COPY KalshiArb.Web/package.json KalshiArb.Web/package-lock.json KalshiArb.Web/
RUN cd KalshiArb.Web && npm ci --no-audit --no-fund

COPY KalshiArb.Ingestion/ KalshiArb.Ingestion/
COPY KalshiArb.Web/ KalshiArb.Web/
# The csproj copies node_modules/apexcharts/dist/apexcharts.min.js into wwwroot/lib before the build.
RUN dotnet publish KalshiArb.Web/KalshiArb.Web.csproj -c Release -o /app --no-restore

# ---- runtime: ASP.NET Core only (Ubuntu 24.04 based for .NET 10), as the image's non-root user "app" (UID $APP_UID) ----
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# data/: generated admin credential hash and one-time password file, data-protection keys, ILP spool.
# Owned by the non-root user so the volume is writable; nothing else in /app is.
RUN mkdir -p /app/data && chown -R app:app /app/data && chmod 700 /app/data
VOLUME /app/data
# Urls (unprefixed) overrides the loopback default in appsettings.json; ASPNETCORE_URLS alone would not.
ENV Urls=http://0.0.0.0:8080 \
    ASPNETCORE_URLS=http://0.0.0.0:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
USER app
# The runtime image ships neither curl nor wget: the app itself asks its /api/health (exit 0 on 2xx).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["dotnet", "/app/KalshiArb.Web.dll", "healthcheck", "http://127.0.0.1:8080/api/health"]
ENTRYPOINT ["dotnet", "KalshiArb.Web.dll"]
