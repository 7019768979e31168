#!/usr/bin/env bats
# pipelines/nightly-digest: a day's spool to records, digests and history,
# as cron runs it.  On the real chain, and with stand-in stages for the
# failures.

load helper
bats_require_minimum_version 1.5.0

ND="$TOP/pipelines/nightly-digest"
CHAIN='ingest normalize declutter sentence-split entity-tag date-resolve theme-score'

setup() {
	SPOOL=$BATS_TEST_TMPDIR/spool
	OUT=$BATS_TEST_TMPDIR/out
	local f d
	for f in "$SAMPLES"/*; do
		d=${f##*/}
		d=${d:0:10}
		mkdir -p "$SPOOL/$d"
		cp "$f" "$SPOOL/$d/"
	done
}

# stand_in DIR NAME=STATUS...: DIR holds every real program, but each NAME
# is a stand-in that passes its input on and then exits STATUS, or with
# NAME=early:STATUS exits at once without reading.
stand_in() {
	local dir=$1 p s name st
	shift
	mkdir -p "$dir"
	for p in $CHAIN digest; do ln -s "$BIN/$p" "$dir/$p"; done
	for s in "$@"; do
		name=${s%%=*} st=${s#*=}
		rm -f "$dir/$name"
		case $st in
		early:*) printf '#!/bin/sh\nexit %s\n' "${st#early:}" >"$dir/$name" ;;
		*) printf '#!/bin/sh\ncat || exit\nexit %s\n' "$st" >"$dir/$name" ;;
		esac
		chmod +x "$dir/$name"
	done
}

# files_of DAY: the files of DAY under $OUT, if any, with a checksum each.
files_of() {
	[ ! -d "$OUT" ] || (cd "$OUT" && find . -name "*$1*" -type f | sort | xargs -r md5sum)
}

@test "three nights: records, digests and history of each day" {
	local d
	for d in 2024-11-18 2024-11-19 2024-11-20; do
		run --separate-stderr "$ND" --date "$d" "$SPOOL" "$OUT"
		assert_success
		assert_output ''
		[ -s "$OUT/records/$d.tsv" ] && [ -s "$OUT/digest/$d.html" ] &&
		    [ -s "$OUT/digest/$d.md" ] && [ -s "$OUT/history/$d.tsv" ]
	done
	run ls -A "$OUT"
	assert_output "$(printf '.lock\ndigest\nhistory\nrecords')"
	run grep -c '^Compared with the 2 earlier days in the history' "$OUT/digest/2024-11-20.md"
	assert_output 1
	run grep -c '<svg class="spark"' "$OUT/digest/2024-11-20.html"
	[ "$output" -ge 1 ]
}

@test "a log line per stage, with the records each one wrote" {
	local d=2024-11-19 s n
	run --separate-stderr "$ND" --date "$d" "$SPOOL" "$OUT"
	assert_success
	assert_equal "${stderr_lines[0]}" "nightly-digest: $d: 4 article files in $SPOOL/$d"
	# the counts are those of the chain run by hand, stage after stage
	ingest --date "$d" "$SPOOL/$d" >"$BATS_TEST_TMPDIR/r.0"
	n=0
	for s in $CHAIN; do
		if [ "$s" != ingest ]; then
			"$s" <"$BATS_TEST_TMPDIR/r.$n" >"$BATS_TEST_TMPDIR/r.$((n + 1))"
			n=$((n + 1))
		fi
		assert_equal "${stderr_lines[n + 1]}" "nightly-digest: $d: $s: $(wc -l <"$BATS_TEST_TMPDIR/r.$n") records"
	done
	assert_equal "${stderr_lines[8]}" "nightly-digest: $d: digest: 4 articles from 4 sources"
	[[ ${stderr_lines[9]} =~ ^"nightly-digest: $d: done in "[0-9]+\.[0-9]" s: $OUT/digest/$d.html"$ ]]
	assert_equal "${#stderr_lines[@]}" 10
	# and the records kept are the chain's output, the digests digest's
	cmp "$BATS_TEST_TMPDIR/r.$n" "$OUT/records/$d.tsv"
	digest --date "$d" --history "$OUT/history" --read-only --title 'News digest' \
	    "$OUT/records/$d.tsv" | cmp - "$OUT/digest/$d.md"
}

