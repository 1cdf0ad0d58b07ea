#!/usr/bin/env bash
# Builds localhost/slotswap:dev with buildah on a Debian machine that reaches Debian's package
# mirrors and Maven Central but no container registry:
#   1. installs buildah, podman and debootstrap with apt when they are missing;
#   2. makes the base images from Debian packages (debootstrap --variant=minbase, then
#      openjdk-17-jdk-headless / openjdk-17-jre-headless), each only if it is not there yet;
#   3. builds docker/Dockerfile from the repository root with those bases;
#   4. where podman can run containers, starts the image (the emulator profile, which needs no
#      database and no credentials), waits for /actuator/health/liveness to be UP, runs the
#      image's HEALTHCHECK once, and removes the container.
#
# Run it as root from anywhere: docker/build-local.sh
#
# Environment (all optional):
#   IMAGE=localhost/slotswap:dev                  the image to build
#   BUILD_BASE=localhost/slotswap-build-base:17   JDK base of the build stage
#   JRE_BASE=localhost/slotswap-jre-base:17       JRE base of the runtime stage
#   REBUILD_BASES=1                               make the base images again (newer Debian updates)
#   DEBIAN_SUITE=bookworm  DEBIAN_MIRROR=<url>    what debootstrap installs, from where (default:
#                                                 the first Debian URI in this host's apt sources)
#   STORAGE_DRIVER=vfs                            for a kernel without overlayfs (auto-detected)
#   BUILDAH_ISOLATION=chroot                      buildah's RUN isolation (default here: chroot)
#   SKIP_RUN=1                                    build only, do not start the image
#   CHECK_PORT=18480                              host port of the check run
#   LOCAL_CA_DIR=/usr/local/share/ca-certificates the *.crt there (CAs this host added itself, e.g.
#                                                 a TLS-inspecting proxy's) are trusted in the
#                                                 build base, so that Maven reaches Maven Central
#                                                 as it does from this host; never in the JRE base
set -euo pipefail

log() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'build-local.sh: %s\n' "$*" >&2; exit 1; }

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGE=${IMAGE:-localhost/slotswap:dev}
DEBIAN_SUITE=${DEBIAN_SUITE:-bookworm}
DEBIAN_BASE=localhost/slotswap-debian-base:${DEBIAN_SUITE}
BUILD_BASE=${BUILD_BASE:-localhost/slotswap-build-base:17}
JRE_BASE=${JRE_BASE:-localhost/slotswap-jre-base:17}
REBUILD_BASES=${REBUILD_BASES:-0}
SKIP_RUN=${SKIP_RUN:-0}
CHECK_PORT=${CHECK_PORT:-18480}
CHECK_CONTAINER=slotswap-build-local-check
LOCAL_CA_DIR=${LOCAL_CA_DIR:-/usr/local/share/ca-certificates}
# chroot isolation needs neither cgroups nor a runtime: it works in most sandboxes and VMs
export BUILDAH_ISOLATION=${BUILDAH_ISOLATION:-chroot}

[ "$(id -u)" -eq 0 ] || die "run as root (buildah, debootstrap and the base images need it)"
if [ ! -f "$REPO_ROOT/docker/Dockerfile" ] || [ ! -f "$REPO_ROOT/pom.xml" ]; then
	die "no docker/Dockerfile or pom.xml under $REPO_ROOT"
fi

# --- 1. tools ---------------------------------------------------------------------------------
missing=()
for tool in buildah podman debootstrap curl runc; do
	command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
	log "installing ${missing[*]} (apt)"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		buildah podman debootstrap curl runc fuse-overlayfs slirp4netns uidmap ca-certificates >/dev/null
fi

# overlayfs in the kernel: the default storage driver works; without it, vfs (slower, larger)
STORAGE=()
if [ -n "${STORAGE_DRIVER:-}" ]; then
	STORAGE=(--storage-driver "$STORAGE_DRIVER")
elif ! grep -qw overlay /proc/filesystems && ! modprobe overlay 2>/dev/null; then
	STORAGE=(--storage-driver vfs)
fi
bah() { buildah "${STORAGE[@]}" "$@"; }

# podman's runtime: crun refuses a cgroup v1/v2 hybrid whose v2 half has controllers ("cgroups in
# hybrid mode not supported, drop all controllers from cgroupv2"); runc accepts it.
PODMAN_OPTS=("${STORAGE[@]}")
if [ -n "${PODMAN_RUNTIME:-}" ]; then
	PODMAN_OPTS+=(--runtime "$PODMAN_RUNTIME")
elif [ "$(stat -fc %T /sys/fs/cgroup)" != cgroup2fs ] \
	&& [ -n "$(cat /sys/fs/cgroup/unified/cgroup.controllers 2>/dev/null)" ]; then
	PODMAN_OPTS+=(--runtime runc)
