#!/usr/bin/env bats
# normalize: clean field 5, move the offsets of fields 6 and 7 with it.

load helper

NORMTEST="$TOP/build/tests/normtest"
UNITEST=/usr/share/unicode/NormalizationTest.txt.bz2
F="$FIXTURES/normalize"

# text_of TEXT [OPTION...]: field 5 of normalizing one record holding TEXT
text_of() {
	rec d 1 0 "" "$1" | normalize "${@:2}" | cut -f5
}

# Like text_of, but the bytes of the result as hex: for what is invisible
hex_of() {
	rec d 1 0 "" "$1" | normalize "${@:2}" | cut -f5 | tr -d '\n' |
		od -An -tx1 | tr -d ' \n'
}

# annots TEXT ENTITIES [DATES] [OPTION...]: fields 5 to 7 of the result
annots() {
	rec d 1 0 "" "$1" "$2" "${3-}" | normalize "${@:4}" | cut -f5-7
}

need_normtest() {
	[ -x "$NORMTEST" ] || fail "build it first: make build/tests/normtest"
}

# ---- white space ----

@test "a run of spaces becomes one space" {
	run text_of "Kim   Jong    Un"
	assert_success
	assert_output "Kim Jong Un"
}

@test "no-break, thin, ideographic and other Unicode spaces become one space" {
	run text_of $'a\u00a0b\u2009c\u3000d\u202fe\u205ff\u1680g\u2002\u2003h\u200ai'
	assert_output "a b c d e f g h i"
}

@test "line and paragraph separators, NEL, VT and FF are white space" {
	run text_of $'one\u2028two\u2029three\u0085four\vfive\fsix'
	assert_output "one two three four five six"
}

@test "a CR inside the text becomes a space" {
	run text_of $'first line\rsecond line'
	assert_output "first line second line"
}

@test "mixed runs of white space become one space" {
	run text_of $'Seoul \u00a0\u2009 said'
	assert_output "Seoul said"
}

@test "leading and trailing white space is removed" {
	run text_of $'\u00a0  \u3000Pyongyang said.  \u00a0'
	assert_output "Pyongyang said."
}

@test "a text of white space only becomes empty" {
	run normalize <<<"$(rec d 1 0 2024-01-02 $' \u00a0 \u3000 ' PER:x@1-3)"
	assert_success
	assert_output "$(exp d 1 0 2024-01-02 '' PER:x@0-0 '' '')"
}

@test "an empty text stays empty" {
	run normalize <<<"$(rec d 3 2 '' '')"
	assert_output "$(exp d 3 2 '' '' '' '' '')"
}

# ---- invisible characters ----

@test "C0 and C1 controls and DEL are removed" {
	run hex_of $'a\x01b\x1bc\x7fd\u0080e\u009ff'
	assert_output "616263646566"
}

@test "NUL bytes in the text are removed" {
	run bash -c "printf 'd\t1\t0\t\tKim\0 Jong\0\0Un\n' | normalize | cut -f5"
	assert_output "Kim JongUn"
}

@test "zero-width space, joiners, word joiner and BOM are removed" {
	run text_of $'\ufeffNorth\u200b Korea\u200c\u200d\u2060\ufeff'
	assert_output "North Korea"
}

@test "the soft hyphen is removed" {
	run text_of $'inter\u00adcontinental bal\u00adlis\u00adtic'
	assert_output "intercontinental ballistic"
}

@test "bidirectional marks and embeddings are removed" {
	run text_of $'\u200eKim\u200f \u202aJong\u202c \u2066Un\u2069'
	assert_output "Kim Jong Un"
}

@test "an invisible character between two spaces leaves one space" {
	run text_of $'Kim \u200b Jong \u00ad\u00a0Un'
	assert_output "Kim Jong Un"
}

# ---- normalization forms ----

@test "NFC composes a letter and a combining accent" {
	run hex_of $'Cafe\u0301'
	assert_output "436166c3a9"
}

@test "NFC composes across a removed zero-width character" {
	run hex_of $'e\u200b\u0301'
	assert_output "c3a9"
}

