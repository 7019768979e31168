#!/usr/bin/env bats
# Security of the pipelines (issue 10): file names and article text are
# data, never code.  Hostile file names (spaces, quotes, a newline, a TAB,
# leading dashes, shell syntax, glob characters) go through annotate,
# annotate -j, map-by-day and nightly-digest; article text written as shell
# syntax goes through every stage and the digest; the temporary files are
# made with mktemp and gone afterwards, whether the run succeeds, fails or
# is killed; in headless Chromium, markup and script in every field of the
# records (doc, title, text, names, themes, --title) stay text in the HTML
# digest, with its Content-Security-Policy and without it.  Nothing here
# may create a file named pwned*: a check after
# each test looks for one under the test's directory and the working
# directory.

load helper
bats_require_minimum_version 1.5.0

ANNOTATE="$TOP/pipelines/annotate"
ND="$TOP/pipelines/nightly-digest"
MAP="$TOP/pipelines/map-by-day"

# A sample without a URL header, so that the doc is the path.
PLAIN=2024-11-18-northwatch-yanggang-harvest.txt

# The hostile names, one per line of NAMES, with $'...' for the newline and
# the TAB.
names() {
	NAMES=(
		'two words.txt'
		"it's \"quoted\".txt"
		$'new\nline.txt'
		$'a\ttab.txt'
		'-n.txt'
		'--help.txt'
		'$(touch pwned).txt'
		'`touch pwned-bq`.txt'
		'; touch pwned-semi; .txt'
		'*?[a].txt'
		"\\backslash.txt"
	)
}

