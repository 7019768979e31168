#!/usr/bin/env bats
# pipelines/annotate, pipelines/demo, pipelines/crontab.example and the
# bundled sample articles.  These run with whatever stages are built: the
# checks on the real chain are about the record format, and the plumbing
# (order, options, exit status) is checked with stand-in stages.

load helper
bats_require_minimum_version 1.5.0

ANNOTATE="$TOP/pipelines/annotate"
DEMO="$TOP/pipelines/demo"

# check_records FILE [NF]: the record-format invariants of annotated output.
# Every line has NF fields (default 8), para and sent are numbers, date is
# empty or YYYY-MM-DD; the records of a document are contiguous and begin
# with its title (para 0); paragraphs go up; in a paragraph sent is a lone 0
# or 1, 2, 3...  Prints the number of documents.
check_records() {
	awk -F '\t' -v want="${2:-8}" '
	function fail(msg) {
		printf "%s:%d: %s\n  %s\n", FILENAME, FNR, msg, substr($0, 1, 200)
		bad = 1
		exit 1
	}
	{
		if (NF != want) fail("has " NF " fields, want " want)
		if ($2 !~ /^[0-9]+$/ || $3 !~ /^[0-9]+$/) fail("para or sent is not a number")
		if ($4 != "" && $4 !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) fail("bad date")
		if ($5 == "") fail("empty text")
		para = $2 + 0; sent = $3 + 0
		if ($1 != prev) {
			if ($1 in seen) fail("the records of " $1 " are not contiguous")
			seen[$1] = 1
			ndocs++
			if (para != 0) fail("document " $1 " does not begin with a title (para 0)")
			newpara = 1
		} else {
			if (para < pp) fail("para " para " after para " pp)
			newpara = (para != pp)
		}
		if (newpara) {
			if (sent > 1) fail("paragraph begins at sent " sent)
			first = sent
		} else if (first == 0) {
			fail("sent 0 is not alone in its paragraph")
		} else if (sent != ps + 1) {
			fail("sent " sent " after sent " ps)
		}
		prev = $1; pp = para; ps = sent
	}
	END { if (!bad) print ndocs + 0 }' "$1"
}

# expected_docs: "DOC<TAB>DATE" for every sample file, sorted: the URL and the
# date of the file name when it has a header block, else its path, no date.
expected_docs() {
	local f name url
	for f in "$SAMPLES"/*; do
		name=${f##*/}
		if head -n 1 "$f" | grep -q '^Title:'; then
			url=$(sed -n '/^$/q; s/^URL: *//p' "$f")
			printf '%s\t%s\n' "$url" "${name:0:10}"
		else
			printf '%s\t\n' "$f"
		fi
	done | LC_ALL=C sort
}

# expected_titles: "DOC<TAB>TITLE" for every sample, sorted.
expected_titles() {
	local f
	for f in "$SAMPLES"/*; do
		if head -n 1 "$f" | grep -q '^Title:'; then
			printf '%s\t%s\n' "$(sed -n '/^$/q; s/^URL: *//p' "$f")" \
			    "$(sed -n '/^$/q; s/^Title: *//p' "$f")"
		else
			printf '%s\t%s\n' "$f" "$(head -n 1 "$f")"
		fi
	done | LC_ALL=C sort
}

# fake_bin DIR STAGE...: a bin directory with the real ingest and, for each
# STAGE, a stand-in that logs its arguments to DIR/log and appends its name
# and a comma to field 9 of every record (and fails as awk fails, e.g. on
# SIGPIPE).  STAGE=N makes it exit N after reading all its input;
# STAGE=early:N exits N at once, reading nothing.
fake_bin() {
	local dir=$1 s name st
	shift
	mkdir -p "$dir"
	ln -sf "$BIN/ingest" "$dir/ingest"
	for s in "$@"; do
		name=${s%%=*}
		st=0
		[ "$s" != "$name" ] && st=${s#*=}
		case $st in
		early:*)
			printf '#!/bin/sh\necho "%s $*" >>"%s/log"\nexit %s\n' \
			    "$name" "$dir" "${st#early:}" >"$dir/$name"
			;;
		*)
			printf '#!/bin/sh\necho "%s $*" >>"%s/log"\nawk -v n=%s '\''BEGIN { FS = OFS = "\\t" } { $9 = $9 n ","; print }'\'' || exit\nexit %s\n' \
			    "$name" "$dir" "$name" "$st" >"$dir/$name"
			;;
		esac
		chmod +x "$dir/$name"
	done
}