@test "NFC composes conjoining Hangul jamo into syllables" {
	run text_of $'\u1100\u1175\u11b7\u110c\u1165\u11bc\u110b\u1173\u11ab'
	assert_output "김정은"
}

@test "NFC adds a trailing jamo to a precomposed syllable" {
	run text_of $'\uae30\u11b7'
	assert_output "김"
}

@test "NFC puts combining marks in canonical order" {
	# D + dot above + dot below -> D with dot below + dot above
	run hex_of $'D\u0307\u0323'
	assert_output "e1b88ccc87"
}

@test "NFC leaves precomposed and compatibility characters alone" {
	run text_of "résumé ﬁle ① Ⅻ ＡＢ"
	assert_output "résumé ﬁle ① Ⅻ ＡＢ"
}

@test "--form NFD decomposes accents and Hangul syllables" {
	run hex_of "é김" --form NFD
	assert_output "65cc81e18480e185b5e186b7"
}

@test "--form NFKC folds compatibility characters" {
	run text_of "ﬁle ① Ⅻ ＡＢ㎞ x²" --form NFKC
	assert_output "file 1 XII ABkm x2"
}

@test "--form NFKD decomposes compatibility and canonical forms" {
	run hex_of "ﬁé" --form NFKD
	assert_output "666965cc81"
}

@test "--form NFKC turns the ellipsis into three dots" {
	run text_of "He said… nothing" -f NFKC
	assert_output "He said... nothing"
}

@test "--form NFKC squeezes the spaces a compatibility decomposition makes" {
	# U+00A8 DIAERESIS is NFKC " " + U+0308
	run hex_of $'\u00a8a \u00a8 \u00a8\u00a8' --form NFKC
	assert_output "cc886120cc8820cc8820cc88"
	run hex_of $'\u00a8a \u00a8 \u00a8\u00a8' --form NFKC --no-repair
	assert_output "cc886120cc8820cc8820cc88"
}

@test "--form NFKC moves offsets past the spaces it squeezes" {
	# U+1FEE (3 bytes) is NFKC " " + U+0308 + U+0301 (5): its space goes
	run annots $'x \u1fee y' 'X:x@0-1;D:d@2-5;Y:y@6-7' '' -f NFKC --no-repair
	assert_output "$(exp $'x \u0308\u0301 y' 'X:x@0-1;D:d@2-6;Y:y@7-8' '')"
}

@test "NFC composing a lead character makes mojibake that is repaired" {
	# A + U+0303 is Ã, and Ã© is the mojibake of é
	run text_of $'CafA\u0303\u00a9'
	assert_output "Café"
	run text_of $'CafA\u0303\u00a9' --no-repair
	assert_output "CafÃ©"
}

@test "--form takes its argument in either case" {
	run hex_of "é" --form nfd
	assert_output "65cc81"
}

@test "--form with an unknown form is a usage error" {
	run normalize --form NFX </dev/null
	assert_failure 2
	assert_output --partial "normalize: unknown form 'NFX': NFC, NFD, NFKC or NFKD"
	assert_output --partial "Try 'normalize --help'"
}

# ---- mojibake ----

@test "mojibake of the right single quote is repaired" {
	run text_of "Pyongyangâ€™s missile"
	assert_output "Pyongyang’s missile"
}

@test "mojibake of double quotes is repaired, also with the C1 control for 0x9D" {
	run text_of $'â€œcountermeasuresâ€\u009d'
	assert_output "“countermeasures”"
}

@test "mojibake of dashes and the ellipsis is repaired" {
	run text_of "Seoul â€“ Tokyo â€” andâ€¦"
	assert_output "Seoul – Tokyo — and…"
}

@test "mojibake of Latin-1 letters is repaired" {
	run text_of "CafÃ© in PyÃ¶ngyang, MÃ¼nchen, SÃ£o TomÃ©"
	assert_output "Café in Pyöngyang, München, São Tomé"
}

@test "mojibake of a no-break space becomes a space" {
	run text_of $'Kim\u00c2\u00a0Jong Un'
	assert_output "Kim Jong Un"
}