fi
pod() { podman "${PODMAN_OPTS[@]}" "$@"; }
# podman's default limits (nofile 1048576, nproc from its own view) can exceed what this process
# may grant; ask for what the shell has, nproc capped
RUN_LIMITS=(--ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit "nproc=4096:4096")

image_exists() { bah inspect --type image "$1" >/dev/null 2>&1; }

# working containers of this script, removed on any exit
CONTAINERS=()
cleanup() {
	local c
	for c in "${CONTAINERS[@]}"; do
		[ -n "$c" ] || continue
		bah umount "$c" >/dev/null 2>&1 || true
		bah rm "$c" >/dev/null 2>&1 || true
	done
	if [ "$SKIP_RUN" != 1 ]; then
		pod rm -f "$CHECK_CONTAINER" >/dev/null 2>&1 || true
	fi
}
trap cleanup EXIT

# --- 2. base images ---------------------------------------------------------------------------
# The Debian mirror: DEBIAN_MIRROR, else the first Debian URI in this host's apt sources
# (deb822 or one-line format), else debootstrap's own default.
host_mirror() {
	local uri
	uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v -- '-security' | grep '/debian/\?$' | head -n1 || true)
	if [ -z "$uri" ]; then
		uri=$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}' | grep '/debian/\?$' | head -n1 || true)
	fi
	printf '%s' "${uri%/}"
}
host_security_mirror() {
	local uri
	uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -- '-security/\?$' | head -n1 || true)
	if [ -z "$uri" ]; then
		uri=$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '{print $2}' | grep -- '-security/\?$' | head -n1 || true)
	fi
	printf '%s' "${uri%/}"
}

