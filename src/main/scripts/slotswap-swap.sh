#!/usr/bin/env bash
# slotswap pipeline step: request a slot swap, print each transition as it happens, and exit 0 only
# when the swap SUCCEEDED. Needs bash (4 or later), curl and the usual base tools (sed, mktemp, and
# sha256sum, shasum or openssl for the key); no jq, no Azure CLI.
#
#   SLOTSWAP_URL=https://slotswap.example.com SLOTSWAP_TOKEN=... \
#     slotswap-swap.sh --resource-group rg-dss-demo --site dss-helloworldapp-prod [options]
#
# Options (each also read from the environment variable in brackets):
#   --url URL                 the service [SLOTSWAP_URL]
#   --resource-group NAME     required [SLOTSWAP_RESOURCE_GROUP]
#   --site NAME               required [SLOTSWAP_SITE]
#   --source-slot NAME        default staging [SLOTSWAP_SOURCE_SLOT]
#   --target-slot NAME        default production [SLOTSWAP_TARGET_SLOT]
#   --subscription-id UUID    default: the service's [SLOTSWAP_SUBSCRIPTION_ID]
#   --mode SWAP|PREVIEW       default SWAP [SLOTSWAP_MODE]
#   --reason TEXT             shown in the audit [SLOTSWAP_REASON]
#   --warmup JSON             e.g. '{"path":"/health","consecutiveSuccesses":3}' [SLOTSWAP_WARMUP]
#   --verification JSON       e.g. '{"durationSeconds":120}' [SLOTSWAP_VERIFICATION]
#   --idempotency-key KEY     default: derived from the pipeline run [SLOTSWAP_IDEMPOTENCY_KEY]
#   --timeout-minutes N       give up waiting after N minutes (the swap goes on), default 60
#                             [SLOTSWAP_TIMEOUT_MINUTES]
# The bearer token is read from SLOTSWAP_TOKEN only (never from the command line, which other users
# of the machine can see).
#
# The Idempotency-Key defaults to one derived from the pipeline run (Azure Pipelines: the build id;
# GitHub Actions: the repository and run id; both stay the same when a run is retried) and the site,
# so a retried run joins the operation the first attempt started instead of swapping again.
#
# Exit codes: 0 SUCCEEDED; 1 the operation ended otherwise (FAILED, ROLLED_BACK, CANCELLED, ...);
# 2 bad usage; 3 the request was refused (the problem is printed); 4 gave up waiting (the operation
# is still running: follow it in slotswap, do not start another); 5 slotswap could not be reached.
set -uo pipefail

usage() {
	sed -n '2,32p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

url="${SLOTSWAP_URL:-}"
resource_group="${SLOTSWAP_RESOURCE_GROUP:-}"
site="${SLOTSWAP_SITE:-}"
source_slot="${SLOTSWAP_SOURCE_SLOT:-staging}"
target_slot="${SLOTSWAP_TARGET_SLOT:-production}"
subscription_id="${SLOTSWAP_SUBSCRIPTION_ID:-}"
mode="${SLOTSWAP_MODE:-SWAP}"
reason="${SLOTSWAP_REASON:-}"
warmup="${SLOTSWAP_WARMUP:-}"
verification="${SLOTSWAP_VERIFICATION:-}"
idempotency_key="${SLOTSWAP_IDEMPOTENCY_KEY:-}"
timeout_minutes="${SLOTSWAP_TIMEOUT_MINUTES:-60}"

while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || { [ "$1" = "--help" ] || [ "$1" = "-h" ]; } || { echo "slotswap: $1 needs a value" >&2; usage; }
	case "$1" in
		--url) url="$2" ;;
		--resource-group) resource_group="$2" ;;
		--site) site="$2" ;;
		--source-slot) source_slot="$2" ;;
		--target-slot) target_slot="$2" ;;
		--subscription-id) subscription_id="$2" ;;
		--mode) mode="$2" ;;
		--reason) reason="$2" ;;
		--warmup) warmup="$2" ;;
		--verification) verification="$2" ;;
		--idempotency-key) idempotency_key="$2" ;;
		--timeout-minutes) timeout_minutes="$2" ;;
		-h | --help) usage ;;
		*) echo "slotswap: unknown option $1" >&2; usage ;;
	esac
	shift 2
done

[ -n "$url" ] || { echo "slotswap: --url (or SLOTSWAP_URL) is required" >&2; usage; }
[ -n "$resource_group" ] || { echo "slotswap: --resource-group is required" >&2; usage; }
[ -n "$site" ] || { echo "slotswap: --site is required" >&2; usage; }
[ -n "${SLOTSWAP_TOKEN:-}" ] || { echo "slotswap: SLOTSWAP_TOKEN (a bearer token) is required" >&2; exit 2; }
[[ "$timeout_minutes" =~ ^[0-9]+$ ]] || { echo "slotswap: --timeout-minutes must be a number" >&2; exit 2; }
url="${url%/}"