@test "mojibake of Korean is repaired, soft hyphen and NBSP bytes included" {
	# 한국 is ED 95 9C EA B5 AD; 저 is EC A0 80
	run text_of $'\u00ed\u2022\u0153\u00ea\u00b5\u00ad \u00ec\u00a0\u20ac'
	assert_output "한국 저"
}

@test "text encoded as mojibake twice is repaired twice" {
	# the UTF-8 of â€™ read as Windows-1252 again
	run text_of "KimÃ¢â‚¬â„¢s"
	assert_output "Kim’s"
}

@test "mojibake next to a removed character is repaired" {
	run text_of $'Caf\u00c3\u200b\u00a9'
	assert_output "Café"
}

@test "a lead character followed by a space is not mojibake" {
	run text_of "Ã la carte, Â here"
	assert_output "Ã la carte, Â here"
}

@test "a sequence cut short is not repaired" {
	run text_of "the â€ sign and â€x and Ã"
	assert_output "the â€ sign and â€x and Ã"
}

@test "bytes that are not one valid UTF-8 character are not repaired" {
	# C3 + 3 continuations; overlong E0 80 80; surrogate ED A0 80
	run text_of "Ã©© à€€ í €"
	assert_output "é© à€€ í €"
}

@test "an accented letter followed by an apostrophe is not mojibake" {
	run text_of "São Tomé’s envoy, Zoë’s, naïve"
	assert_output "São Tomé’s envoy, Zoë’s, naïve"
}

@test "a capital accented letter before an apostrophe is not mojibake" {
	run text_of "NESTLÉ’S PROFIT and CAFÉ’S MENU"
	assert_output "NESTLÉ’S PROFIT and CAFÉ’S MENU"
}

@test "mojibake of Cyrillic comes in runs and is repaired, a lone pair is not" {
	run text_of "ÐŸÑ€Ð¸Ð²ÐµÑ‚, Ð¼Ð¸Ñ€ and a lone Ð¿ here"
	assert_output "Привет, мир and a lone Ð¿ here"
}

@test "--no-repair leaves mojibake alone" {
	run text_of "Pyongyangâ€™s CafÃ©" --no-repair
	assert_output "Pyongyangâ€™s CafÃ©"
}

@test "--codepage repairs with another table" {
	# a table that knows only Latin-1: the Windows-1252 mojibake stays
	run text_of "CafÃ© â€™" --codepage "$F/latin1.tsv"
	assert_output "Café â€™"
}

@test "--codepage with a bad row is bad data" {
	run normalize --codepage "$F/bad-codepage.tsv" </dev/null
	assert_failure 65
	assert_output "normalize: $F/bad-codepage.tsv:3: an ASCII character cannot stand for a byte above 7F"
}

# ---- invalid UTF-8 ----

@test "invalid bytes become U+FFFD" {
	run hex_of $'a\xffb\xc0c'
	assert_output "61efbfbd62efbfbd63"
}

@test "one U+FFFD for each maximal invalid subpart" {
	# E2 80 is a cut sequence (one), F0 80 is two, ED A0 80 three
	run hex_of $'\xe2\x80x\xf0\x80y\xed\xa0\x80'
	assert_output "efbfbd78efbfbdefbfbd79efbfbdefbfbdefbfbd"
}

@test "a sequence cut at the end of the text becomes U+FFFD" {
	run hex_of $'Kim\xea\xb9'
	assert_output "4b696defbfbd"
}

# ---- --ascii-punct ----

@test "--ascii-punct folds quotes, apostrophes, dashes and the ellipsis" {
	run text_of "‘a’ “b” „c‟ «d» ‹e› 5′ 6″ Kimʼs – — ― ‐ ‑ ‒ −1 wait…" --ascii-punct
	assert_output "'a' \"b\" \"c\" \"d\" 'e' 5' 6\" Kim's - - - - - - -1 wait..."
}

@test "typographic punctuation is kept without --ascii-punct" {
	run text_of "“Kim’s” — done…"
	assert_output "“Kim’s” — done…"
}