# --- the sample articles -------------------------------------------------

@test "samples: 12 articles over three days, most with a header block, two without" {
	run bash -c 'ls "$SAMPLES" | wc -l'
	assert_output 12
	run bash -c 'ls "$SAMPLES" | cut -c1-10 | sort -u | tr "\n" " "'
	assert_output '2024-11-18 2024-11-19 2024-11-20 '
	run bash -c 'for f in "$SAMPLES"/*; do head -n 1 "$f"; done | grep -c "^Title:"'
	assert_output 10
	# each one 300 to 900 words, valid UTF-8, one paragraph per line
	local f w
	for f in "$SAMPLES"/*; do
		w=$(wc -w <"$f")
		[ "$w" -ge 300 ] && [ "$w" -le 900 ] || fail "$f: $w words"
		iconv -f UTF-8 -t UTF-8 "$f" >/dev/null || fail "$f: not UTF-8"
	done
}

@test "samples: the header dates agree with the file names" {
	# the dates in the records are checked below; here: every Date header
	# names the day of its file, in one of the three forms
	local f day d
	for f in "$SAMPLES"/*; do
		head -n 1 "$f" | grep -q '^Title:' || continue
		day=${f##*/}
		day=${day:0:10}
		d=$(sed -n '/^$/q; s/^Date: *//p' "$f")
		[ -n "$d" ] || fail "$f: no Date header"
		case $d in
		"$day" | "$day"T[0-2][0-9]:[0-5][0-9]:[0-5][0-9][+-][01][0-9]:[0-5][0-9]) ;;
		[A-Z][a-z][a-z],\ [0-3][0-9]\ [A-Z][a-z][a-z]\ 20[0-9][0-9]\ [0-2][0-9]:[0-5][0-9]:[0-5][0-9]\ [+-][01][0-9][0-5][0-9])
			# RFC 2822: the day as written, whatever the zone
			[ "$(date -d "$(echo "$d" | cut -d ' ' -f 2-4)" +%F)" = "$day" ] ||
				fail "$f: Date $d is not $day"
			;;
		*) fail "$f: Date $d: not one of the three forms, or not $day" ;;
		esac
	done
}

# --- annotate on the samples -----------------------------------------------

@test "annotate samples: 8 fields, documents contiguous and in order, a title first" {
	"$ANNOTATE" "$SAMPLES" >"$BATS_TEST_TMPDIR/out.tsv"
	run check_records "$BATS_TEST_TMPDIR/out.tsv"
	assert_success
	assert_output 12
	# every article kept most of its body
	run awk -F '\t' '{ n[$1]++ } END { for (d in n) if (n[d] < 8) print d, n[d] }' \
	    "$BATS_TEST_TMPDIR/out.tsv"
	assert_output ''
}

@test "annotate samples: doc is the URL or the path, date the header's day" {
	"$ANNOTATE" "$SAMPLES" >"$BATS_TEST_TMPDIR/out.tsv"
	run bash -c 'cut -f1,4 "$1" | LC_ALL=C sort -u' _ "$BATS_TEST_TMPDIR/out.tsv"
	assert_output "$(expected_docs)"
}

@test "annotate samples: one title per article, and it is the headline" {
	"$ANNOTATE" "$SAMPLES" >"$BATS_TEST_TMPDIR/out.tsv"
	# the title is paragraph 0, a single paragraph at the top of each document
	run awk -F '\t' '$2 == 0 { n[$1]++ } $2 == 0 && $3 > 1 { n[$1]-- }
	    END { for (d in n) if (n[d] != 1) print d, n[d] }' "$BATS_TEST_TMPDIR/out.tsv"
	assert_output ''
	run bash -c 'awk -F "\t" "\$2 == 0" "$1" | cut -f1 | sort -u | wc -l' _ "$BATS_TEST_TMPDIR/out.tsv"
	assert_output 12
}

