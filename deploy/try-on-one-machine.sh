#!/usr/bin/env bash
# The compose topology without Docker, on one machine: a fresh PostgreSQL database, the migration, two server
# replicas on two ports, nginx in front with a throw-away TLS certificate, and the sync acceptance story run
# through nginx. Needs nginx, openssl and a PostgreSQL you may create databases in (default: local, trust auth).
#   deploy/try-on-one-machine.sh [postgresql+psycopg://postgres@127.0.0.1:5432]
set -euo pipefail
cd "$(dirname "$0")/.."
SERVER="${1:-postgresql+psycopg://postgres@127.0.0.1:5432}"
DB="fieldcrm_try_$$"
WORK="$(mktemp -d)"
PORTS=(18765 18766)
PROXY=18443
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  uv run python -c "import psycopg; c=psycopg.connect('${SERVER/+psycopg/}/postgres', autocommit=True); c.execute('DROP DATABASE IF EXISTS $DB WITH (FORCE)')"
  rm -rf "$WORK"
}
trap cleanup EXIT

uv run python -c "import psycopg; c=psycopg.connect('${SERVER/+psycopg/}/postgres', autocommit=True); c.execute('CREATE DATABASE $DB')"
export FIELDCRM_DATABASE_URL="$SERVER/$DB"
uv run fieldcrm-server migrate
for port in "${PORTS[@]}"; do
  uv run fieldcrm-server serve --port "$port" --threads 1 --access-log "$WORK/access-$port.log" > "$WORK/serve-$port.out" 2>&1 &
  pids+=($!)
done

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
  -keyout "$WORK/privkey.pem" -out "$WORK/fullchain.pem" 2>/dev/null
sed -e "s|server server1:8765|server 127.0.0.1:${PORTS[0]}|; s|server server2:8765|server 127.0.0.1:${PORTS[1]}|" \
    -e "s|listen 443 ssl|listen $PROXY ssl|; s|listen 80;|listen 18080;|" -e "s|/etc/nginx/tls|$WORK|g" \
    deploy/nginx.conf > "$WORK/site.conf"
cat > "$WORK/nginx.conf" <<CONF
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events {}
http {
  access_log $WORK/nginx-access.log;
  client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK; uwsgi_temp_path $WORK; scgi_temp_path $WORK;
  include $WORK/site.conf;
}
CONF
nginx -c "$WORK/nginx.conf"
for port in "${PORTS[@]}"; do
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
done
echo "two replicas on ${PORTS[*]}, nginx with TLS on $PROXY; running the acceptance story through it"
SSL_CERT_FILE="$WORK/fullchain.pem" FIELDCRM_ACCEPTANCE_SERVERS="https://127.0.0.1:$PROXY" \
  FIELDCRM_ACCEPTANCE_DATABASE="$FIELDCRM_DATABASE_URL" \
  uv run pytest -q -p no:cacheprovider "tests/sync/test_acceptance.py::test_two_laptops_and_a_supervisor_on_given_servers"
for port in "${PORTS[@]}"; do
  echo "replica $port answered $(wc -l < "$WORK/access-$port.log") requests"
done
