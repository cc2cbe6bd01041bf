#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis run on this machine and that Loket's database exists.
# Works both on a machine where they already run (it only checks) and on a fresh Debian
# machine (it installs them with apt-get, which needs root).
set -euo pipefail

PGPORT=5432
REDIS_PORT=6379

say() { printf '» %s\n' "$*"; }
as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		echo "need root to run: $*" >&2; exit 1; fi
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
apt_updated=
apt_install() {
	[ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
wait_port() {
	for _ in $(seq 1 60); do port_open "$1" && return 0; sleep 0.5; done
	echo "$2 did not start listening on 127.0.0.1:$1" >&2; exit 1
}

# PostgreSQL
if port_open $PGPORT; then
	say "PostgreSQL already runs on 127.0.0.1:$PGPORT"
else
	if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
		say "installing PostgreSQL (apt-get)"
		apt_install postgresql
	fi
	say "starting PostgreSQL"
	as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start || true
	wait_port $PGPORT PostgreSQL
fi
command -v psql >/dev/null || apt_install postgresql-client

# Run SQL as the database superuser: over TCP where trust auth allows it, else through
# the local socket as the postgres system user (peer auth, the Debian default).
psql_admin() {
	if psql -h 127.0.0.1 -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
		psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -tAq "$@"
	else
		as_root su postgres -c "cd / && psql -d postgres -v ON_ERROR_STOP=1 -tAq $(printf '%q ' "$@")"
	fi
}
if [ "$(psql_admin -c "select 1 from pg_roles where rolname='loket'")" != 1 ]; then
	say "creating role loket"
	psql_admin -c "create role loket login password 'loket'"
fi
if [ "$(psql_admin -c "select 1 from pg_database where datname='loket'")" != 1 ]; then
	say "creating database loket"
	psql_admin -c "create database loket owner loket"
fi
say "database loket ready"

# Redis
if port_open $REDIS_PORT; then
	say "Redis already runs on 127.0.0.1:$REDIS_PORT"
else
	command -v redis-server >/dev/null || { say "installing Redis (apt-get)"; apt_install redis-server; }
	say "starting Redis"
	redis-server --daemonize yes --bind 127.0.0.1 --port $REDIS_PORT --save "" --appendonly no >/dev/null
	wait_port $REDIS_PORT Redis
fi
say "Redis ready"