# Tell the pipeline as well as the log: Azure Pipelines and GitHub Actions show these as annotations.
# The message is kept to one line (a proxy's HTML page must not become log commands).
report_error() {
	local message="${1//[$'\r\n\t']/ }"
	message="${message:0:1000}"
	if [ -n "${TF_BUILD:-}" ]; then
		message="${message//%/%AZP25}"
		echo "##vso[task.logissue type=error]${message//]/%5D}"
	elif [ "${GITHUB_ACTIONS:-}" = "true" ]; then
		echo "::error::${message//%/%25}"
	fi
	echo "slotswap: $message" >&2
}

# JSON string escaping for the values this script puts in the request
json_string() {
	local s="$1"
	s="${s//\\/\\\\}"
	s="${s//\"/\\\"}"
	s="${s//$'\n'/\\n}"
	s="${s//$'\r'/\\r}"
	s="${s//$'\t'/\\t}"
	# any other control character would make the JSON invalid: drop it
	s="${s//[$'\x01'-$'\x1f']/}"
	printf '"%s"' "$s"
}

# The first string value of "name" in a JSON text (slotswap's answers are compact JSON)
json_field() {
	local pattern="\"$2\":\"(([^\"\\\\]|\\\\.)*)\""
	if [[ "$1" =~ $pattern ]]; then
		printf '%s' "${BASH_REMATCH[1]}"
	fi
}

if [ -z "$idempotency_key" ]; then
	run=""
	if [ -n "${BUILD_BUILDID:-}" ]; then
		# the attempt (SYSTEM_JOBATTEMPT) is left out on purpose: a retried run must get the same key
		run="azure-pipelines:${SYSTEM_COLLECTIONURI:-}:${SYSTEM_TEAMPROJECT:-}:${BUILD_BUILDID}"
		run+=":${SYSTEM_STAGENAME:-}:${SYSTEM_JOBNAME:-}:${SYSTEM_STEPNAME:-}"
	elif [ -n "${GITHUB_RUN_ID:-}" ]; then
		# likewise GITHUB_RUN_ATTEMPT
		run="github:${GITHUB_REPOSITORY:-}:${GITHUB_RUN_ID}:${GITHUB_JOB:-}:${GITHUB_ACTION:-}"
	fi
	if [ -n "$run" ]; then
		material="$run:$subscription_id:$resource_group:$site:$source_slot:$target_slot:$mode"
		# a key is at most 128 characters: name the run, then a digest of what makes it unique
		digest=""
		if command -v sha256sum >/dev/null 2>&1; then
			digest="$(printf '%s' "$material" | sha256sum)"
		elif command -v shasum >/dev/null 2>&1; then
			digest="$(printf '%s' "$material" | shasum -a 256)"
		elif command -v openssl >/dev/null 2>&1; then
			digest="$(printf '%s' "$material" | openssl dgst -sha256 -r)"
		fi
		digest="${digest:0:40}"
		if ! [[ "$digest" =~ ^[0-9a-f]{40}$ ]]; then
			report_error "cannot derive an Idempotency-Key (no sha256sum, shasum or openssl); pass --idempotency-key"
			exit 2
		fi
		idempotency_key="pipeline-$digest"
	fi
fi

body="{\"resourceGroup\":$(json_string "$resource_group"),\"site\":$(json_string "$site")"
body+=",\"sourceSlot\":$(json_string "$source_slot"),\"targetSlot\":$(json_string "$target_slot")"
body+=",\"mode\":$(json_string "$mode")"
[ -n "$subscription_id" ] && body+=",\"subscriptionId\":$(json_string "$subscription_id")"
[ -n "$reason" ] && body+=",\"reason\":$(json_string "$reason")"
[ -n "$warmup" ] && body+=",\"warmup\":$warmup"
[ -n "$verification" ] && body+=",\"verification\":$verification"
body+="}"

umask 077
answer_file="$(mktemp)"
# the token goes to curl in a file of our own, never as an argument (which `ps` shows to everyone)
auth_file="$(mktemp)"
printf 'Authorization: Bearer %s\n' "${SLOTSWAP_TOKEN//[$'\r\n']/}" >"$auth_file"

