# Shared setup for the bats suites: load it with `load helper`.
bats_load_library bats-support
bats_load_library bats-assert

TOP="$(cd "$BATS_TEST_DIRNAME/.." && pwd)"
BIN="$TOP/bin"
FIXTURES="$TOP/tests/fixtures"
SAMPLES="$TOP/pipelines/samples"
PATH="$BIN:$PATH"
export TOP BIN FIXTURES SAMPLES PATH

# rec DOC PARA SENT DATE TEXT [ENT DATES THEMES [EXTRA...]]: print one record.
rec() {
	local IFS=$'\t'
	printf '%s\n' "$*"
}

# tab-joined expected record, same as rec, for assert_output lines
exp() { rec "$@"; }

# chrome ARG...: headless Chromium, a fresh profile, nothing from the network.
chrome() {
	local profile
	command -v chromium >/dev/null || fail "chromium is not installed (tools/install-deps)"
	profile=$(mktemp -d "$BATS_TEST_TMPDIR/profile.XXXXXX")
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
	    --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --user-data-dir="$profile" "$@"
}