@test "--ascii-punct folds what NFKC makes of a presentation form" {
	# U+FE31 is an em dash in NFKC
	run text_of $'a\ufe31b' -a -f NFKC
	assert_output "a-b"
}

@test "--punct folds with the table in the file" {
	run text_of "“Kim’s” … ★" --punct "$F/punct.tsv"
	assert_output "“Kim's” … *"
}

@test "--punct with a bad row is bad data" {
	run normalize --punct "$F/bad-punct.tsv" </dev/null
	assert_failure 65
	assert_output "normalize: $F/bad-punct.tsv:2: a replacement is printable ASCII without spaces"
}

@test "--punct with a file that cannot be read is a runtime failure" {
	run normalize --punct "$BATS_TEST_TMPDIR/none.tsv" </dev/null
	assert_failure 1
	assert_output --partial "none.tsv"
}

# ---- --keep-space and --invisible ----

@test "--keep-space leaves white space and invisible characters alone" {
	run hex_of $' a\u00a0\u00a0b\u200b\u00adc ' --keep-space
	assert_output "2061c2a0c2a062e2808bc2ad6320"
}

@test "--keep-space still turns CR and NUL into spaces" {
	run bash -c "printf 'd\t1\t0\t\ta\rb\0c\n' | normalize --keep-space | cut -f5"
	assert_output "a b c"
}

@test "--keep-space still normalizes" {
	run hex_of $' e\u0301 ' --keep-space
	assert_output "20c3a920"
}

@test "--invisible takes white space and invisible characters from the file" {
	# the table makes '_' a space and keeps the zero-width space
	run hex_of $'a__b\u200bc\u00a0d' --invisible "$F/invisible.tsv"
	assert_output "612062e2808b63c2a064"
}

@test "--invisible: NFKC spaces of characters the table leaves alone are squeezed" {
	# the table knows no NO-BREAK SPACE: NFKC makes it a space
	run hex_of $'\u00a0a\u00a0 b \u00a0' --invisible "$F/invisible.tsv" -f NFKC
	assert_output "612062"
}

@test "--invisible with a bad row is bad data" {
	run normalize --invisible "$F/bad-invisible.tsv" </dev/null
	assert_failure 65
	assert_output "normalize: $F/bad-invisible.tsv:2: expected an action: space or delete"
}

# ---- offsets ----

@test "offsets move past removed and collapsed text" {
	run annots $'Kim Jong Un\u200b visited\u00a0\u00a0Pyongyang' \
	    'PER:Kim Jong Un@0-11;LOC:Pyongyang@26-35'
	assert_output "$(exp 'Kim Jong Un visited Pyongyang' \
	    'PER:Kim Jong Un@0-11;LOC:Pyongyang@20-29' '')"
}

@test "an item starting inside a white space run starts at its space" {
	run annots $'Kim \u00a0 Jong' 'X:x@4-11;Y:y@3-5'
	assert_output "$(exp 'Kim Jong' 'X:x@3-8;Y:y@3-4' '')"
}

@test "offsets move past removed leading white space" {
	run annots $'\u00a0 \u3000Seoul said' 'LOC:Seoul@6-11' 'DATE:x@12-16'
	assert_output "$(exp 'Seoul said' 'LOC:Seoul@0-5' 'DATE:x@6-10')"
}

@test "offsets move with multi-byte text that shrinks" {
	# the mojibake quote is 8 bytes, the quote 3
	run annots "the regimeâ€™s KCNA" 'ORG:KCNA@19-23'
	assert_output "$(exp 'the regime’s KCNA' 'ORG:KCNA@14-18' '')"
}

@test "offsets move with text that grows under NFD" {
	run annots "김정은 met Putin" 'PER:Kim Jong Un@0-9;PER:Vladimir Putin@14-19' '' -f NFD
	assert_output "$(exp $'\u1100\u1175\u11b7\u110c\u1165\u11bc\u110b\u1173\u11ab met Putin' \
	    'PER:Kim Jong Un@0-27;PER:Vladimir Putin@32-37' '')"
}