@test "annotate with only ingest and normalize: exactly ingest | normalize" {
	local b=$BATS_TEST_TMPDIR/bin
	mkdir "$b"
	ln -s "$BIN/ingest" "$BIN/normalize" "$b/"
	NEWSFILTER_BIN=$b "$ANNOTATE" "$SAMPLES" >"$BATS_TEST_TMPDIR/a.tsv"
	ingest "$SAMPLES" | normalize >"$BATS_TEST_TMPDIR/b.tsv"
	cmp "$BATS_TEST_TMPDIR/a.tsv" "$BATS_TEST_TMPDIR/b.tsv"
	run check_records "$BATS_TEST_TMPDIR/a.tsv"
	assert_output 12
	# the titles: the Title header, or the first line of a headerless file
	run bash -c 'awk -F "\t" "\$2 == 0" "$1" | cut -f1,5 | LC_ALL=C sort' _ "$BATS_TEST_TMPDIR/a.tsv"
	assert_output "$(expected_titles)"
	# normalize did its work: the samples have NBSP and mojibake, the
	# records have neither, nor runs of spaces
	local nbsp=$'\xc2\xa0' moji=$'\xc3\xa2\xe2\x82\xac\xe2\x84\xa2'
	[ "$(cat "$SAMPLES"/* | grep -c -e "$nbsp" -e "$moji")" -ge 3 ]
	run grep -c -e "$nbsp" -e "$moji" -e '  ' "$BATS_TEST_TMPDIR/a.tsv"
	assert_output 0
}

@test "annotate with no stage built: the ingest records as they are" {
	local b=$BATS_TEST_TMPDIR/bin
	mkdir "$b"
	ln -s "$BIN/ingest" "$b/"
	NEWSFILTER_BIN=$b "$ANNOTATE" "$SAMPLES" >"$BATS_TEST_TMPDIR/a.tsv"
	ingest "$SAMPLES" | cmp - "$BATS_TEST_TMPDIR/a.tsv"
	# and records on stdin pass through unchanged
	run bash -c 'NEWSFILTER_BIN=$1 "$2" <"$3" | cmp - "$3"' _ "$b" "$ANNOTATE" "$BATS_TEST_TMPDIR/a.tsv"
	assert_success
}

# --- annotate on stdin -------------------------------------------------------

@test "annotate on stdin: records in, annotated records out, user fields kept" {
	{
		rec doc-a 1 0 2024-11-19 $'North Korea fired two\xc2\xa0missiles  on Monday, the military said.' '' '' '' mine-1
		rec doc-a 2 0 2024-11-19 'Japan said both fell outside its exclusive economic zone.' '' '' '' mine-2
		rec doc-b 1 0 '' 'Kim Jong Un inspected a factory in Kimhwa County.' '' '' '' mine-3
	} >"$BATS_TEST_TMPDIR/in.tsv"
	"$ANNOTATE" <"$BATS_TEST_TMPDIR/in.tsv" >"$BATS_TEST_TMPDIR/out.tsv"
	run awk -F '\t' 'NF != 9' "$BATS_TEST_TMPDIR/out.tsv"
	assert_output ''
	run awk -F '\t' '{ print NF, $1, $2, $4, $9 }' "$BATS_TEST_TMPDIR/out.tsv"
	assert_line --index 0 '9 doc-a 1 2024-11-19 mine-1'
	assert_line --partial '9 doc-a 2 2024-11-19 mine-2'
	assert_line --partial '9 doc-b 1  mine-3'
	# normalize always runs: one space where there were NBSP and two spaces
	run cut -f5 "$BATS_TEST_TMPDIR/out.tsv"
	assert_line --index 0 --regexp '^North Korea fired two missiles on Monday'
}

@test "annotate on stdin: records of 5 fields are read and written with 8" {
	{
		rec d 0 0 2024-11-20 'Seoul says North Korean troops are fighting in Kursk'
		rec d 1 0 2024-11-20 'South Korea said on Wednesday that North Korean soldiers had joined Russian units in combat.'
	} >"$BATS_TEST_TMPDIR/in.tsv"
	"$ANNOTATE" <"$BATS_TEST_TMPDIR/in.tsv" >"$BATS_TEST_TMPDIR/out.tsv"
	run check_records "$BATS_TEST_TMPDIR/out.tsv"
	assert_success
	assert_output 1
	run cut -f1,2,4 "$BATS_TEST_TMPDIR/out.tsv"
	assert_line --index 0 "$(printf 'd\t0\t2024-11-20')"
	assert_line "$(printf 'd\t1\t2024-11-20')"
}

