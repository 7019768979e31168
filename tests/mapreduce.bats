#!/usr/bin/env bats
# pipelines/map-by-day and pipelines/reduce-by-day: the chain as a mapper
# and digest per day as a reducer, as Hadoop Streaming or Spark run them.
# The engine is played here: mappers on pieces of the input cut between
# documents, a random shuffle of their lines, sort -s -k1,1 on the key
# (what the engine guarantees: lines of one key together, in no given
# order), then the reducer; its output must be exactly digest's per day.

load helper
bats_require_minimum_version 1.5.0

MAP="$TOP/pipelines/map-by-day"
REDUCE="$TOP/pipelines/reduce-by-day"

setup_file() {
	# 6 copies of the samples' records with doc ids DOC#c, so that a day
	# has many documents, ties among their sentences and an undated one
	local d=$BATS_FILE_TMPDIR
	ingest "$SAMPLES" >"$d/samples.rec"
	awk -F '\t' -v OFS='\t' '{ r[NR] = $0 }
	END {
		for (c = 1; c <= 6; c++) for (i = 1; i <= NR; i++) {
			$0 = r[i]; $1 = $1 "#" c; print
		}
	}' "$d/samples.rec" >"$d/in.rec"
	"$TOP/pipelines/annotate" <"$d/in.rec" >"$d/annotated.tsv"
	"$MAP" <"$d/in.rec" >"$d/mapped.tsv"
}

# shuffle_sort SEED <lines: the lines shuffled, then sorted on the key
# only: stable, so that within a key they stay shuffled, as an engine
# gives them (sort without -s would order them on the whole line)
shuffle_sort() {
	shuf --random-source=<(yes "$1") | LC_ALL=C sort -s -t $'\t' -k1,1
}

# days: the keys of the annotated records, sorted (the empty one first)
days() {
	cut -f4 "$BATS_FILE_TMPDIR/annotated.tsv" | LC_ALL=C sort -u
}

# expected SECTION [ORDER]: digest per day on the day's annotated records,
# in their order or (ORDER=doc) stably sorted by doc, rows keyed by day
expected() {
	local day
	days | while IFS= read -r day; do
		awk -F '\t' -v d="$day" '$4 == d' "$BATS_FILE_TMPDIR/annotated.tsv" |
			if [ "${2:-}" = doc ]; then LC_ALL=C sort -s -t $'\t' -k1,1; else cat; fi |
			digest --format tsv --section "$1" ${day:+--date "$day"} |
			awk -v d="$day" 'NR > 1 { print d "\t" $0 }'
	done
}

@test "map-by-day: the annotate chain's records, each keyed by its date" {
	local d=$BATS_FILE_TMPDIR
	cut -f2- "$d/mapped.tsv" | cmp - "$d/annotated.tsv"
	run awk -F '\t' '$1 != $5 || NF != 9' "$d/mapped.tsv"
	assert_output ''
	# three days and the undated documents
	run days
	assert_output $'\n2024-11-18\n2024-11-19\n2024-11-20'
}

@test "map, shuffle, sort -k1,1, reduce: exactly digest's themes per day" {
	local d=$BATS_FILE_TMPDIR seed
	expected themes >"$d/themes.exp"
	[ "$(cut -f1 "$d/themes.exp" | uniq | wc -l)" -eq 4 ]
	for seed in 1 2 3; do
		shuffle_sort "$seed" <"$d/mapped.tsv" | "$REDUCE" >"$BATS_TEST_TMPDIR/out"
		cmp "$d/themes.exp" "$BATS_TEST_TMPDIR/out" || fail "seed $seed"
	done
	# the default section is themes; --header adds one line
	shuffle_sort 4 <"$d/mapped.tsv" | "$REDUCE" --header --section themes >"$BATS_TEST_TMPDIR/out"
	assert_equal "$(head -n 1 "$BATS_TEST_TMPDIR/out")" \
		"$(printf 'day\trank\ttheme\tarticles\tsentences\tweight\tmean7\tmean30\ttrend7\ttrend30')"
	tail -n +2 "$BATS_TEST_TMPDIR/out" | cmp "$d/themes.exp" -
}

@test "the control: a day's records shuffled and not put back in order give another digest" {
	# The test above could not fail if digest did not care about order.
	local d=$BATS_FILE_TMPDIR day=2024-11-19
	awk -F '\t' -v d=$day '$4 == d' "$d/annotated.tsv" |
		digest -f tsv -s themes -d $day >"$BATS_TEST_TMPDIR/ordered"
	awk -F '\t' -v d=$day '$4 == d' "$d/annotated.tsv" | shuf --random-source=<(yes 1) |
		digest -f tsv -s themes -d $day >"$BATS_TEST_TMPDIR/shuffled"
	run cmp -s "$BATS_TEST_TMPDIR/ordered" "$BATS_TEST_TMPDIR/shuffled"
	assert_failure
}

@test "reduce-by-day: summary, sources and entities are digest's per day too" {
	local d=$BATS_FILE_TMPDIR s
	for s in summary sources entities; do
		expected "$s" >"$BATS_TEST_TMPDIR/exp"
		[ -s "$BATS_TEST_TMPDIR/exp" ]
		shuffle_sort 5 <"$d/mapped.tsv" | "$REDUCE" -s "$s" >"$BATS_TEST_TMPDIR/out"
		cmp "$BATS_TEST_TMPDIR/exp" "$BATS_TEST_TMPDIR/out" || fail "section $s"
	done
	# the undated documents: no --date, so no first and last day
	local undated
	undated=$(awk -F '\t' '$4 == ""' "$d/annotated.tsv" | cut -f1 | uniq | wc -l)
	[ "$undated" -ge 6 ]
	run grep -c "^"$'\t\t\t'"$undated"$'\t' <(shuffle_sort 6 <"$d/mapped.tsv" | "$REDUCE" -s summary)
	assert_output 1
}

