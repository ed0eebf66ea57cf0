# PostgreSQL for tests/Baton.Storage.Postgres.Tests: the tests start their own temporary cluster with
# initdb + pg_ctl, so only the binaries are needed. Installs them only when missing.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "installing postgresql (initdb not found)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
fi
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