# --- failures ----------------------------------------------------------------

@test "annotate: bad input makes the first stage fail, and annotate with it (65)" {
	run --separate-stderr "$ANNOTATE" <<<$'doc\t1\t0'
	assert_equal "$status" 65
	assert_equal "$output" ''
	[[ $stderr == *"normalize"* ]] || fail "stderr: $stderr"
	[[ $stderr == *"annotate: normalize failed with exit status 65"* ]] || fail "stderr: $stderr"
}

@test "annotate with stdin closed: files are read; on stdin, the first stage's read error" {
	local one=$SAMPLES/2024-11-18-hna-missile-launch.txt
	"$ANNOTATE" "$one" >"$BATS_TEST_TMPDIR/open.tsv" </dev/null
	[ -s "$BATS_TEST_TMPDIR/open.tsv" ]
	# (closed inside bash -c: `run` would give fd 0 to its own pipe)
	run --separate-stderr bash -c 'exec "$@" <&-' - "$ANNOTATE" "$one"
	assert_success
	assert_output "$(cat "$BATS_TEST_TMPDIR/open.tsv")"
	run --separate-stderr bash -c 'exec "$@" <&-' - "$ANNOTATE"
	assert_equal "$status" 1
	assert_equal "$output" ''
	assert_equal "$stderr" "normalize: (stdin): read error: Bad file descriptor
annotate: normalize failed with exit status 1"
}

@test "annotate: an article that cannot be read fails with ingest's status" {
	run ingest "$BATS_TEST_TMPDIR/no-such-file.txt"
	local want=$status
	[ "$want" -ne 0 ]
	run --separate-stderr "$ANNOTATE" "$BATS_TEST_TMPDIR/no-such-file.txt"
	assert_equal "$status" "$want"
	[[ $stderr == *"annotate: ingest failed with exit status $want"* ]] || fail "stderr: $stderr"
}

@test "annotate: a failing stage in the middle fails the run, whatever follows" {
	local b=$BATS_TEST_TMPDIR/bin
	fake_bin "$b" normalize declutter=3 sentence-split entity-tag date-resolve theme-score
	run --separate-stderr env NEWSFILTER_BIN="$b" "$ANNOTATE" "$SAMPLES"
	assert_equal "$status" 3
	[[ $stderr == *"annotate: declutter failed with exit status 3"* ]] || fail "stderr: $stderr"
	# the stages after it did run and succeed: the failure was not lost
	[ "${#lines[@]}" -gt 100 ]
	[[ ${lines[0]} == *$'\tnormalize,declutter,sentence-split,entity-tag,date-resolve,theme-score,' ]]
}

@test "annotate: the last stage that failed is the cause, not the ones it cut off" {
	local b=$BATS_TEST_TMPDIR/bin
	# entity-tag exits at once: the stages before it die writing to it
	fake_bin "$b" normalize declutter sentence-split entity-tag=early:65 date-resolve theme-score
	run --separate-stderr env NEWSFILTER_BIN="$b" "$ANNOTATE" "$SAMPLES" "$SAMPLES" "$SAMPLES"
	assert_equal "$status" 65
	[[ $stderr == *"annotate: entity-tag failed with exit status 65"* ]] || fail "stderr: $stderr"
	assert_equal "$output" ''
}

@test "annotate: the first and the last stage failing are both caught" {
	local b=$BATS_TEST_TMPDIR/bin
	fake_bin "$b" normalize=4
	run env NEWSFILTER_BIN="$b" "$ANNOTATE" "$SAMPLES"
	assert_equal "$status" 4
	rm -f "$b/normalize"
	fake_bin "$b" normalize declutter sentence-split entity-tag date-resolve theme-score=5
	run env NEWSFILTER_BIN="$b" "$ANNOTATE" "$SAMPLES"
	assert_equal "$status" 5
}

# --- order, options, lookup ---------------------------------------------------