@test "an item inside a composed character covers all of it" {
	# e + U+0301 is bytes 3-6; an item on the accent alone, and one on the e
	run annots $'Cafe\u0301 Seoul' 'X:accent@4-6;X:e@3-4;LOC:Seoul@7-12'
	assert_output "$(exp 'Café Seoul' 'X:accent@3-5;X:e@3-5;LOC:Seoul@6-11' '')"
}

@test "an item on removed text becomes empty where the text was" {
	run annots $'Kim\u200bJong' 'X:zwsp@3-6;PER:Kim Jong@0-10'
	assert_output "$(exp 'KimJong' 'X:zwsp@3-3;PER:Kim Jong@0-7' '')"
}

@test "an item on trailing white space ends at the end of the text" {
	run annots $'Seoul  \u00a0' 'X:space@5-9;LOC:Seoul@0-9'
	assert_output "$(exp 'Seoul' 'X:space@5-5;LOC:Seoul@0-5' '')"
}

@test "an item inside a character of the input moves to its boundaries" {
	# 3-5 starts and ends inside the 3-byte 김 (bytes 0-3) and 정 (3-6)
	run annots "김정" 'X:x@1-5'
	assert_output "$(exp '김정' 'X:x@0-6' '')"
}

@test "empty items are dropped, the order of items kept" {
	run annots "Kim met Moon" ';;PER:Moon@8-12;;PER:Kim@0-3;' ';'
	assert_output "$(exp 'Kim met Moon' 'PER:Moon@8-12;PER:Kim@0-3' '')"
}

@test "a date value with colons keeps them" {
	run annots $'At\u00a0\u00a017:37 on Sunday' '' 'TIME:2025-09-28T17:37@6-11;DATE:2025-09-28@15-21'
	assert_output "$(exp 'At 17:37 on Sunday' '' 'TIME:2025-09-28T17:37@3-8;DATE:2025-09-28@12-18')"
}

@test "the realistic article: every record, offsets and all" {
	run normalize "$F/article.rec"
	assert_success
	assert_output "$(cat "$F/article.out")"
}

@test "the realistic article with --ascii-punct" {
	run normalize --ascii-punct "$F/article.rec"
	assert_output "$(cat "$F/article-ascii.out")"
}

# ---- fields ----

@test "every field but the text passes through, fields 9 and up too" {
	run normalize <<<"$(rec https://x.example/a 4 2 2024-11-18 $'Kim\u00a0Jong Un' \
	    'PER:Kim Jong Un@0-12' 'DATE:2024@0-3' 'nuclear:0.82;military:0.41' \
	    'user 9' '' 'user 11')"
	assert_output "$(exp https://x.example/a 4 2 2024-11-18 'Kim Jong Un' \
	    'PER:Kim Jong Un@0-11' 'DATE:2024@0-3' 'nuclear:0.82;military:0.41' \
	    'user 9' '' 'user 11')"
}

@test "a record of 5 fields is written with 8" {
	run normalize <<<"$(rec doc 0 0 '' $'Title\u00a0')"
	assert_output "$(exp doc 0 0 '' Title '' '' '')"
}

@test "records of 6 and 7 fields are written with 8" {
	run normalize <<<"$(rec d 1 0 '' ab PER:a@0-1; rec d 2 0 '' ab '' DATE:b@1-2)"
	assert_output "$(exp d 1 0 '' ab PER:a@0-1 '' ''; exp d 2 0 '' ab '' DATE:b@1-2 '')"
}

@test "each FILE operand is read in turn, - is the standard input" {
	rec b 1 0 '' $'two\u00a0' > "$BATS_TEST_TMPDIR/b"
	run normalize "$F/article.rec" - "$BATS_TEST_TMPDIR/b" <<<"$(rec s 1 0 '' ' one ')"
	assert_output "$(cat "$F/article.out"; exp s 1 0 '' one '' '' ''; exp b 1 0 '' two '' '' '')"
}

# ---- bad input ----