@test "articles without a Date header are dated the spool's day" {
	"$ND" --date 2024-11-20 "$SPOOL" "$OUT" 2>/dev/null
	run awk -F '\t' '$1 ~ /seoulcourier-border/ { print $4 }' "$OUT/records/2024-11-20.tsv"
	[ "${#lines[@]}" -gt 10 ]
	run awk -F '\t' '$1 ~ /seoulcourier-border/ && $4 != "2024-11-20"' "$OUT/records/2024-11-20.tsv"
	assert_output ''
	# and every article counts on the spool's day, whatever its own date
	mkdir -p "$SPOOL/2024-12-25"
	cp "$SPOOL"/2024-11-18/* "$SPOOL/2024-12-25/"
	"$ND" --date 2024-12-25 "$SPOOL" "$OUT" 2>/dev/null
	run head -n 1 "$OUT/digest/2024-12-25.md"
	assert_output '# News digest: Wednesday 25 December 2024'
	[ ! -e "$OUT/history/2024-11-18.tsv" ]
}

@test "a rerun gives the same files, byte for byte" {
	"$ND" --date 2024-11-18 "$SPOOL" "$OUT" 2>/dev/null
	"$ND" --date 2024-11-19 "$SPOOL" "$OUT" 2>/dev/null
	files_of 2024-11-19 >"$BATS_TEST_TMPDIR/first"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/first")" -eq 4 ]
	"$ND" --date 2024-11-20 "$SPOOL" "$OUT" 2>/dev/null
	"$ND" --date 2024-11-19 "$SPOOL" "$OUT" 2>/dev/null
	files_of 2024-11-19 | diff "$BATS_TEST_TMPDIR/first" -
}

@test "a failing stage: its status, its name, nothing written, other days untouched" {
	"$ND" --date 2024-11-18 "$SPOOL" "$OUT" 2>/dev/null
	files_of 2024-11 >"$BATS_TEST_TMPDIR/before"
	stand_in "$BATS_TEST_TMPDIR/bin" declutter=3
	run --separate-stderr env NEWSFILTER_BIN="$BATS_TEST_TMPDIR/bin" "$ND" --date 2024-11-19 "$SPOOL" "$OUT"
	assert_failure 3
	assert_equal "${stderr_lines[-1]}" 'nightly-digest: 2024-11-19: declutter failed with exit status 3: nothing written'
	files_of 2024-11 | diff "$BATS_TEST_TMPDIR/before" -
	run find "$OUT" -name '.tmp*'
	assert_output ''
	# a rerun of the same day, failing, leaves that day's digest as it was
	stand_in "$BATS_TEST_TMPDIR/bin2" theme-score=5
	run env NEWSFILTER_BIN="$BATS_TEST_TMPDIR/bin2" "$ND" --date 2024-11-18 "$SPOOL" "$OUT"
	assert_failure 5
	files_of 2024-11 | diff "$BATS_TEST_TMPDIR/before" -
}

@test "the last stage that failed is the cause, not those it cut off" {
	stand_in "$BATS_TEST_TMPDIR/bin" entity-tag=early:65
	run --separate-stderr env NEWSFILTER_BIN="$BATS_TEST_TMPDIR/bin" "$ND" --date 2024-11-19 "$SPOOL" "$OUT"
	assert_failure 65
	assert_equal "${stderr_lines[-1]}" 'nightly-digest: 2024-11-19: entity-tag failed with exit status 65: nothing written'
	# the first stage failing is caught too
	stand_in "$BATS_TEST_TMPDIR/bin2" ingest=early:7
	run --separate-stderr env NEWSFILTER_BIN="$BATS_TEST_TMPDIR/bin2" "$ND" --date 2024-11-19 "$SPOOL" "$OUT"
	assert_failure 7
	assert_equal "${stderr_lines[-1]}" 'nightly-digest: 2024-11-19: ingest failed with exit status 7: nothing written'
}

@test "digest failing: status 1, no digest, no records" {
	stand_in "$BATS_TEST_TMPDIR/bin"
	rm "$BATS_TEST_TMPDIR/bin/digest"
	printf '#!/bin/sh\necho "# half a digest"\nexit 4\n' >"$BATS_TEST_TMPDIR/bin/digest"
	chmod +x "$BATS_TEST_TMPDIR/bin/digest"
	run --separate-stderr env NEWSFILTER_BIN="$BATS_TEST_TMPDIR/bin" "$ND" --date 2024-11-19 "$SPOOL" "$OUT"
	assert_failure 1
	assert_equal "${stderr_lines[-1]}" 'nightly-digest: 2024-11-19: digest --format md failed with exit status 4: nothing written'
	run files_of 2024-11-19
	assert_output ''
}

@test "the lock: a run while another holds it exits 75 and writes nothing" {
	local fd
	mkdir -p "$OUT"
	exec {fd}>>"$OUT/.lock"
	flock -n "$fd"
	run --separate-stderr "$ND" --date 2024-11-19 "$SPOOL" "$OUT"
	exec {fd}>&-
	assert_failure 75
	assert_equal "$stderr" "nightly-digest: 2024-11-19: another run holds $OUT/.lock: not running"
	run files_of 2024-11-19
	assert_output ''
	# once it is free, the run goes
	run "$ND" --date 2024-11-19 "$SPOOL" "$OUT"
	assert_success
}

@test "the hook: after the last stage, or the one named; it may drop records" {
	local drop='awk -F "\t" '\''$1 !~ /kcna-archive/'\'''
	run --separate-stderr env NEWSFILTER_HOOK="$drop" "$ND" --date 2024-11-20 "$SPOOL" "$OUT"
	assert_success
	[[ ${stderr_lines[7]} =~ ^"nightly-digest: 2024-11-20: theme-score: "[0-9]+" records"$ ]]
	[[ ${stderr_lines[8]} =~ ^"nightly-digest: 2024-11-20: hook: "[0-9]+" records"$ ]]
	assert_equal "${stderr_lines[9]}" "nightly-digest: 2024-11-20: digest: 3 articles from 3 sources"
	run grep -c kcna-archive "$OUT/records/2024-11-20.tsv"
	assert_output 0
	# between two stages
	run --separate-stderr env NEWSFILTER_HOOK="$drop" NEWSFILTER_HOOK_AFTER=normalize "$ND" --date 2024-11-20 "$SPOOL" "$OUT"
	assert_success
	run bash -c 'printf "%s\n" "$@" | cut -d " " -f 3' _ "${stderr_lines[@]}"
	assert_output "$(printf '4\ningest:\nnormalize:\nhook:\ndeclutter:\nsentence-split:\nentity-tag:\ndate-resolve:\ntheme-score:\ndigest:\ndone')"
}

@test "the hook: its failure fails the run; a bad place is a usage error" {
	run --separate-stderr env NEWSFILTER_HOOK='cat; exit 6' "$ND" --date 2024-11-20 "$SPOOL" "$OUT"
	assert_failure 6
	assert_equal "${stderr_lines[-1]}" 'nightly-digest: 2024-11-20: hook failed with exit status 6: nothing written'
	run --separate-stderr env NEWSFILTER_HOOK=cat NEWSFILTER_HOOK_AFTER=digest "$ND" --date 2024-11-20 "$SPOOL" "$OUT"
	assert_failure 2
	assert_equal "$stderr" "nightly-digest: 2024-11-20: NEWSFILTER_HOOK_AFTER: 'digest' is not a stage that runs (ingest normalize declutter sentence-split entity-tag date-resolve theme-score)"
	run files_of 2024-11-20
	assert_output ''
}

@test "a stage that is not built is left out, with a warning" {
	stand_in "$BATS_TEST_TMPDIR/bin"
	rm "$BATS_TEST_TMPDIR/bin/entity-tag"
	run --separate-stderr env NEWSFILTER_BIN="$BATS_TEST_TMPDIR/bin" "$ND" --date 2024-11-19 "$SPOOL" "$OUT"
	assert_success
	assert_equal "${stderr_lines[0]}" 'nightly-digest: 2024-11-19: warning: entity-tag is not built: left out'
	run cut -f6 "$OUT/records/2024-11-19.tsv"
	refute_output --regexp '[A-Z]'
	# digest itself is needed
	rm "$BATS_TEST_TMPDIR/bin/digest"
	run --separate-stderr env NEWSFILTER_BIN="$BATS_TEST_TMPDIR/bin" "$ND" --date 2024-11-19 "$SPOOL" "$OUT"
	assert_failure 1
	assert_equal "$stderr" "nightly-digest: 2024-11-19: $BATS_TEST_TMPDIR/bin/digest: not found or not executable"
}

@test "bad command lines (2) and missing articles (1): exact messages" {
	local try="Try 'nightly-digest --help' for more information."
	run --separate-stderr "$ND" "$SPOOL"
	assert_failure 2
	assert_equal "$stderr" "$(printf 'nightly-digest: need SPOOL_DIR and OUT_DIR\n%s' "$try")"
	run --separate-stderr "$ND" --date 2024-02-30 "$SPOOL" "$OUT"
	assert_failure 2
	assert_equal "$stderr" "$(printf "nightly-digest: --date '2024-02-30' is not a YYYY-MM-DD date\n%s" "$try")"
	run --separate-stderr "$ND" --dates 2024-11-19 "$SPOOL" "$OUT"
	assert_failure 2
	assert_equal "$stderr" "$(printf "nightly-digest: unknown option '--dates'\n%s" "$try")"
	run --separate-stderr "$ND" --date 2024-11-21 "$SPOOL" "$OUT"
	assert_failure 1
	assert_equal "$stderr" "nightly-digest: 2024-11-21: $SPOOL/2024-11-21: no such directory"
	mkdir "$SPOOL/2024-11-21"
	touch "$SPOOL/2024-11-21/.hidden"
	run --separate-stderr "$ND" --date=2024-11-21 "$SPOOL" "$OUT"
	assert_failure 1
	assert_equal "$stderr" "nightly-digest: 2024-11-21: $SPOOL/2024-11-21: no article files"
	[ ! -e "$OUT" ]
}

@test "by default: yesterday; from cron's environment, any directory, a symlink" {
	local y
	y=$(date -d yesterday +%F)
	mkdir "$SPOOL/$y"
	cp "$SPOOL"/2024-11-18/* "$SPOOL/$y/"
	mkdir "$BATS_TEST_TMPDIR/elsewhere"
	ln -s "$ND" "$BATS_TEST_TMPDIR/elsewhere/nd"
	cd "$BATS_TEST_TMPDIR/elsewhere"
	run --separate-stderr env -i PATH=/usr/bin:/bin ./nd ../spool ../out
	assert_success
	[ -s "$OUT/digest/$y.html" ]
	run ls -A "$BATS_TEST_TMPDIR/elsewhere"
	assert_output nd
}

@test "--help" {
	run "$ND" --help
	assert_success
	assert_line --index 0 'nightly-digest - the nightly job: one day'"'"'s articles to records and digests.'
	assert_output --partial 'NEWSFILTER_HOOK'
	assert_output --partial 'Exit status:'
}
