# Loket in a container. PostgreSQL and Redis run elsewhere: set LOKET_DATABASE_URL and
# LOKET_REDIS_URL (or LOKET_REDIS_ADDRS). The simulator listens on LOKET_HTTP_ADDR.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/loket ./cmd/loket

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/loket /loket
ENV LOKET_HTTP_ADDR=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["/loket"]
CMD ["sim"]