@test "an item without TYPE: is bad input" {
	run normalize <<<"$(rec d 1 0 '' 'Kim' 'Kim@0-3')"
	assert_failure 65
	assert_output "normalize: (stdin):1: entities item 'Kim@0-3': annotation item without TYPE:"
}

@test "an item whose offsets lie outside the text is bad input" {
	run normalize <<<"$(rec d 1 0 '' 'ok'; rec d 2 0 '' 'Kim' 'PER:Kim@0-4')"
	assert_failure 65
	assert_output --partial "normalize: (stdin):2: entities item 'PER:Kim@0-4': annotation offsets lie outside the text"
}

@test "a date item with START after END is bad input" {
	run normalize <<<"$(rec d 1 0 '' 'in 2024' '' 'DATE:2024@7-3')"
	assert_failure 65
	assert_output "normalize: (stdin):1: dates item 'DATE:2024@7-3': annotation START is after END"
}

@test "offsets that are not numbers are bad input" {
	run normalize <<<"$(rec d 1 0 '' 'x' 'PER:x@a-1')"
	assert_failure 65
	assert_output "normalize: (stdin):1: entities item 'PER:x@a-1': annotation offsets are not START-END numbers"
}

@test "a line of fewer than 5 fields is bad input" {
	run normalize <<<"$(rec d 1 0 '')"
	assert_failure 65
	assert_output "normalize: (stdin):1: 4 fields, at least 5 expected (doc, para, sent, date, text)"
}

@test "the records before bad input are written" {
	run bash -c "{ printf 'd\t1\t0\t\tfine\n'; printf 'd\t2\t0\t\tx\tbad\n'; } | normalize 2>/dev/null"
	assert_failure 65
	assert_output "$(exp d 1 0 '' fine '' '' '')"
}

@test "a file that cannot be read is a runtime failure" {
	run normalize "$BATS_TEST_TMPDIR/missing"
	assert_failure 1
	assert_output "normalize: $BATS_TEST_TMPDIR/missing: No such file or directory"
}

@test "a full disk is a runtime failure" {
	run bash -c "normalize '$F/article.rec' > /dev/full"
	assert_failure 1
	assert_output "normalize: standard output: write error: No space left on device"
}

# ---- properties ----

