#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis run on this machine and that Loket's database exists;
# with the argument "chromium", also that Debian's Chromium is installed (the tests
# drive the simulator's page in it).
# Works both on a machine where they already run (it only checks) and on a fresh Debian
# machine (it installs them with apt-get, which needs root).
#
# It follows LOKET_DATABASE_URL and LOKET_REDIS_URL as Loket does (defaults: role and
# database loket on 127.0.0.1:5432, Redis on 127.0.0.1:6379): the role and database
# named there are the ones created. A server on another host is only checked: it is
# not this script's to install or start.
set -euo pipefail

DATABASE_URL=${LOKET_DATABASE_URL:-postgres://loket:loket@127.0.0.1:5432/loket?sslmode=disable}
REDIS_URL=${LOKET_REDIS_URL:-redis://127.0.0.1:6379/0}

# The parts of a postgres:// URL or a key=value setting string that matter here, read
# as libpq reads them: percent-escapes decoded, an IPv6 host in brackets, and no user
# meaning the operating system's user.
urldecode() { local s=${1//+/ }; printf '%b' "${s//%/\\x}"; }
PGHOST=127.0.0.1 PGPORT=5432 PGROLE=loket PGPASS=loket PGDB=loket
if [[ $DATABASE_URL =~ ^postgres(ql)?://(([^:@/]*)(:([^@/]*))?@)?(\[[^]]*\]|[^:/?]*)(:([0-9]+))?(/([^?]*))? ]]; then
	if [[ -n ${BASH_REMATCH[2]} ]]; then
		PGROLE=$(urldecode "${BASH_REMATCH[3]}") PGPASS=$(urldecode "${BASH_REMATCH[5]}")
	else
		PGROLE=$(id -un) PGPASS=
	fi
	host=${BASH_REMATCH[6]#[} PGHOST=${host%]} PGPORT=${BASH_REMATCH[8]:-$PGPORT}
	PGDB=$(urldecode "${BASH_REMATCH[10]}")
	PGHOST=${PGHOST:-127.0.0.1} PGDB=${PGDB:-$PGROLE}
else
	PGPASS=
	for kv in $DATABASE_URL; do
		case $kv in
		host=*) PGHOST=${kv#host=} ;; port=*) PGPORT=${kv#port=} ;; user=*) PGROLE=${kv#user=} ;;
		password=*) PGPASS=${kv#password=} ;; dbname=*) PGDB=${kv#dbname=} ;;
		esac
	done
fi
[[ $PGHOST == ::1 ]] && PGHOST=127.0.0.1
[[ $PGHOST == localhost ]] && PGHOST=127.0.0.1
REDIS_HOST=127.0.0.1 REDIS_PORT=6379
if [[ $REDIS_URL =~ ^rediss?://([^@/]*@)?([^:/?]*)(:([0-9]+))? ]]; then
	REDIS_HOST=${BASH_REMATCH[2]:-127.0.0.1} REDIS_PORT=${BASH_REMATCH[4]:-6379}
fi
[[ $REDIS_HOST == localhost ]] && REDIS_HOST=127.0.0.1

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
if [ "$PGHOST" != 127.0.0.1 ]; then
	command -v pg_isready >/dev/null || apt_install postgresql-client
	pg_isready -q -h "$PGHOST" -p "$PGPORT" -t 5 ||
		{ echo "PostgreSQL does not answer on $PGHOST:$PGPORT (LOKET_DATABASE_URL)" >&2; exit 1; }
	say "PostgreSQL on $PGHOST:$PGPORT answers; role and database there are its administrator's to create"
elif port_open $PGPORT; then
	say "PostgreSQL already runs on 127.0.0.1:$PGPORT"
else
	if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
		say "installing PostgreSQL (apt-get)"
		apt_install postgresql
	fi
	say "starting PostgreSQL"
	as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start || true
	wait_port $PGPORT PostgreSQL
	[ "$PGPORT" = 5432 ] || say "note: Debian's cluster listens on its own port; LOKET_DATABASE_URL names $PGPORT"
fi
command -v psql >/dev/null || apt_install postgresql-client

# Run SQL as the database superuser: over TCP where trust auth allows it, else through
# the local socket as the postgres system user (peer auth, the Debian default).
psql_admin() {
	if psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
		psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAq "$@"
	else
		as_root su postgres -c "cd / && psql -p $PGPORT -d postgres -v ON_ERROR_STOP=1 -tAq $(printf '%q ' "$@")"
	fi
}
if [ "$PGHOST" = 127.0.0.1 ]; then
	# Names and the password are passed as psql variables, quoted by psql itself.
	if [ "$(psql_admin -v role="$PGROLE" <<<"select 1 from pg_roles where rolname = :'role'")" != 1 ]; then
		say "creating role $PGROLE"
		psql_admin -v role="$PGROLE" -v pass="$PGPASS" <<<"create role :\"role\" login password :'pass'"
	fi
	if [ "$(psql_admin -v db="$PGDB" <<<"select 1 from pg_database where datname = :'db'")" != 1 ]; then
		say "creating database $PGDB"
		psql_admin -v db="$PGDB" -v role="$PGROLE" <<<"create database :\"db\" owner :\"role\""
	fi
	say "database $PGDB ready"
fi

# Redis
if [ "$REDIS_HOST" != 127.0.0.1 ]; then
	command -v redis-cli >/dev/null || apt_install redis-tools
	# PONG, or NOAUTH from a Redis that wants a password: either way Redis answers.
	timeout 5 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>&1 | grep -qE 'PONG|NOAUTH' ||
		{ echo "Redis does not answer on $REDIS_HOST:$REDIS_PORT (LOKET_REDIS_URL)" >&2; exit 1; }
	say "Redis on $REDIS_HOST:$REDIS_PORT answers"
elif port_open $REDIS_PORT; then
	say "Redis already runs on 127.0.0.1:$REDIS_PORT"
else
	command -v redis-server >/dev/null || { say "installing Redis (apt-get)"; apt_install redis-server; }
	say "starting Redis"
	redis-server --daemonize yes --bind 127.0.0.1 --port $REDIS_PORT --save "" --appendonly no >/dev/null
	wait_port $REDIS_PORT Redis
fi
say "Redis ready"

# Chromium, for the test that drives the simulator's page (make test asks for it).
if [ "${1:-}" = chromium ]; then
	if command -v chromium >/dev/null; then
		say "Chromium ready"
	else
		say "installing Chromium (apt-get)"
		apt_install chromium
		say "Chromium ready"
	fi
fi
