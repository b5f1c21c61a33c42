#!/usr/bin/env bash
# End-to-end check of the images: builds the pipeline and web images, trains a model into a database of
# its own on the machine's PostgreSQL with the pipeline container, serves it with the web container,
# checks /api/health and one recommendation, then removes what it made (containers, images, their
# build layers, the database). The base image stays cached: docker/base-image.sh builds it once when it
# is missing. Containers use --network host only, so no traffic goes to bridge addresses.
#   bash docker/test.sh          (exits 0 with a message when no Docker engine can run here)
# Environment: PGHOST/PGPORT/PGUSER (default 127.0.0.1, 5432, postgres), BASE_IMAGE (default: the
# Dockerfiles' own default).
set -euo pipefail
cd "$(dirname "$0")/.."

skip() {
  echo "docker/test.sh: SKIPPED: $*"
  exit 0
}
command -v docker >/dev/null 2>&1 || skip "no docker client on this machine."
docker info >/dev/null 2>&1 || skip "no Docker engine reachable (dockerd cannot run or is not running)."

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
run_id="$$"
database="anisong_docker_$run_id"
database_url="postgresql://$PGUSER@$PGHOST:$PGPORT/$database"
pipeline_image="anisong-pipeline-test:$run_id"
web_image="anisong-web-test:$run_id"
pipeline_container="anisong-pipeline-test-$run_id"
web_container="anisong-web-test-$run_id"
base_image="${BASE_IMAGE:-$(sed -n 's/^ARG BASE_IMAGE=//p' docker/Dockerfile.web | head -n 1)}"
work="$(mktemp -d /tmp/anisong-docker-test.XXXXXX)"

# The legacy builder keeps a multi-stage build's first stage as an untagged image; the ones that
# appear during this run are ours to remove.
started=$(date +%s)
phase_start=$started
dangling() { docker images --filter dangling=true -q --no-trunc | sort -u; }
dangling >"$work/dangling-before"

cleanup() {
  local status=$?
  set +e
  docker rm -f "$web_container" "$pipeline_container" >/dev/null 2>&1
  docker rmi "$web_image" "$pipeline_image" >/dev/null 2>&1
  # Removing one untagged image can leave its shared parent (the pnpm install layer) untagged and
  # childless in turn, so repeat until nothing of ours is left.
  for _ in 1 2 3 4; do
    dangling | comm -13 "$work/dangling-before" - >"$work/ours"
    [ -s "$work/ours" ] || break
    xargs -r docker rmi <"$work/ours" >/dev/null 2>&1
  done
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$work"
  echo "docker/test.sh: cleaned up in $(($(date +%s) - phase_start))s (base image $base_image kept)"
  exit $status
}
trap cleanup EXIT

phase() {
  local now
  now=$(date +%s)
  printf 'docker/test.sh: %-44s %4ss\n' "$1" "$((now - phase_start))"
  phase_start=$now
}
fail() {
  echo "docker/test.sh: FAILED: $*" >&2
  exit 1
}

# Debian's docker-compose 1.29 (or the compose plugin, when that is what is installed).
if command -v docker-compose >/dev/null 2>&1; then
  docker-compose -f docker/compose.yaml config -q || fail "docker-compose rejects docker/compose.yaml"
elif docker compose version >/dev/null 2>&1; then
  docker compose -f docker/compose.yaml config -q || fail "docker compose rejects docker/compose.yaml"
else
  echo "docker/test.sh: no compose tool installed; compose.yaml not checked"
fi
phase "compose config"

if ! docker image inspect "$base_image" >/dev/null 2>&1; then
  bash docker/base-image.sh "$base_image"
fi
phase "base image ($base_image)"

build() { # <dockerfile> <tag>
  docker build --network host --build-arg BASE_IMAGE="$base_image" -f "$1" -t "$2" . >"$work/build.log" 2>&1 \
    || { tail -n 40 "$work/build.log"; fail "docker build -f $1"; }
}
build docker/Dockerfile.pipeline "$pipeline_image"
phase "build pipeline image"
build docker/Dockerfile.web "$web_image"
phase "build web image"
docker image ls --format 'docker/test.sh: {{.Repository}}:{{.Tag}} {{.Size}}' | grep -F -e "$pipeline_image" -e "$web_image"

