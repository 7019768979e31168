#!/usr/bin/env bats
# properties: what must hold for any input, checked over the sample
# articles and over random records (awk, srand(42): the same every run).
#   - records in = records out for every 1:1 filter, fields 1 to 4 and 9+
#     untouched, and the fields a filter does not own untouched too;
#   - the sentences of a record rejoin to its text;
#   - every offset lies inside its text, on character boundaries;
#   - normalize is idempotent; digest gives the same report twice.

load helper

export LC_ALL=C	# awk counts bytes

setup_file() {
	local d=$BATS_FILE_TMPDIR
	ingest "$SAMPLES" | normalize >"$d/samples.rec"
	random_records >"$d/random.raw"
	normalize "$d/random.raw" >"$d/random.rec"
}

# Random records: news words, names, dates, punctuation, multibyte and
# invisible characters, mojibake, invalid UTF-8; items at token bounds;
# 0 to 3 user fields.  Deterministic: srand(42).
random_records() {
	awk 'BEGIN {
	srand(42)
	nw = split("Kim|Jong|Un|visited|Pyongyang|on|Friday|the|KCNA|said|" \
	    "Mr.|U.S.|e.g.|Nov.|17|5|p.m.|2024-11-18|last|October|two|days|" \
	    "ago|in|2018|the 1990s|missile|nuclear|Russia|troops|sanctions|" \
	    "(AP)|[1]|1.|2)|...|\342\200\246|\343\200\202|\357\274\237|" \
	    "\342\200\234quoted\342\200\235|caf\303\251|\352\271\200\354\240\225\354\235\200|" \
	    "\345\214\227\346\234\235\351\256\256|e\314\201|\303\242\342\202\254\342\204\242|" \
	    "\302\240|\342\200\213|\302\255|\200|\303|\355\240\200|\300\257|" \
	    "Yahoo!|Why?|4.1|example.com|a@b.org|-|\342\200\224|&|<b>|;|@|:", w, "|")
	for (d = 0; d < 150; d++) {
		np = 1 + int(rand() * 8)
		date = rand() < 0.7 ? sprintf("2024-%02d-%02d", 1 + int(rand() * 12), 1 + int(rand() * 28)) : ""
		for (p = 0; p < np; p++) {
			n = 1 + int(rand() * 40); t = ""; items = ""; ni = 0
			for (k = 0; k < n; k++) {
				tok = w[1 + int(rand() * nw)]
				sep = k == 0 ? "" : (rand() < 0.9 ? " " : (rand() < 0.5 ? "  " : (rand() < 0.5 ? "\r" : "")))
				t = t sep
				s = length(t); t = t tok; e = length(t)
				if (tok ~ /^[A-Za-z0-9]/ && rand() < 0.15) {
					items = items (ni++ ? ";" : "") (rand() < 0.5 ? "PER" : "LOC") ":" tok "@" s "-" e
				}
			}
			nu = int(rand() * 4); user = ""
			for (u = 0; u < nu; u++) user = user "\tu" u "-" int(rand() * 1000) (rand() < 0.3 ? "\303\251" : "")
			printf "https://r.example/%d\t%d\t0\t%s\t%s\t%s\t\t%s\n", d, p, date, t, items, user
		}
	}
	}'
}

# same_frame IN OUT: OUT has IN's records, one for one, with fields 1 to 4
# and 9+ and the fields listed in $KEEP (e.g. "6 7") the same.
same_frame() {
	awk -F'\t' -v keep="${KEEP-}" '
	function frame(   s, i, n, k) {
		s = $1 "\t" ($2 + 0) "\t" ($3 + 0) "\t" $4
		for (i = 9; i <= NF; i++) s = s "\t" $i
		n = split(keep, k, " ")
		for (i = 1; i <= n; i++) s = s "\t[" k[i] "]" $(k[i])
		return s
	}
	NR == FNR { want[FNR] = frame(); nin = FNR; next }
	{ if (want[FNR] != frame()) { print "record " FNR " changed: " substr($0, 1, 200); bad = 1; exit 1 } nout = FNR }
	END { if (bad) exit 1
	      if (nin != nout) { print nin " records in, " nout " out"; exit 1 } }' "$1" "$2"
}

# offsets FILE: every item of fields 6 and 7 is TYPE:VALUE@START-END with
# START <= END <= the length of field 5, both on character boundaries
offsets() {
	awk -F'\t' '
	BEGIN { for (i = 128; i < 192; i++) cont[sprintf("%c", i)] = 1 }
	function bound(t, o) {
		return o == 0 || o == length(t) || (o < length(t) && !(substr(t, o + 1, 1) in cont))
	}
	{
		for (f = 6; f <= 7; f++) {
			n = split($f, it, ";")
			for (k = 1; k <= n; k++) {
				if (it[k] == "") { print FNR ": empty item in field " f; exit 1 }
				if (it[k] !~ /^[^:]+:.*@[0-9]+-[0-9]+$/) { print FNR ": bad item " it[k]; exit 1 }
				match(it[k], /@[0-9]+-[0-9]+$/)
				split(substr(it[k], RSTART + 1), se, "-")
				s = se[1] + 0; e = se[2] + 0
				if (s > e || e > length($5)) { print FNR ": " it[k] " outside a text of " length($5) " bytes"; exit 1 }
				if (!bound($5, s) || !bound($5, e)) { print FNR ": " it[k] " inside a character"; exit 1 }
			}
		}
	}' "$1"
}

