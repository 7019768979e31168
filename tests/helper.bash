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