@test "annotate: every stage, in order, each given --line-buffered" {
	local b=$BATS_TEST_TMPDIR/bin
	# created in reverse order: the order must not come from the directory
	fake_bin "$b" theme-score date-resolve entity-tag sentence-split declutter normalize
	NEWSFILTER_BIN=$b "$ANNOTATE" --line-buffered "$SAMPLES" >"$BATS_TEST_TMPDIR/out.tsv"
	run cut -f9 "$BATS_TEST_TMPDIR/out.tsv"
	assert_line --index 0 'normalize,declutter,sentence-split,entity-tag,date-resolve,theme-score,'
	run bash -c 'sort -u "$1" | tr "\n" "|"' _ "$b/log"
	assert_output 'date-resolve --line-buffered|declutter --line-buffered|entity-tag --line-buffered|normalize --line-buffered|sentence-split --line-buffered|theme-score --line-buffered|'
	# without the option no stage gets it
	rm "$b/log"
	NEWSFILTER_BIN=$b "$ANNOTATE" "$SAMPLES" >/dev/null
	run grep -c -- --line-buffered "$b/log"
	assert_output 0
}

@test "annotate: a stage that is missing or not executable is left out" {
	local b=$BATS_TEST_TMPDIR/bin
	fake_bin "$b" normalize declutter sentence-split theme-score
	chmod -x "$b/declutter"
	mkdir "$b/entity-tag" # a directory is no program either
	NEWSFILTER_BIN=$b "$ANNOTATE" "$SAMPLES" >"$BATS_TEST_TMPDIR/out.tsv"
	run cut -f9 "$BATS_TEST_TMPDIR/out.tsv"
	assert_line --index 0 'normalize,sentence-split,theme-score,'
	run env NEWSFILTER_BIN="$b" "$ANNOTATE" --list-stages "$SAMPLES"
	assert_output "$(printf 'ingest\nnormalize\nsentence-split\ntheme-score')"
	run env NEWSFILTER_BIN="$b" "$ANNOTATE" --list-stages
	assert_output "$(printf 'normalize\nsentence-split\ntheme-score')"
}

@test "annotate --line-buffered: records come out while the input is still open" {
	local fifo=$BATS_TEST_TMPDIR/fifo out=$BATS_TEST_TMPDIR/out got=1 i pid tries lb w
	local n
	n=$("$ANNOTATE" --list-stages | wc -l)
	mkfifo "$fifo"
	for lb in --line-buffered ''; do
		: >"$out"
		"$ANNOTATE" $lb <"$fifo" >"$out" &
		pid=$!
		exec {w}>"$fifo" # (bats owns fd 3)
		rec doc-a 1 0 2024-11-18 'North Korea fired two short-range ballistic missiles on Monday, the military said.' >&"$w"
		rec doc-b 1 0 2024-11-18 'Japan lodged a protest through its embassy in Beijing.' >&"$w"
		got=1
		# 5 seconds to see it come; 1 to see it not come without the option
		tries=10
		[ -n "$lb" ] && tries=50
		for i in $(seq "$tries"); do
			if grep -q '^doc-a' "$out"; then got=0; break; fi
			sleep 0.1
		done
		exec {w}>&-
		wait "$pid"
		if [ -n "$lb" ]; then
			[ "$got" -eq 0 ] || fail "with $lb: nothing came out in 5 seconds ($n stages)"
		else
			# the control: without it the stages buffer until the end
			[ "$got" -ne 0 ] || fail "without --line-buffered the output was not buffered"
		fi
		grep -q '^doc-b' "$out"
	done
}

@test "annotate: programs found from any directory, through a symlink, or on PATH" {
	cd "$BATS_TEST_TMPDIR"
	# by its path, from elsewhere
	run "$ANNOTATE" --list-stages x
	assert_line --index 0 ingest
	# through a symlink in another directory
	mkdir -p link
	ln -s "$ANNOTATE" link/annotate
	run link/annotate --list-stages x
	assert_line --index 0 ingest
	ingest "$SAMPLES" | normalize >ref.tsv
	# a copy with no bin/ beside it takes the programs from PATH
	mkdir -p copy/pipelines
	cp "$ANNOTATE" copy/pipelines/
	run env PATH="$BIN:/usr/bin:/bin" copy/pipelines/annotate --list-stages x
	assert_line --index 0 ingest
	assert_line --index 1 normalize
	run env PATH=/usr/bin:/bin copy/pipelines/annotate x
	assert_equal "$status" 1
	assert_output --partial 'cannot find the newsfilter programs'
	# NEWSFILTER_BIN must be a directory
	run env NEWSFILTER_BIN="$BATS_TEST_TMPDIR/none" "$ANNOTATE" x
	assert_equal "$status" 1
	assert_output --partial 'NEWSFILTER_BIN'
}