# rejoin IN OUT: the sentences in OUT of each record of IN (all sent 0),
# numbered from 1, give back its text joined with one space, or with none
# after a full-width terminal (。？！｡); fields 1 to 4 (but sent), 8 and 9+
# are the record's; the items are as many as the record's.
rejoin() {
	awk -F'\t' '
	function items(s,   n, a, i, c) { n = split(s, a, ";"); c = 0
		for (i = 1; i <= n; i++) c += a[i] != ""; return c }
	function rest(   s, i) { s = $1 "\t" ($2 + 0) "\t" $4 "\t" $8
		for (i = 9; i <= NF; i++) s = s "\t" $i; return s }
	function wide_end(s) { return s ~ /(\343\200\202|\357\274\237|\357\274\201|\357\275\241)[^ A-Za-z0-9]*$/ }
	function fail(m) { print "record " r ": " m; bad = 1; exit 1 }
	function done() {
		if (r == 0) return
		if (pos != length(text) + 1) fail("sentences end at " pos - 1 " of " length(text) " bytes")
		if (nit != want_items) fail(nit " items in the sentences, " want_items " in the record")
	}
	NR == FNR { txt[FNR] = $5; frm[FNR] = rest(); its[FNR] = items($6) + items($7); nin = FNR; next }
	{
		if ($3 == 1) { done(); r++; text = txt[r]; pos = 1; nit = 0; want_items = its[r]; prev = "" }
		else if ($3 != want_sent) fail("sentence " $3 " after " want_sent - 1)
		want_sent = $3 + 1
		if (r > nin) fail("more records than in")
		if (rest() != frm[r]) fail("fields changed: " substr($0, 1, 200))
		if ($3 > 1) {
			if (substr(text, pos, 1) == " ") pos++
			else if (!wide_end(prev)) fail("no space between sentences " $3 - 1 " and " $3 ": " prev)
		}
		if (substr(text, pos, length($5)) != $5) fail("sentence " $3 " is not the text at byte " pos - 1 ": " $5)
		if ($3 > 1 && substr($5, 1, 1) == " ") fail("sentence " $3 " begins with a space")
		pos += length($5); nit += items($6) + items($7); prev = $5
	}
	END { if (bad) exit 1; done(); if (bad) exit 1
	      if (r != nin) { print nin " records in, sentences of " r; exit 1 } }' "$1" "$2"
}

# ---- the 1:1 filters -------------------------------------------------------

# one_to_one PROG KEEP IN: PROG on IN passes every record, fields 1-4, 9+
# and the fields KEEP unchanged
one_to_one() {
	local out=$BATS_TEST_TMPDIR/out
	"$BIN/$1" "$3" >"$out" || fail "$1 failed on $3"
	KEEP=$2 run same_frame "$3" "$out"
	assert_success
}

@test "samples: normalize, entity-tag, date-resolve, theme-score are 1:1 and keep what is not theirs" {
	local in=$BATS_FILE_TMPDIR/samples.rec
	[ "$(wc -l <"$in")" -gt 100 ]
	one_to_one normalize "8" "$in"
	one_to_one entity-tag "5 7 8" "$in"
	one_to_one date-resolve "5 6 8" "$in"
	one_to_one theme-score "5 6 7" "$in"
}

@test "random records: normalize is 1:1 and keeps fields 1-4, 8, 9+" {
	one_to_one normalize "8" "$BATS_FILE_TMPDIR/random.raw"
}

@test "random records: entity-tag, date-resolve, theme-score are 1:1 and keep what is not theirs" {
	local in=$BATS_FILE_TMPDIR/random.rec
	[ "$(wc -l <"$in")" -gt 500 ]
	one_to_one entity-tag "5 7 8" "$in"
	one_to_one date-resolve "5 6 8" "$in"
	one_to_one theme-score "5 6 7" "$in"
}

@test "random records: declutter --mark is 1:1, every record once, the rest kept or rejected" {
	local in=$BATS_FILE_TMPDIR/random.rec d=$BATS_TEST_TMPDIR
	declutter --mark "$in" | awk -F'\t' -v OFS='\t' '{ NF--; print }' >"$d/marked"
	run same_frame "$in" "$d/marked"
	assert_success
	declutter --rejects "$d/rejects" "$in" >"$d/kept"
	[ $(($(wc -l <"$d/kept") + $(wc -l <"$d/rejects"))) -eq "$(wc -l <"$in")" ]
}