# doc_of NAME: the doc id ingest gives NAME (in the current directory): TAB
# and LF become spaces; annotate makes a leading dash ./-.
doc_of() {
	local d=${1//$'\t'/ }
	d=${d//$'\n'/ }
	case $d in -*) d=./$d ;; esac
	printf '%s\n' "$d"
}

setup() {
	names
	W=$BATS_TEST_TMPDIR/w
	mkdir -p "$W"
	for n in "${NAMES[@]}" plain.txt; do
		cp -- "$SAMPLES/$PLAIN" "$W/$n"
	done
}

teardown() {
	local found
	pkill -f "sleeper-$BATS_TEST_TMPDIR" || true
	found=$(find "$BATS_TEST_TMPDIR" "$PWD" -maxdepth 4 -name 'pwned*' 2>/dev/null)
	[ -z "$found" ] || fail "a command ran: $found"
}

# the records of plain.txt but field 1, to compare every copy with
expected_rest() { "$ANNOTATE" -- "$W/plain.txt" | cut -f2-; }

@test "annotate: each hostile name is read, its path is the doc, the records are the plain copy's" {
	local rest n
	rest=$(expected_rest)
	[ -n "$rest" ]
	cd "$W"
	for n in "${NAMES[@]}"; do
		run --separate-stderr "$ANNOTATE" -- "$n"
		assert_success
		assert_equal "$(printf '%s\n' "$output" | cut -f2-)" "$rest"
		assert_equal "$(printf '%s\n' "$output" | cut -f1 | sort -u)" "$(doc_of "$n")"
	done
}

@test "annotate: all of them at once, and a directory of them, lose no document" {
	local want
	want=$(for n in "${NAMES[@]}" plain.txt; do doc_of "$n"; done | sort)
	cd "$W"
	run --separate-stderr "$ANNOTATE" -- "${NAMES[@]}" plain.txt
	assert_success
	assert_equal "$(printf '%s\n' "$output" | cut -f1 | sort -u)" "$want"
	# a directory: ingest lists it itself, paths under it
	run --separate-stderr "$ANNOTATE" -- "$W"
	assert_success
	assert_equal "$(printf '%s\n' "$output" | cut -f1 | sort -u | wc -l)" "$(( ${#NAMES[@]} + 1 ))"
}

@test "annotate -j 2: the same records as the serial run, hostile names and all" {
	command -v parallel >/dev/null || fail 'GNU parallel is not installed (tools/install-deps)'
	cd "$W"
	run --separate-stderr bash -c 'diff <("$1" -- "${@:2}") <("$1" -j 2 -- "${@:2}")' _ \
	    "$ANNOTATE" "${NAMES[@]}" plain.txt
	assert_success
}

@test "map-by-day: hostile names keep their records and their key" {
	cd "$W"
	run --separate-stderr "$MAP" -- "${NAMES[@]}"
	assert_success
	# the key is the day (the sample has no date header: empty), then the record
	assert_equal "$(printf '%s\n' "$output" | cut -f1 | sort -u)" "$("$ANNOTATE" -- plain.txt | cut -f4 | sort -u)"
	assert_equal "$(printf '%s\n' "$output" | cut -f2 | sort -u | wc -l)" "${#NAMES[@]}"
}

@test "nightly-digest: a spool and an output directory with hostile names" {
	local spool="$BATS_TEST_TMPDIR/sp ool \$(touch pwned-dir)" out="$BATS_TEST_TMPDIR/o'ut \"x\""
	mkdir -p "$spool/2024-11-18"
	cp -- "$W"/* "$spool/2024-11-18/"
	run --separate-stderr "$ND" --date 2024-11-18 -- "$spool" "$out"
	assert_success
	assert_equal "$(cut -f1 "$out/records/2024-11-18.tsv" | sort -u | wc -l)" "$(( ${#NAMES[@]} + 1 ))"
	[ -s "$out/digest/2024-11-18.html" ] && [ -s "$out/digest/2024-11-18.md" ]
	[ -s "$out/history/2024-11-18.tsv" ]
	run find "$out" -name '.tmp.*'
	assert_output ''
}

# An article whose every paragraph holds shell syntax, in sentences that
# declutter keeps as prose.
shell_article() {
	cat <<-'EOF'
	Title: Pyongyang $(touch pwned-title) talks; `touch pwned-bq` resume

	North Korea said on Monday that $(touch pwned) talks with Seoul would resume in Pyongyang.

	Officials in Seoul replied '; touch pwned-quote; ' and "$(touch pwned-dq)" on Tuesday.

	A source in Seoul said ${IFS}touch${IFS}pwned-ifs and $HOME were never expanded when Kim Jong Un met Choe Son Hui.

	North Korean state media said the <script>alert(1)</script> statement on nuclear talks ran to $((6*7)) words.
	EOF
}

@test "article text written as shell syntax is text in every stage and the digest" {
	local spool=$BATS_TEST_TMPDIR/spool out=$BATS_TEST_TMPDIR/out
	mkdir -p "$spool/2024-11-18"
	shell_article >"$spool/2024-11-18/shell.txt"
	cp "$SAMPLES/$PLAIN" "$spool/2024-11-18/"
	run --separate-stderr "$ND" --date 2024-11-18 "$spool" "$out"
	assert_success
	run grep -c -F -e '$(touch pwned)' -e '`touch pwned-bq`' -e "'; touch pwned-quote; '" \
	    -e '${IFS}touch${IFS}pwned-ifs' -e '$((6*7))' "$out/records/2024-11-18.tsv"
	assert_output 5		# title, and one sentence for each of the four
	grep -q -F 'touch pwned' "$out/digest/2024-11-18.md"
	grep -q -F '&lt;script&gt;alert(1)&lt;/script&gt;' "$out/digest/2024-11-18.html"
	run grep -c '<script' "$out/digest/2024-11-18.html"
	assert_output 0
}

@test "annotate -j: its job logs are made with mktemp in TMPDIR and removed" {
	command -v parallel >/dev/null || fail 'GNU parallel is not installed (tools/install-deps)'
	export TMPDIR=$BATS_TEST_TMPDIR/tmp
	mkdir "$TMPDIR"
	run --separate-stderr "$ANNOTATE" -j 2 -- "$SAMPLES"
	assert_success
	run ls -A "$TMPDIR"
	assert_output ''
	# and when a stage fails
	run --separate-stderr "$ANNOTATE" -j 2 <<<$'doc\tx\t0'
	assert_failure 65
	run ls -A "$TMPDIR"
	assert_output ''
}

# sleeper FILE: a stage that says it started (FILE.started) and then sleeps,
# as a process that pgrep -f "sleeper-$BATS_TEST_TMPDIR" finds.
sleeper() {
	printf '#!/bin/bash\ntouch "$0.started"\nexec -a "sleeper-%s" sleep 60\n' "$BATS_TEST_TMPDIR" >"$1"
	chmod +x "$1"
}

@test "annotate: a TERM or an INT to the script alone stops its stages at once, -j too" {
	local bin=$BATS_TEST_TMPDIR/bin p pid i st sig mode start
	mkdir -p "$bin"
	for p in ingest normalize declutter sentence-split entity-tag date-resolve theme-score; do
		ln -s "$BIN/$p" "$bin/$p"
	done
	rm "$bin/entity-tag"
	sleeper "$bin/entity-tag"
	export TMPDIR=$BATS_TEST_TMPDIR/tmp
	mkdir "$TMPDIR"
	for mode in serial -j; do
		[ $mode = serial ] || command -v parallel >/dev/null || fail 'GNU parallel is not installed (tools/install-deps)'
		for sig in TERM INT; do
			rm -f "$bin/entity-tag.started"
			# a job started with & ignores INT; as a command typed at a
			# terminal, it does not
			if [ $mode = serial ]; then set --; else set -- -j 2; fi
			NEWSFILTER_BIN=$bin perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV' \
			    "$ANNOTATE" "$@" -- "$W" >/dev/null 2>&1 &
			pid=$!
			for ((i = 0; i < 100; i++)); do [ -e "$bin/entity-tag.started" ] && break; sleep 0.1; done
			[ -e "$bin/entity-tag.started" ] || fail "$mode: the stage did not start"
			start=$SECONDS
			kill -$sig "$pid"
			st=0
			wait "$pid" || st=$?
			if [ $sig = TERM ]; then assert_equal "$mode $st" "$mode 143"; else assert_equal "$mode $st" "$mode 130"; fi
			[ $((SECONDS - start)) -lt 10 ] || fail "$mode $sig: it took $((SECONDS - start)) s to stop"
			run pgrep -f "sleeper-$BATS_TEST_TMPDIR"
			assert_output ''
			run pgrep -f "$BIN/(normalize|declutter|sentence-split)"
			assert_output ''
			run ls -A "$TMPDIR"
			assert_output ''
		done
	done
}

@test "nightly-digest: no temporary file left after a failure or a kill" {
	local spool=$BATS_TEST_TMPDIR/spool out=$BATS_TEST_TMPDIR/out bin=$BATS_TEST_TMPDIR/bin p
	mkdir -p "$spool/2024-11-18" "$bin"
	cp "$SAMPLES/$PLAIN" "$spool/2024-11-18/"
	for p in ingest normalize declutter sentence-split entity-tag date-resolve theme-score digest; do
		ln -s "$BIN/$p" "$bin/$p"
	done
	# a failing stage
	rm "$bin/entity-tag"
	printf '#!/bin/sh\ncat >/dev/null\nexit 3\n' >"$bin/entity-tag"
	chmod +x "$bin/entity-tag"
	NEWSFILTER_BIN=$bin run --separate-stderr "$ND" --date 2024-11-18 "$spool" "$out"
	assert_failure 3
	run find "$out" -name '.tmp.*'
	assert_output ''
	# killed in the middle, by a TERM to the script alone (as timeout(1)
	# sends it) and to its process group (as systemd's stop does): at once,
	# the stages with it, nothing left
	sleeper "$bin/entity-tag"
	local pid i st group start
	for group in no yes; do
		rm -f "$bin/entity-tag.started"
		if [ $group = yes ]; then
			NEWSFILTER_BIN=$bin setsid "$ND" --date 2024-11-18 "$spool" "$out" 2>"$BATS_TEST_TMPDIR/err" &
		else
			NEWSFILTER_BIN=$bin "$ND" --date 2024-11-18 "$spool" "$out" 2>"$BATS_TEST_TMPDIR/err" &
		fi
		pid=$!
		for ((i = 0; i < 100; i++)); do [ -e "$bin/entity-tag.started" ] && break; sleep 0.1; done
		[ -e "$bin/entity-tag.started" ]
		find "$out" -name '.tmp.*' | grep -q .		# it was there
		start=$SECONDS
		if [ $group = yes ]; then kill -TERM -- "-$pid"; else kill -TERM "$pid"; fi
		st=0
		wait "$pid" || st=$?
		assert_equal "$st" 143
		[ $((SECONDS - start)) -lt 10 ] || fail "it took $((SECONDS - start)) s to stop"
		sleep 0.5
		run pgrep -f "sleeper-$BATS_TEST_TMPDIR"
		assert_output ''
		run find "$out" -name '.tmp.*'
		assert_output ''
		[ ! -e "$out/records/2024-11-18.tsv" ]
		# its own last word, not bash's "Terminated"
		run tail -n 1 "$BATS_TEST_TMPDIR/err"
		assert_output 'nightly-digest: 2024-11-18: stopped by TERM: nothing written'
	done
}

# probe DIR: DIR/probe.html loads DIR/digest.html in a frame and writes what
# ran and what the page holds into its <pre id="out">.
probe() {
	cat >"$1/probe.html" <<-'EOF'
	<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
	<iframe id="f" src="digest.html"></iframe><pre id="out"></pre><script>
	window.pwned = [];
	document.getElementById('f').addEventListener('load', function () {
		var d = this.contentDocument, all = d.querySelectorAll('*'), on = 0, bad = 0;
		for (var i = 0; i < all.length; i++)
			for (var j = 0; j < all[i].attributes.length; j++)
				on += /^on/i.test(all[i].attributes[j].name);
		d.querySelectorAll('[href]').forEach(function (a) {
			bad += !/^(https?:\/\/|#)/i.test(a.getAttribute('href'));
		});
		setTimeout(function () {
			document.getElementById('out').textContent = [
			    'ran ' + (window.pwned.join(' ') || 'nothing'),
			    'scripts ' + d.getElementsByTagName('script').length,
			    'handlers ' + on, 'bad links ' + bad,
			    'embedded ' + d.querySelectorAll('img, iframe, object, embed, link, base, form').length,
			    'text ' + (d.body.textContent.indexOf('<script>parent.pwned.push(1)<\/script>') >= 0)
			].join(', ');
		}, 500);
	});
	</script></body></html>
	EOF
}

@test "chromium: markup and script in every field reach the HTML digest as text; nothing runs" {
	local dir=$BATS_TEST_TMPDIR/web s='<script>parent.pwned.push(1)</script>'
	local img='<img src=x onerror="parent.pwned.push(2)">' svg='<svg onload=parent.pwned.push(3)>'
	mkdir "$dir"
	{
		# doc, title, text, entity names, theme names, each carrying markup
		rec "https://x.example/\"><script>parent.pwned.push(4)</script>" 0 1 2024-11-18 "Title $s $img" '' '' "nuclear:0.90"
		rec "https://x.example/\"><script>parent.pwned.push(4)</script>" 1 1 2024-11-18 \
		    "On Monday $s Kim Jong Un met $img officials $svg in Pyongyang for talks." \
		    "PER:Kim $img@13-24;ORG:$svg@0-2;LOC:</title>$s@0-2" 'DATE:2024-11-18@0-9' "nuclear:0.90;$svg:0.50"
		rec "javascript:parent.pwned.push(5)" 0 1 2024-11-18 "A title that is long enough to be shown" '' '' "nuclear:0.80"
		rec "javascript:parent.pwned.push(5)" 1 1 2024-11-18 \
		    "North Korea's nuclear programme ' onmouseover='parent.pwned.push(6) was discussed on Monday." '' \
		    'DATE:2024-11-18@71-80' "nuclear:0.80"
		rec "https://evil\"><img src=x onerror=parent.pwned.push(7)>.example/a" 1 1 2024-11-18 \
		    "The missile test of $s on Monday drew a protest from Seoul and Tokyo." '' '' "nuclear:0.70"
	} >"$dir/in.tsv"
	digest -f html --title "News $s $img" "$dir/in.tsv" >"$dir/digest.html"
	grep -q "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">" "$dir/digest.html"
	probe "$dir"
	run --separate-stderr chrome --allow-file-access-from-files --virtual-time-budget=10000 --dump-dom "file://$dir/probe.html"
	assert_output --partial '<pre id="out">ran nothing, scripts 0, handlers 0, bad links 0, embedded 0, text true</pre>'
	# the escaping alone, without the policy that would stop a script anyway
	sed -i '/Content-Security-Policy/d' "$dir/digest.html"
	run --separate-stderr chrome --allow-file-access-from-files --virtual-time-budget=10000 --dump-dom "file://$dir/probe.html"
	assert_output --partial '<pre id="out">ran nothing, scripts 0, handlers 0, bad links 0, embedded 0, text true</pre>'
	# the control: the same report with payloads let through is caught
	sed -i "0,/<h1>/s||<h1><script>parent.pwned.push(9)</script>$img|" "$dir/digest.html"
	run --separate-stderr chrome --allow-file-access-from-files --virtual-time-budget=10000 --dump-dom "file://$dir/probe.html"
	assert_output --regexp '<pre id="out">ran 9( 2)?, scripts 1, handlers 1, bad links 0, embedded 1, text true</pre>'
}