@test "annotate: operands that look like options, after --" {
	cd "$BATS_TEST_TMPDIR"
	cp "$SAMPLES/2024-11-20-seoulcourier-border-fortification.txt" ./-border.txt
	run --separate-stderr "$ANNOTATE" -- -border.txt
	assert_success
	[[ ${lines[0]} == $'./-border.txt\t0\t'* ]] || fail "first record: ${lines[0]}"
}

@test "annotate: --help, and a bad option is a usage error" {
	run "$ANNOTATE" --help
	assert_success
	assert_line --index 0 --partial 'Usage: annotate'
	assert_output --partial 'line-buffered'
	run --separate-stderr "$ANNOTATE" --no-such-option "$SAMPLES"
	assert_equal "$status" 2
	assert_equal "$output" ''
	[[ $stderr == *"unknown option '--no-such-option'"* ]]
}

@test "annotate is POSIX sh: it runs under dash" {
	command -v dash
	"$ANNOTATE" "$SAMPLES" >"$BATS_TEST_TMPDIR/a.tsv"
	dash "$ANNOTATE" "$SAMPLES" >"$BATS_TEST_TMPDIR/b.tsv"
	cmp "$BATS_TEST_TMPDIR/a.tsv" "$BATS_TEST_TMPDIR/b.tsv"
	run dash "$ANNOTATE" <<<$'doc\t1\t0'
	assert_equal "$status" 65
}

# --- demo and crontab ----------------------------------------------------------