psql -q -d postgres -c "CREATE DATABASE $database" || fail "cannot create database $database on $PGHOST:$PGPORT"
docker run --name "$pipeline_container" --network host -e DATABASE_URL="$database_url" "$pipeline_image" \
  >"$work/pipeline.log" 2>&1 || { tail -n 40 "$work/pipeline.log"; fail "pipeline container"; }
docker rm "$pipeline_container" >/dev/null
phase "pipeline container (migrate + pipeline all)"

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
base_url="http://127.0.0.1:$port"
# Listening on 127.0.0.1 only: with the host's network the image's default 0.0.0.0 would open the port
# on every interface of this machine.
docker run -d --name "$web_container" --network host -e PORT="$port" -e DATABASE_URL="$database_url" \
  -e ANISONG_PROVIDERS=catalog "$web_image" node_modules/.bin/next start -H 127.0.0.1 >/dev/null
web_logs() { docker logs --tail 40 "$web_container" 2>&1; }
for _ in $(seq 120); do
  code=$(curl -s -m 10 -o "$work/health.json" -w '%{http_code}' "$base_url/api/health" || true)
  [ "$code" = 200 ] && break
  [ "$(docker inspect -f '{{.State.Running}}' "$web_container")" = true ] || { web_logs; fail "web container exited"; }
  sleep 1
done
[ "$code" = 200 ] || { web_logs; cat "$work/health.json" 2>/dev/null; fail "/api/health answered $code"; }
phase "web container up, /api/health 200"

code=$(curl -s -m 120 -o "$work/recommendation.json" -w '%{http_code}' -X POST "$base_url/api/recommendations" \
  -H 'content-type: application/json' -d '{"title":"Levitating","artist":"Dua Lipa"}')
[ "$code" = 201 ] || { web_logs; cat "$work/recommendation.json"; fail "POST /api/recommendations answered $code"; }
items=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(Array.isArray(r.items) ? r.items.length : -1);' "$work/recommendation.json")
[ "$items" = 10 ] || { cat "$work/recommendation.json"; fail "recommendation has $items items, expected 10"; }
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`docker/test.sh: "Levitating" → ${r.items.length} songs, first: ${r.items[0].title}`);' \
  "$work/recommendation.json"
phase "POST /api/recommendations 201, 10 items"

# The image carries the derived catalog cache (Dockerfile.web), and the server read it: a server that found no
# matching cache would have built the catalog from the CSV and written another file into the folder.
image_caches=$(docker run --rm --network host "$web_image" sh -c 'ls /app/.catalog-cache' || true)
[ "$(printf '%s\n' "$image_caches" | grep -c '\.bin$')" = 1 ] || fail "catalog cache in the image: '$image_caches', expected one .bin file"
caches=$(docker exec "$web_container" sh -c 'ls /app/.catalog-cache' || true)
[ "$caches" = "$image_caches" ] || { web_logs; fail "the server changed the image's catalog cache: '$image_caches' → '$caches'"; }
phase "catalog cache from the image read, not rebuilt"

# The image's build made the compressed copies, and its server sends them (apps/web README, "How a request is served").
code=$(curl -s -m 30 -o "$work/home.html" -w '%{http_code}' "$base_url/" || true)
[ "$code" = 200 ] || { web_logs; fail "GET / answered $code"; }
chunk=$(grep -o '/_next/static/chunks/[A-Za-z0-9_.-]*\.js' "$work/home.html" | head -n 1 || true)
[ -n "$chunk" ] || fail "the home page names no script under /_next/static/chunks"
encoding=$(curl -s -m 30 -o /dev/null -D - -H 'accept-encoding: gzip, deflate, br' "$base_url$chunk" |
  tr -d '\r' | awk -F': ' 'tolower($1) == "content-encoding" { print $2 }')
[ "$encoding" = br ] || { web_logs; fail "$chunk came with content-encoding '$encoding', expected the Brotli copy"; }
phase "$chunk served from its Brotli copy"

echo "docker/test.sh: passed in $(($(date +%s) - started))s"
