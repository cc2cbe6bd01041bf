# syntax=docker/dockerfile:1
#
# Loket's image: one static binary on distroless, run as a non-root user (65532).
#
#   docker compose build           # or: docker build -t loket .
#
# The default command is `loket run` (the bot on real WhatsApp); any other subcommand
# replaces it, e.g. `docker compose run --rm loket pair --phone 6281234567890` or
# `docker compose exec loket /loket staff list`. compose.yaml and docs/DEPLOY.md say
# how to run it with PostgreSQL and Redis.
#
# Needs BuildKit (the default builder of Docker Engine 23 and later, and of
# `docker compose build`): the source is bind-mounted, not copied, so nothing from
# the checkout (a .env with the database password, bin/) ends up in an image layer.

FROM --platform=$BUILDPLATFORM golang:1.26-bookworm AS build
WORKDIR /src

# Modules first, so a change to Loket's code does not download them again.
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=bind,source=go.mod,target=go.mod \
    --mount=type=bind,source=go.sum,target=go.sum \
    go mod download

# `loket version` names the version and commit, stamped with -ldflags like the
# Makefile does: from --build-arg LOKET_VERSION / LOKET_COMMIT when given, else from
# the repository's .git when git can read it in the container (a worktree's .git
# file pointing elsewhere cannot be read: pass the build args), else "(devel)".
ARG LOKET_VERSION="" LOKET_COMMIT=""
# Set by BuildKit: the platform the image is for (pure Go cross-compiles).
ARG TARGETOS TARGETARCH
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=bind,target=.,rw \
    git config --global --add safe.directory /src && \
    version="${LOKET_VERSION:-$(git describe --tags --dirty 2>/dev/null || true)}" && \
    commit="${LOKET_COMMIT:-$(git describe --always --dirty --abbrev=12 --exclude='*' 2>/dev/null || true)}" && \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -trimpath -buildvcs=false \
      -ldflags="-s -w -X main.buildVersion=$version -X main.buildCommit=$commit" \
      -o /out/loket ./cmd/loket

# distroless/static: CA certificates (WhatsApp is TLS), tzdata, /etc/passwd with the
# nonroot user, and /tmp (mode 1777: attachments are downloaded into temporary files
# there). No shell, no package manager.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/loket /loket
# Inside the container the HTTP server (status page with the pairing QR code,
# /healthz, /readyz, /metrics) listens on every interface; compose.yaml publishes it
# on the host's 127.0.0.1 only.
ENV LOKET_HTTP_ADDR=0.0.0.0:8080
EXPOSE 8080
USER 65532:65532
# The image has no shell or HTTP client: `loket health` asks the running bot's
# /healthz on loopback. (/readyz, which also wants WhatsApp connected, is for
# monitoring: an unpaired bot is alive and must not be restarted.)
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["/loket", "health"]
ENTRYPOINT ["/loket"]
CMD ["run"]