@test "demo: runs from any directory, three nights, and ends with the digest's path" {
	mkdir "$BATS_TEST_TMPDIR/cwd"
	cd "$BATS_TEST_TMPDIR/cwd"
	run --separate-stderr "$DEMO" "$BATS_TEST_TMPDIR/demo-out"
	assert_success
	if [ -x "$TOP/pipelines/nightly-digest" ]; then
		local out=$BATS_TEST_TMPDIR/demo-out d
		# the last line is the path of the last day's digest
		assert_equal "${lines[${#lines[@]} - 1]}" "$out/digest/2024-11-20.html"
		assert_line --index 0 '# News digest: Wednesday 20 November 2024'
		for d in 2024-11-18 2024-11-19 2024-11-20; do
			[ -s "$out/digest/$d.html" ] && [ -s "$out/digest/$d.md" ] &&
			    [ -s "$out/history/$d.tsv" ] || fail "no digest for $d"
			[ "$(cut -f1 "$out/records/$d.tsv" | uniq | wc -l)" -eq 4 ] || fail "records of $d"
		done
		# the third day shows trends against the two before it
		assert_line 'Compared with the 2 earlier days in the history (2 of the last 7, 2 of the last 30); means are articles per day.'
		grep -q '<svg class="spark"' "$out/digest/2024-11-20.html"
		# a log line per stage and night on stderr
		[ "$(grep -c ': theme-score: [0-9]* records$' <<<"$stderr")" -eq 3 ]
		# a second run starts afresh and gives the same digests
		md5sum "$out"/digest/* >"$BATS_TEST_TMPDIR/sums"
		"$DEMO" "$out" >/dev/null 2>&1
		md5sum -c --quiet "$BATS_TEST_TMPDIR/sums"
	else
		assert_line --partial '12 articles'
		assert_line --regexp '^stages: ingest( [a-z-]+)*$'
		assert_line --partial '3 days (2024-11-18 to 2024-11-20)'
		assert_line --partial 'all records: '"$BATS_TEST_TMPDIR/demo-out/annotated.tsv"
		"$ANNOTATE" "$SAMPLES" | cmp - "$BATS_TEST_TMPDIR/demo-out/annotated.tsv"
		[ ! -e "$BATS_TEST_TMPDIR/demo-out/annotated.tsv.tmp" ]
	fi
	# nothing written to the current directory
	run ls -A "$BATS_TEST_TMPDIR/cwd"
	assert_output ''
}

@test "demo: a failing stage fails the demo and leaves no half output" {
	local b=$BATS_TEST_TMPDIR/bin out=$BATS_TEST_TMPDIR/out
	fake_bin "$b" normalize=9
	if [ -x "$TOP/pipelines/nightly-digest" ]; then
		ln -s "$BIN/digest" "$b/digest"
		run env NEWSFILTER_BIN="$b" "$DEMO" "$out"
		assert_equal "$status" 9
		run find "$out" -path "$out/spool" -prune -o -type f -print
		assert_output "$out/.lock"
		return
	fi
	run env NEWSFILTER_BIN="$b" "$DEMO" "$out"
	assert_equal "$status" 9
	[ ! -e "$out/annotated.tsv" ]
	[ ! -e "$out/annotated.tsv.tmp" ]
}

@test "crontab.example: every line is a comment, a setting or a valid schedule" {
	local line n=0
	while IFS= read -r line; do
		case $line in
		'' | '#'*) continue ;;
		[A-Z]*=*) continue ;;
		esac
		set -f
		# shellcheck disable=SC2086
		set -- $line
		set +f
		[ $# -ge 6 ] || fail "too few fields: $line"
		local i
		for i in 1 2 3 4 5; do
			[[ ${!i} =~ ^(\*|[0-9]+)([-,/][0-9]+)*$ ]] || fail "field $i: $line"
		done
		[[ $line == */pipelines/* ]] || fail "command: $line"
		[[ $line != *%* || $line == *\\%* ]] || fail "unescaped %: $line"
		n=$((n + 1))
	done <"$TOP/pipelines/crontab.example"
	[ "$n" -ge 1 ]
	grep -q '^PATH=' "$TOP/pipelines/crontab.example"
	grep -q '^MAILTO=' "$TOP/pipelines/crontab.example"
}

# cron_job SRV: the crontab's job and settings, for this checkout and SRV
# (for /opt/newsfilter and /srv/news), in cron_env and cron_cmd.
cron_job() {
	local line
	cron_cmd=$(grep -E '^[0-9*]' "$TOP/pipelines/crontab.example" | head -1 |
		cut -d' ' -f6-)
	# cron turns \% into %
	cron_cmd=${cron_cmd//\\%/%}
	cron_cmd=${cron_cmd//\/opt\/newsfilter/$TOP}
	cron_cmd=${cron_cmd//\/srv\/news/$1}
	cron_env=()
	while IFS= read -r line; do
		cron_env+=("$line")
	done < <(grep -E '^[A-Z_]+=' "$TOP/pipelines/crontab.example" | grep -v '^MAILTO=')
}

@test "crontab.example: the job, run as cron would, digests yesterday's spool" {
	local srv=$BATS_TEST_TMPDIR/srv day
	day=$(date -d yesterday +%F)
	mkdir -p "$srv/spool/$day" "$srv/out" "$srv/log"
	cp "$SAMPLES"/2024-11-18-*.txt "$srv/spool/$day/"
	cron_job "$srv"
	run env -i "${cron_env[@]}" sh -c "$cron_cmd"
	assert_success
	assert_output ''
	[ -s "$srv/out/digest/$day.html" ] && [ -s "$srv/out/digest/$day.md" ]
	assert_equal "$(cut -f1 "$srv/out/records/$day.tsv" | uniq | wc -l)" 4
	grep -q '<h1>North Korea digest</h1>' "$srv/out/digest/$day.html"
	# the log has a line per stage; nothing else is left behind
	[ "$(grep -c "^nightly-digest: $day: [a-z-]*: [0-9]* records$" "$srv/log/nightly-digest.log")" -ge 7 ]
	run find "$srv/out" -name '.tmp*'
	assert_output ''
}

@test "crontab.example: a failed night prints the end of the log, for cron to mail" {
	local srv=$BATS_TEST_TMPDIR/srv day
	day=$(date -d yesterday +%F)
	mkdir -p "$srv/spool/$day" "$srv/out" "$srv/log"
	cron_job "$srv"
	run env -i "${cron_env[@]}" sh -c "$cron_cmd"
	assert_output "nightly-digest: $day: $srv/spool/$day: no article files"
	run find "$srv/out" -type f
	assert_output ''
}
