#!/usr/bin/env bash
# Builds the images' base locally when the public registry is out of reach: Debian trixie (minbase) with
# Debian's own nodejs (20.19) and npm, debootstrapped from the host's Debian mirror.
#   bash docker/base-image.sh [tag]        (default: the Dockerfiles' BASE_IMAGE default, node:20-trixie-slim)
# Needs root, debootstrap and a running Docker engine. Traffic goes to the Debian mirror only.
set -euo pipefail
cd "$(dirname "$0")/.."

tag="${1:-$(sed -n 's/^ARG BASE_IMAGE=//p' docker/Dockerfile.web | head -n 1)}"
suite=trixie

# The first Debian (not security) mirror in the host's apt sources; DEBIAN_MIRROR overrides it.
host_mirror() {
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -v '^\s*#' \
    | grep -oE '(https?)://[^ ]+/debian/?( |$)' \
    | tr -d " " | head -n 1 || true
}
mirror="${DEBIAN_MIRROR:-$(host_mirror)}"
mirror="${mirror:-http://deb.debian.org/debian}"

rootfs="$(mktemp -d /tmp/anisong-rootfs.XXXXXX)"
minbase="anisong-trixie-minbase:$$"
trap 'rm -rf "$rootfs" "$rootfs.log"; docker rmi "$minbase" >/dev/null 2>&1 || true' EXIT
# Downloaded .debs stay here, so a rebuild does not fetch the whole system again.
cache=/var/cache/anisong-debootstrap
mkdir -p "$cache"

echo "base-image: debootstrap $suite (minbase) from $mirror → $tag"
debootstrap --variant=minbase --cache-dir="$cache" \
  --keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
  "$suite" "$rootfs" "$mirror" >"$rootfs.log" 2>&1 || { tail -n 30 "$rootfs.log"; exit 1; }
# The host's own extra CAs (e.g. a TLS-inspecting egress proxy in front of the npm registry) are trusted
# in the image too; update-ca-certificates adds them when ca-certificates is installed below.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  mkdir -p "$rootfs/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
fi
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
tar -C "$rootfs" --numeric-owner -c . | docker import - "$minbase" >/dev/null

# nodejs and npm through apt inside the image: debootstrap's --include fails to configure npm's
# few hundred node-* dependencies. This adds one layer and leaves no package lists behind.
sources="Types: deb\nURIs: $mirror\nSuites: $suite $suite-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n"
docker build --network host -t "$tag" --label org.anisong.base=debootstrap-trixie-minbase - <<DOCKERFILE
FROM $minbase
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# Node reads its bundled CA list, not the system's; npm and pnpm need the system one (see above).
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
RUN rm -f /etc/apt/sources.list && printf '$sources' >/etc/apt/sources.list.d/debian.sources \\
 && apt-get update -qq \\
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm ca-certificates >/dev/null \\
 && apt-get clean && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/*
CMD ["node"]
DOCKERFILE
docker run --rm --network host "$tag" node --version