# call METHOD PATH [BODY]: sets $status (000 when slotswap could not be reached), $answer, $retry_after,
# $replayed
headers_file="$(mktemp)"
trap 'rm -f "$answer_file" "$auth_file" "$headers_file"' EXIT
call() {
	local headers="$headers_file"
	: >"$answer_file"
	: >"$headers"
	local args=(-sS -o "$answer_file" -D "$headers" -w '%{http_code}' --connect-timeout 10 --max-time 90
		-H "@$auth_file" -H "Accept: application/json" -X "$1")
	if [ $# -ge 3 ]; then
		args+=(-H "Content-Type: application/json" --data-binary "$3")
		[ -n "$idempotency_key" ] && args+=(-H "Idempotency-Key: $idempotency_key")
	fi
	status="$(curl "${args[@]}" "$url$2" 2>/dev/null)" || status="000"
	answer="$(cat "$answer_file" 2>/dev/null)"
	retry_after="$(sed -n 's/^[Rr]etry-[Aa]fter: *\([0-9]*\).*/\1/p' "$headers" | head -1)"
	replayed="$(sed -n 's/^[Ii]dempotent-[Rr]eplayed: *\([a-z]*\).*/\1/p' "$headers" | head -1)"
}

deadline=$(($(date +%s) + timeout_minutes * 60))
pause() {
	local seconds="${1:-5}"
	[ -n "$seconds" ] || seconds=5
	[ "$seconds" -gt 60 ] && seconds=60
	sleep "$seconds"
}

# 1. Request the swap. The key makes this safe to send again after a lost answer.
echo "Swap Slots: $site ($source_slot -> $target_slot) on $url"
while :; do
	call POST /api/v1/swaps "$body"
	case "$status" in
		202) break ;;
		000 | 5[0-9][0-9])
			if [ -z "$idempotency_key" ] && [ "$status" != "503" ]; then
				report_error "no answer from slotswap ($status) and no Idempotency-Key to ask again safely; look for the operation in slotswap before running again"
				exit 5
			fi
			[ "$(date +%s)" -lt "$deadline" ] || { report_error "slotswap could not be reached ($status)"; exit 5; }
			echo "slotswap is not answering ($status); asking again"
			pause "$retry_after"
			;;
		429)
			[ "$(date +%s)" -lt "$deadline" ] || { report_error "slotswap kept asking to slow down (429)"; exit 5; }
			echo "slotswap asks to slow down; asking again in ${retry_after:-10} s"
			pause "${retry_after:-10}"
			;;
		*)
			detail="$(json_field "$answer" detail)"
			title="$(json_field "$answer" title)"
			active="$(json_field "$answer" activeSwapId)"
			report_error "the swap was refused ($status ${title:-}): ${detail:-$answer}${active:+ (active operation: $active)}"
			exit 3
			;;
	esac
done

id="$(json_field "$answer" id)"
if [ -z "$id" ]; then
	report_error "slotswap accepted the swap but its answer named no operation: $answer"
	exit 5
fi
if [ "$replayed" = "true" ]; then
	echo "Joined operation $id, which an earlier attempt of this run started (same Idempotency-Key)"
else
	echo "Operation $id requested (follow it at $url/api/v1/swaps/$id)"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
	echo "operation-id=$id" >>"$GITHUB_OUTPUT"
fi
if [ -n "${TF_BUILD:-}" ]; then
	echo "##vso[task.setvariable variable=slotswapOperationId;isOutput=true]$id"
fi

# Prints the transitions of the operation not printed yet (the history is a JSON array of flat
# objects, oldest first; one per line after the split).
printed=0
print_new_transitions() {
	call GET "/api/v1/swaps/$id/events?type=TRANSITION"
	[ "$status" = "200" ] || return 0
	local events n=0 event from message
	events="${answer#\[}"
	events="${events%\]}"
	events="${events//'},{"at":'/$'}\n{"at":'}"
	while IFS= read -r event; do
		[ -n "$event" ] || continue
		n=$((n + 1))
		[ "$n" -gt "$printed" ] || continue
		from="$(json_field "$event" fromState)"
		message="$(json_field "$event" message)"
		echo "$(json_field "$event" at)  ${from:+$from -> }$(json_field "$event" toState)  ($(json_field "$event" actor))${message:+  $message}"
		printed=$n
	done <<<"$events"
}

# 2. Follow it: print each transition once, long-polling the operation between looks at the history.
state=""
while :; do
	print_new_transitions
	asked=$(date +%s)
	call GET "/api/v1/swaps/$id?waitSeconds=30"
	case "$status" in
		200)
			state="$(json_field "$answer" state)"
			[[ "$answer" == *'"terminal":true'* ]] && break
			# something on the way (an older replica, a proxy) answered without waiting: do not spin
			[ $(($(date +%s) - asked)) -ge 2 ] || pause 5
			;;
		000 | 429 | 5[0-9][0-9]) pause "${retry_after:-5}" ;;
		*)
			report_error "could not read operation $id ($status): $(json_field "$answer" detail)"
			exit 5
			;;
	esac
	if [ "$(date +%s)" -ge "$deadline" ]; then
		report_error "gave up waiting after $timeout_minutes min; operation $id is still $state and goes on in slotswap"
		exit 4
	fi
done
operation="$answer"
print_new_transitions

if [ "$state" = "SUCCEEDED" ]; then
	echo "SUCCEEDED: $site $target_slot now runs what $source_slot ran"
	exit 0
fi
code="$(json_field "$operation" code)"
message="$(json_field "$operation" message)"
report_error "operation $id ended $state${code:+ with $code}${message:+: $message}"
exit 1