# ---- sentences --------------------------------------------------------------

@test "samples: the sentences of each paragraph rejoin to it, items and all" {
	local out=$BATS_TEST_TMPDIR/out
	sentence-split "$BATS_FILE_TMPDIR/samples.rec" >"$out"
	run rejoin "$BATS_FILE_TMPDIR/samples.rec" "$out"
	assert_success
	run offsets "$out"
	assert_success
}

@test "random records: the sentences of each record rejoin to it, items and all" {
	local out=$BATS_TEST_TMPDIR/out
	sentence-split "$BATS_FILE_TMPDIR/random.rec" >"$out"
	run rejoin "$BATS_FILE_TMPDIR/random.rec" "$out"
	assert_success
	run offsets "$out"
	assert_success
}

@test "sentences are joined without a space only after a full-width terminal" {
	# 。 then a sentence right after it: joined with no space
	run bash -c "printf 'd\t1\t0\t\t北朝鮮が発射した。韓国が発表した。\n' | sentence-split | cut -f5"
	assert_output $'北朝鮮が発射した。\n韓国が発表した。'
	run bash -c "printf 'd\t1\t0\t\tKim\xef\xbc\x9f.m. visited Pyongyang.\n' >'$BATS_TEST_TMPDIR/r'; sentence-split '$BATS_TEST_TMPDIR/r' >'$BATS_TEST_TMPDIR/o'"
	run rejoin "$BATS_TEST_TMPDIR/r" "$BATS_TEST_TMPDIR/o"
	assert_success
}

# ---- offsets ---------------------------------------------------------------

@test "samples: every offset of the annotated pipeline lies in its text, on character boundaries" {
	local out=$BATS_TEST_TMPDIR/out
	"$TOP/pipelines/annotate" "$SAMPLES" >"$out"
	[ "$(wc -l <"$out")" -gt 100 ]
	run offsets "$out"
	assert_success
	# and the stages found something to check
	[ "$(cut -f6 "$out" | grep -c @)" -gt 50 ]
	[ "$(cut -f7 "$out" | grep -c @)" -gt 20 ]
}

@test "random records: every offset after each stage lies in its text, on character boundaries" {
	local d=$BATS_TEST_TMPDIR in=$BATS_FILE_TMPDIR/random.rec
	run offsets "$in"
	assert_success
	sentence-split "$in" >"$d/s"
	entity-tag "$d/s" >"$d/e"
	date-resolve "$d/e" >"$d/t"
	theme-score "$d/t" >"$d/th"
	for f in s e t th; do
		run offsets "$d/$f"
		assert_success
	done
	[ "$(cut -f6 "$d/th" | grep -c @)" -gt 100 ]
	[ "$(cut -f7 "$d/th" | grep -c @)" -gt 100 ]
}

@test "random records: normalize moves every offset onto a character boundary" {
	# the raw items sit at token bounds, some before a stray byte
	run offsets "$BATS_FILE_TMPDIR/random.rec"
	assert_success
	[ "$(cut -f6 "$BATS_FILE_TMPDIR/random.rec" | grep -c @)" -gt 100 ]
}

@test "normalize writes valid UTF-8 without TAB, CR or NUL in field 5" {
	for f in samples.rec random.rec; do
		run bash -c "cut -f5 '$BATS_FILE_TMPDIR/$f' | iconv -f UTF-8 -t UTF-8 >/dev/null"
		assert_success
		run bash -c "cut -f5 '$BATS_FILE_TMPDIR/$f' | tr -d -c '\r\000' | wc -c"
		assert_output 0
	done
}

# ---- idempotence and determinism ------------------------------------------

@test "normalize is idempotent: samples and random records, every form" {
	local d=$BATS_TEST_TMPDIR
	for opts in "" "-a" "-f NFD" "-f NFKC" "-f NFKD -a" "--keep-space"; do
		# shellcheck disable=SC2086
		normalize $opts "$BATS_FILE_TMPDIR/random.raw" "$BATS_FILE_TMPDIR/samples.rec" >"$d/once"
		# shellcheck disable=SC2086
		normalize $opts "$d/once" >"$d/twice"
		cmp -s "$d/once" "$d/twice" ||
			fail "normalize $opts: not idempotent: $(diff "$d/once" "$d/twice" | head -c 400)"
	done
}

@test "digest gives the same report twice, in every format" {
	local d=$BATS_TEST_TMPDIR
	"$TOP/pipelines/annotate" "$SAMPLES" >"$d/ann"
	for fmt in md html txt; do
		digest -f "$fmt" "$d/ann" >"$d/a"
		digest -f "$fmt" "$d/ann" >"$d/b"
		cmp -s "$d/a" "$d/b" || fail "digest -f $fmt differs from run to run"
		[ -s "$d/a" ]
	done
}
