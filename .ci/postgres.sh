# Starts a private PostgreSQL cluster on 127.0.0.1 for the integration tests and exports PROBITY_TEST_POSTGRES.
PG_PORT="${PG_PORT:-55432}"
PG_DIR="${PG_DIR:-/tmp/probity-pg}"

start_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  rm -rf "$PG_DIR"; mkdir -p "$PG_DIR"; chown postgres:postgres "$PG_DIR" 2>/dev/null || true
  local as=""
  if [ "$(id -u)" = "0" ]; then as="runuser -u postgres --"; fi
  $as "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync >/dev/null
  $as "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
      -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
  export PROBITY_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true;Include Error Detail=true"
  echo "PostgreSQL started on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  local as=""
  if [ "$(id -u)" = "0" ]; then as="runuser -u postgres --"; fi
  $as "$bin/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
}