@test "reduce-by-day: sentences, timeline and articles follow the doc ids' order" {
	local d=$BATS_FILE_TMPDIR s
	for s in sentences timeline articles; do
		expected "$s" doc >"$BATS_TEST_TMPDIR/exp"
		[ -s "$BATS_TEST_TMPDIR/exp" ]
		shuffle_sort 7 <"$d/mapped.tsv" | "$REDUCE" --section="$s" >"$BATS_TEST_TMPDIR/out"
		cmp "$BATS_TEST_TMPDIR/exp" "$BATS_TEST_TMPDIR/out" || fail "section $s"
	done
}

@test "three mappers on pieces cut between documents: the same as one" {
	local d=$BATS_FILE_TMPDIR t=$BATS_TEST_TMPDIR
	# cut before the first record of documents 20 and 45
	awk -F '\t' -v t="$t" '$1 != prev { n++; prev = $1 }
	{ print > (t "/piece" (n < 20 ? 1 : n < 45 ? 2 : 3)) }' "$d/in.rec"
	[ -s "$t/piece3" ]
	"$MAP" <"$t/piece1" >"$t/m1"
	"$MAP" <"$t/piece2" >"$t/m2"
	"$MAP" <"$t/piece3" >"$t/m3"
	cat "$t/m1" "$t/m2" "$t/m3" | cmp - "$d/mapped.tsv"
	cat "$t/m3" "$t/m1" "$t/m2" | shuffle_sort 8 | "$REDUCE" -s entities >"$t/out"
	expected entities | cmp - "$t/out"
	# two reducers, each with some of the days, concatenated
	LC_ALL=C sort -t $'\t' -k1,1 "$d/mapped.tsv" >"$t/sorted"
	grep -v $'^2024-11-2' "$t/sorted" | "$REDUCE" >"$t/r1"
	grep $'^2024-11-2' "$t/sorted" | "$REDUCE" >"$t/r2"
	cat "$t/r1" "$t/r2" | cmp - <(expected themes)
}

@test "map-by-day passes annotate's options and operands on" {
	local d=$BATS_FILE_TMPDIR
	command -v parallel >/dev/null || skip "GNU parallel is not installed"
	"$MAP" -j 2 --block 20k <"$d/in.rec" | cmp - "$d/mapped.tsv"
	# article files: ingest runs first
	"$MAP" "$SAMPLES" >"$BATS_TEST_TMPDIR/out"
	"$TOP/pipelines/annotate" "$SAMPLES" | cmp - <(cut -f2- "$BATS_TEST_TMPDIR/out")
}

@test "map-by-day: a stage that fails stops it with the stage's message and status" {
	run --separate-stderr "$MAP" <<<$'doc\t1\tx\t\ttext'
	assert_equal "$status" 65
	assert_output ''
	assert_equal "$stderr" $'normalize: (stdin):1: sent \'x\' is not a number\nannotate: normalize failed with exit status 65'
}

@test "reduce-by-day: input not sorted, a key that is no day, a line without key: 65" {
	local d=$BATS_FILE_TMPDIR
	run --separate-stderr "$REDUCE" "$d/mapped.tsv"
	assert_equal "$status" 65
	assert_equal "$stderr" "reduce-by-day: $d/mapped.tsv:$(awk -F '\t' '
		NR > 1 && $1 != p && ($1 in seen) { print NR; exit } { seen[p = $1] }' "$d/mapped.tsv"): key '2024-11-18' again after another key: the input is not sorted by key"
	run --separate-stderr "$REDUCE" <<<$'Monday\tdoc\t1\t1\t\ttext'
	assert_equal "$status" 65
	assert_equal "$stderr" "reduce-by-day: (stdin):1: key 'Monday' is not a YYYY-MM-DD day"
	run --separate-stderr "$REDUCE" <<<'2024-11-18'
	assert_equal "$status" 65
	assert_equal "$stderr" "reduce-by-day: (stdin):1: no key: a line is KEY<TAB>RECORD"
}

@test "reduce-by-day: a bad record is digest's error, 65" {
	run --separate-stderr "$REDUCE" <<<$'2024-11-18\tdoc\tx\t1\t2024-11-18\ttext'
	assert_equal "$status" 65
	assert_output ''
	assert_equal "$stderr" $'digest: (stdin):1: para \'x\' is not a number\nreduce-by-day: digest failed with exit status 65'
}

@test "reduce-by-day: no input, no output; a usage error is 2" {
	run "$REDUCE" </dev/null
	assert_success
	assert_output ''
	run --separate-stderr "$REDUCE" -s trends </dev/null
	assert_equal "$status" 2
	assert_equal "$stderr" $'reduce-by-day: --section trends needs a history, which a reducer has not\nTry \'reduce-by-day --help\' for more information.'
	run --separate-stderr "$REDUCE" --frobnicate </dev/null
	assert_equal "$status" 2
	run --separate-stderr "$REDUCE" "$BATS_TEST_TMPDIR/no-such-file"
	assert_equal "$status" 1
	assert_equal "$stderr" "reduce-by-day: $BATS_TEST_TMPDIR/no-such-file: cannot be read"
	run "$REDUCE" --help
	assert_success
	assert_line --index 0 --partial 'reduce-by-day - the reducer'
}

@test "reduce-by-day | head: ends quietly" {
	local d=$BATS_FILE_TMPDIR
	run --separate-stderr bash -c "LC_ALL=C sort -t \$'\t' -k1,1 '$d/mapped.tsv' | '$REDUCE' -s entities | head -n 1"
	assert_success
	assert_equal "$stderr" ''
	assert_output --regexp $'^\tPER\t'
}