make_debian_base() {
	local mirror security ctr mnt
	mirror=${DEBIAN_MIRROR:-$(host_mirror)}
	security=${DEBIAN_SECURITY_MIRROR:-$(host_security_mirror)}
	log "debootstrap --variant=minbase $DEBIAN_SUITE ${mirror:-(the default mirror of debootstrap)} -> $DEBIAN_BASE"
	ctr=$(bah from scratch)
	CONTAINERS+=("$ctr")
	mnt=$(bah mount "$ctr")
	# shellcheck disable=SC2086
	debootstrap --variant=minbase --components=main "$DEBIAN_SUITE" "$mnt" ${mirror:+"$mirror"} >/tmp/slotswap-debootstrap.log 2>&1 \
		|| { tail -n 30 /tmp/slotswap-debootstrap.log >&2; die "debootstrap failed (log: /tmp/slotswap-debootstrap.log)"; }
	if [ -z "$mirror" ]; then
		mirror=$(awk '/^deb / { print $2; exit }' "$mnt/etc/apt/sources.list")
	fi
	{
		echo "deb $mirror $DEBIAN_SUITE main"
		echo "deb $mirror $DEBIAN_SUITE-updates main"
		if [ -n "$security" ]; then echo "deb $security $DEBIAN_SUITE-security main"; fi
	} >"$mnt/etc/apt/sources.list"
	# the usual container-image apt settings: no recommends, no caches left in layers
	cat >"$mnt/etc/apt/apt.conf.d/90slotswap-container" <<-'EOF'
		APT::Install-Recommends "false";
		APT::Install-Suggests "false";
		DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };
		Acquire::Languages "none";
	EOF
	rm -rf "$mnt"/var/cache/apt/archives/*.deb "$mnt"/var/lib/apt/lists/* "$mnt"/tmp/* "$mnt"/var/log/*.log
	bah umount "$ctr" >/dev/null
	bah config --env LANG=C.UTF-8 --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		--cmd /bin/bash --label "org.opencontainers.image.description=Debian $DEBIAN_SUITE minbase (debootstrap)" "$ctr"
	bah commit -q --rm "$ctr" "$DEBIAN_BASE" >/dev/null
	CONTAINERS=("${CONTAINERS[@]/$ctr}")
}

# $1 image, $2 package, $3 description, $4 1 = add this host's local CA certificates
make_java_base() {
	local image=$1 package=$2 with_local_cas=$4 ctr arch crt
	log "$image: $DEBIAN_BASE + $package"
	ctr=$(bah from "$DEBIAN_BASE")
	CONTAINERS+=("$ctr")
	if [ "$with_local_cas" = 1 ] && [ -d "$LOCAL_CA_DIR" ]; then
		# e.g. the CA of a TLS-inspecting proxy between this host and Maven Central; the
		# ca-certificates(-java) triggers put it into /etc/ssl/certs and Java's cacerts
		bah run "$ctr" -- mkdir -p /usr/local/share/ca-certificates
		for crt in "$LOCAL_CA_DIR"/*.crt; do
			[ -f "$crt" ] || continue
			log "  trusting $crt (build base only)"
			bah copy "$ctr" "$crt" /usr/local/share/ca-certificates/ >/dev/null
		done
	fi
	bah run --network host "$ctr" -- bash -c "set -e
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq
		apt-get upgrade -y -qq >/dev/null
		apt-get install -y -qq $package ca-certificates >/dev/null
		rm -rf /var/lib/apt/lists/* /var/log/apt /var/log/dpkg.log /tmp/*"
	arch=$(bah run "$ctr" -- dpkg --print-architecture)
	bah config --env "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$arch" --label "org.opencontainers.image.description=$3" "$ctr"
	bah commit -q --rm "$ctr" "$image" >/dev/null
	CONTAINERS=("${CONTAINERS[@]/$ctr}")
}

if [ "$REBUILD_BASES" = 1 ] || ! image_exists "$DEBIAN_BASE"; then
	make_debian_base
else
	log "$DEBIAN_BASE exists (REBUILD_BASES=1 makes it again)"
fi
if [ "$REBUILD_BASES" = 1 ] || ! image_exists "$BUILD_BASE"; then
	make_java_base "$BUILD_BASE" openjdk-17-jdk-headless "OpenJDK 17 JDK (Debian $DEBIAN_SUITE)" 1
else
	log "$BUILD_BASE exists"
fi
if [ "$REBUILD_BASES" = 1 ] || ! image_exists "$JRE_BASE"; then
	make_java_base "$JRE_BASE" openjdk-17-jre-headless "OpenJDK 17 JRE (Debian $DEBIAN_SUITE)" 0
else
	log "$JRE_BASE exists"
fi

# --- 3. the image -----------------------------------------------------------------------------
# --format docker: the OCI image format has no HEALTHCHECK, buildah would drop it.
# --network host: the build stage downloads Maven and the dependencies from Maven Central.
# --layers: the dependency:go-offline layer is reused while pom.xml and the wrapper are unchanged.
# docker/Dockerfile.dockerignore keeps target/, .git/ etc. out of the context (passed explicitly;
# buildah also finds it by itself next to the Dockerfile).
log "buildah bud -f docker/Dockerfile -t $IMAGE $REPO_ROOT"
bah bud --format docker --layers --network host \
	--ignorefile "$REPO_ROOT/docker/Dockerfile.dockerignore" \
	--build-arg "BUILD_IMAGE=$BUILD_BASE" --build-arg "BASE_IMAGE=$JRE_BASE" \
	-f "$REPO_ROOT/docker/Dockerfile" -t "$IMAGE" "$REPO_ROOT"
bah images --filter "reference=$IMAGE" >&2

# --- 4. run it once ---------------------------------------------------------------------------
if [ "$SKIP_RUN" = 1 ]; then
	log "SKIP_RUN=1: not started"
	exit 0
fi
log "podman ${PODMAN_OPTS[*]:+${PODMAN_OPTS[*]} }run $IMAGE (emulator profile) on 127.0.0.1:$CHECK_PORT"
pod rm -f "$CHECK_CONTAINER" >/dev/null 2>&1 || true
# without systemd podman cannot schedule the HEALTHCHECK timer and says so on stderr (harmless:
# the check is run by hand below); other messages are shown
run_err=$(mktemp)
if ! pod run -d --name "$CHECK_CONTAINER" "${RUN_LIMITS[@]}" -p "127.0.0.1:$CHECK_PORT:8080" \
	-e SPRING_PROFILES_ACTIVE=emulator "$IMAGE" >/dev/null 2>"$run_err"; then
	cat "$run_err" >&2
	rm -f "$run_err"
	log "podman run failed: the image is built, but it cannot be started here (see the error above)"
	exit 2
fi
grep -v 'systemd' "$run_err" >&2 || true
rm -f "$run_err"
url="http://127.0.0.1:$CHECK_PORT/actuator/health/liveness"
for _ in $(seq 1 90); do
	if body=$(curl -fsS --max-time 2 "$url" 2>/dev/null) && [[ $body == *'"status":"UP"'* ]]; then
		break
	fi
	if [ "$(pod inspect -f '{{.State.Running}}' "$CHECK_CONTAINER" 2>/dev/null)" != true ]; then
		pod logs "$CHECK_CONTAINER" 2>&1 | tail -n 40 >&2
		die "the container stopped before it was UP"
	fi
	body=
	sleep 1
done
[ -n "${body:-}" ] || { pod logs "$CHECK_CONTAINER" 2>&1 | tail -n 40 >&2; die "$url not UP within 90 s"; }
printf '%s -> %s\n' "$url" "$body" >&2
printf 'user in the container: %s\n' "$(pod exec "$CHECK_CONTAINER" id)" >&2
if pod healthcheck run "$CHECK_CONTAINER" >/dev/null 2>&1; then
	printf 'HEALTHCHECK: healthy\n' >&2
else
	die "the image's HEALTHCHECK failed while the liveness endpoint was UP"
fi
printf 'first log line: %s\n' "$(pod logs "$CHECK_CONTAINER" 2>&1 | grep -m1 '^{')" >&2
pod stop -t 20 "$CHECK_CONTAINER" >/dev/null 2>&1
pod rm "$CHECK_CONTAINER" >/dev/null 2>&1
log "done: $IMAGE"