# Lines of real articles as records: the scraped corpus beside the checkout
# when it is there, the sample articles of the project, and the fixture.
article_records() {
	local f
	for f in "$TOP"/../shared/corpus/*.txt "$SAMPLES"/*.txt; do
		[ -f "$f" ] || continue
		awk -v d="$f" '{ gsub(/[\t\r]/, " "); print d "\t" NR "\t0\t\t" $0 }' "$f"
	done
	cat "$F/article.rec"
}

@test "records in = records out, on real articles" {
	article_records > "$BATS_TEST_TMPDIR/in"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/in")" -gt 20 ] || fail "no articles"
	run bash -c "normalize '$BATS_TEST_TMPDIR/in' | wc -l"
	assert_output "$(wc -l < "$BATS_TEST_TMPDIR/in")"
}

@test "idempotent on real articles and the fixtures, in every mode" {
	article_records > "$BATS_TEST_TMPDIR/in"
	for opts in "" "-a" "-f NFD" "-f NFKC" "-f NFKD -a" "--keep-space" "--no-repair"; do
		# shellcheck disable=SC2086
		normalize $opts "$BATS_TEST_TMPDIR/in" > "$BATS_TEST_TMPDIR/once"
		# shellcheck disable=SC2086
		normalize $opts "$BATS_TEST_TMPDIR/once" > "$BATS_TEST_TMPDIR/twice"
		cmp "$BATS_TEST_TMPDIR/once" "$BATS_TEST_TMPDIR/twice" ||
			fail "not idempotent with '$opts'"
	done
}

@test "random bytes: valid records out, offsets on boundaries, idempotent" {
	need_normtest
	"$NORMTEST" random 5000 > "$BATS_TEST_TMPDIR/in"
	for opts in "" "-a" "-f NFD" "-f NFKC" "-f NFKD" "--no-repair"; do
		# shellcheck disable=SC2086
		normalize $opts "$BATS_TEST_TMPDIR/in" > "$BATS_TEST_TMPDIR/once" ||
			fail "failed with '$opts'"
		run "$NORMTEST" check < "$BATS_TEST_TMPDIR/once"
		assert_success
		assert_output 5000
		# shellcheck disable=SC2086
		normalize $opts "$BATS_TEST_TMPDIR/once" | cmp - "$BATS_TEST_TMPDIR/once" ||
			fail "not idempotent with '$opts'"
	done
}

@test "--line-buffered writes each record before the next is read" {
	local d="$BATS_TEST_TMPDIR"
	for opt in --line-buffered ""; do
		local tries=50
		[ -n "$opt" ] || tries=5
		rm -f "$d/in" "$d/out"
		mkfifo "$d/in"
		# shellcheck disable=SC2086
		normalize $opt < "$d/in" > "$d/out" &
		exec 7> "$d/in"
		rec d 1 0 '' $'first\u00a0record' >&7
		for _ in $(seq "$tries"); do [ -s "$d/out" ] && break; sleep 0.1; done
		cp "$d/out" "$d/seen$opt"
		exec 7>&-
		wait
	done
	assert_equal "$(cat "$d/seen--line-buffered")" "$(exp d 1 0 '' 'first record' '' '' '')"
	# and without it the record waits in the buffer: the test can tell
	assert_equal "$(cat "$d/seen")" ""
}

@test "--help and --version" {
	run normalize --help
	assert_success
	assert_output --partial "--ascii-punct"
	run normalize --version
	assert_success
	assert_output --regexp '^normalize \(newsfilter\) [0-9]'
}

# ---- Unicode conformance ----

conformance() {
	need_normtest
	[ -r "$UNITEST" ] || fail "$UNITEST missing (Debian package unicode-data)"
	bzcat "$UNITEST" | "$NORMTEST" records "$1" |
		normalize --form "$1" --no-repair --keep-space |
		awk -F '\t' '{ n++ } $5 != $9 { bad++; if (bad <= 5) print "FAIL " $1 " c" $2 }
		    END { print n " checked, " bad + 0 " failed" }'
}

# 19074 lines x 5 columns, and the code points Part 1 does not list
@test "NormalizationTest.txt: every line passes in NFC" {
	run conformance NFC
	assert_output --regexp '^[0-9]{6} checked, 0 failed$'
	[ "${output%% *}" -gt 95370 ]
}

@test "NormalizationTest.txt: every line passes in NFD" {
	run conformance NFD
	assert_output --regexp '^[0-9]{6} checked, 0 failed$'
	[ "${output%% *}" -gt 95370 ]
}

@test "NormalizationTest.txt: every line passes in NFKC" {
	run conformance NFKC
	assert_output --regexp '^[0-9]{6} checked, 0 failed$'
	[ "${output%% *}" -gt 95370 ]
}

@test "NormalizationTest.txt: every line passes in NFKD" {
	run conformance NFKD
	assert_output --regexp '^[0-9]{6} checked, 0 failed$'
	[ "${output%% *}" -gt 95370 ]
}

# normalize hands GLib only the stretches that may change: the result must
# be what normalizing each whole text gets
mixed() {
	need_normtest
	bzcat "$UNITEST" | "$NORMTEST" mix "$1" 20000 |
		normalize --form "$1" --no-repair --keep-space |
		awk -F '\t' '$5 != $9 { bad++; if (bad <= 5) print "FAIL " $2 }
		    END { print NR " checked, " bad + 0 " failed" }'
}

@test "mixed texts normalize as a whole in every form" {
	for form in NFC NFD NFKC NFKD; do
		run mixed "$form"
		assert_output "20000 checked, 0 failed"
	done
}

@test "compose.tsv holds what the GLib normalize uses composes" {
	need_normtest
	run "$NORMTEST" compose
	assert_success
	assert_output "$(grep -v '^#' "$TOP/filters/normalize/compose.tsv")"
}
