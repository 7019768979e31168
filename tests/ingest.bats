#!/usr/bin/env bats
# ingest: article files in, first records out.

load helper
bats_require_minimum_version 1.5.0

setup() {
	cd "$FIXTURES/ingest"
}

# r DOC PARA DATE TEXT: the record ingest writes (sent 0, no annotations).
r() {
	rec "$1" "$2" 0 "$3" "$4" '' '' ''
}

KCNA=https://news.example.org/2024/11/18/nk-missile-test

# --- header block ---------------------------------------------------------

@test "header block: URL is the doc, RFC 2822 Date the date, Title paragraph 0" {
	run --separate-stderr ingest kcna-rfc2822.txt
	assert_success
	assert_equal "$stderr" ""
	assert_output "$(
	r $KCNA 0 2024-11-18 'N. Korea test-fires new solid-fuel missile, state media says'
	r $KCNA 1 2024-11-18 'SEOUL, Nov. 18 (Example Wire) — North Korea said on Monday it had test-fired a new solid-fuel intermediate-range missile, in what leader Kim Jong Un called a “clear warning” to its enemies.'
	r $KCNA 2 2024-11-18 'The Korean Central News Agency (KCNA) said the launch took place on Sunday near Pyongyang and that the missile flew about 1,000 km before landing in the East Sea.'
	r $KCNA 3 2024-11-18 'South Korea’s Joint Chiefs of Staff said it had detected the launch at around 7:10 a.m. and was analysing the data with U.S. and Japanese authorities.'
	)"
}

@test "header block: names in any case, ISO date-time, unknown names ignored, doc is the path" {
	run --separate-stderr ingest nkpro-iso.txt
	assert_success
	assert_equal "$stderr" ""
	assert_output "$(
	r nkpro-iso.txt 0 2024-12-30 "Inside the Workers' Party plenum: what changed and what did not"
	r nkpro-iso.txt 1 2024-12-30 "The five-day plenary meeting of the Workers' Party of Korea ended on Saturday with a familiar message: more self-reliance, more weapons, and little room for talks."
	r nkpro-iso.txt 2 2024-12-30 'Kim Jong Un told delegates that 2025 would be "a year of decisive victory" in the five-year plan.'
	)"
}

@test "header block: a folded Title continues on an indented line" {
	run ingest folded-title.txt
	assert_success
	assert_output "$(
	r folded-title.txt 0 2025-03-04 'Satellite imagery shows new construction at Yongbyon enrichment site'
	r folded-title.txt 1 2025-03-04 'Commercial imagery from late February shows a new building next to the centrifuge hall at the Yongbyon Nuclear Scientific Research Center.'
	r folded-title.txt 2 2025-03-04 'Its dimensions match those of the existing hall, analysts said.'
	)"
}

# date_of VALUE: the date field ingest gives an article with "Date: VALUE".
date_of() {
	printf 'Date: %s\n\nBody.\n' "$1" | ingest 2>/dev/null | cut -f4
}

@test "Date header: YYYY-MM-DD" {
	assert_equal "$(date_of 2024-11-18)" 2024-11-18
}

@test "Date header: ISO 8601 date-times, the date as written whatever the zone" {
	assert_equal "$(date_of 2024-11-18T09:30)" 2024-11-18
	assert_equal "$(date_of 2024-11-18T23:59:59Z)" 2024-11-18
	assert_equal "$(date_of 2024-11-18T00:30:00.250+09:00)" 2024-11-18
	assert_equal "$(date_of '2024-11-18 09:30:00+0900')" 2024-11-18
	assert_equal "$(date_of 2024-11-18T21:00-05)" 2024-11-18
}

@test "Date header: RFC 2822 with and without weekday, zone names, comments, two-digit years" {
	assert_equal "$(date_of 'Tue, 19 Nov 2024 06:00:00 +0000')" 2024-11-19
	assert_equal "$(date_of '3 Feb 2025 14:05 KST')" 2025-02-03
	assert_equal "$(date_of 'Sat, 28 Dec 2019 10:00:00 +0900 (KST)')" 2019-12-28
	assert_equal "$(date_of 'Mon, 18 Nov 24 09:30:00 GMT')" 2024-11-18
	assert_equal "$(date_of 'Fri, 01 Jan 99 00:00:00 GMT')" 1999-01-01
	assert_equal "$(date_of 'thu, 29 feb 2024')" 2024-02-29
}

@test "Date header: what is not a date in these formats leaves the date empty" {
	assert_equal "$(date_of 'November 18, 2024')" ''
	assert_equal "$(date_of 2024-02-30)" ''
	assert_equal "$(date_of 'Thu, 29 Feb 2023')" ''
	assert_equal "$(date_of 2024-11-18T25:00)" ''
	assert_equal "$(date_of '2024-11-18 (updated)')" ''
	assert_equal "$(date_of 'Xyz, 18 Nov 2024')" ''
	assert_equal "$(date_of '18 Nov 2024 9:30')" ''
}

@test "Date header unreadable: warning with file:line, date empty, exit 0" {
	run --separate-stderr ingest bad-date.txt
	assert_success
	assert_equal "$stderr" "ingest: bad-date.txt:2: Date 'last Sunday' is not YYYY-MM-DD, ISO 8601 or RFC 2822; leaving the date empty"
	assert_output "$(
	r https://news.example.org/2025/04/pyongyang-marathon 0 '' 'Pyongyang marathon reopens to foreign runners'
	r https://news.example.org/2025/04/pyongyang-marathon 1 '' 'Hundreds of foreign amateur runners took part in the Pyongyang marathon for the first time since 2019.'
	)"
}

@test "Date header unreadable: the date falls back to --date" {
	run --separate-stderr ingest --date 2025-04-06 bad-date.txt
	assert_success
	assert_equal "$stderr" "ingest: bad-date.txt:2: Date 'last Sunday' is not YYYY-MM-DD, ISO 8601 or RFC 2822; using --date"
	assert_line --index 0 "$(r https://news.example.org/2025/04/pyongyang-marathon 0 2025-04-06 'Pyongyang marathon reopens to foreign runners')"
}

@test "Date header: a long unreadable value is quoted cut short" {
	run --separate-stderr ingest < <(printf 'Date: %s\n\nBody.\n' "$(printf 'x%.0s' {1..100})")
	assert_success
	assert_equal "$stderr" "ingest: (stdin):1: Date '$(printf 'x%.0s' {1..60})...' is not YYYY-MM-DD, ISO 8601 or RFC 2822; leaving the date empty"
}

@test "Date header wins over --date" {
	run ingest --date 2000-01-01 nkpro-iso.txt
	assert_success
	assert_line --index 0 --partial $'\t2024-12-30\t'
	refute_output --partial 2000-01-01
}

@test "body lines that look like headers are body when no name is known" {
	run --separate-stderr ingest lookalike.txt
	assert_success
	assert_equal "$stderr" ""
	assert_output "$(
	r lookalike.txt 0 '' 'Update: the North fired two more short-range ballistic missiles on Tuesday evening, the military said.'
	r lookalike.txt 1 '' 'Seoul: officials convened an emergency meeting of the National Security Council.'
	r lookalike.txt 2 '' 'The launches came hours after Pyongyang denounced joint drills by South Korea and the United States.'
	)"
}

@test "a known name is no header block when a line before the empty line is not Name: value" {
	run ingest < <(printf 'Title: Sanctions\nPanel of experts report due in March.\n\nMore.\n')
	assert_success
	assert_output "$(
	r - 0 '' 'Title: Sanctions'
	r - 1 '' 'Panel of experts report due in March.'
	r - 2 '' 'More.'
	)"
}

@test "Name: value lines up to the end of the file are text, not a header block" {
	run ingest < <(printf 'Q: Did the envoy meet Kim?\nA: Not this time.\nSource: interview transcript\n')
	assert_success
	assert_output "$(
	r - 0 '' 'Q: Did the envoy meet Kim?'
	r - 1 '' 'A: Not this time.'
	r - 2 '' 'Source: interview transcript'
	)"
}

@test "a Name is one token: 'Breaking news: ...' is no header line" {
	run ingest < <(printf 'Breaking news: launch detected\nDate: 2024-11-18\n\nBody.\n')
	assert_success
	assert_line --index 0 "$(r - 0 '' 'Breaking news: launch detected')"
	assert_line --index 1 "$(r - 1 '' 'Date: 2024-11-18')"
}

@test "a header block has at most 64 lines" {
	hdr() { printf 'Date: 2024-11-18\n'; for i in $(seq 2 "$1"); do printf 'X-Field-%d: v\n' "$i"; done; printf '\nBody.\n'; }
	run ingest < <(hdr 64)
	assert_output "$(r - 0 2024-11-18 Body.)"
	run ingest < <(hdr 65)
	assert_equal "${#lines[@]}" 66
	assert_line --index 0 "$(r - 0 '' 'Date: 2024-11-18')"
}

@test "the first of two headers of one name wins; a value needs no space after the colon" {
	run ingest < <(printf 'URL:https://a.example/1\nURL: https://a.example/2\nTitle: First\nTitle: Second\n\nBody.\n')
	assert_output "$(
	r https://a.example/1 0 '' First
	r https://a.example/1 1 '' Body.
	)"
}

@test "an empty URL header leaves the path as the doc" {
	run ingest < <(printf 'URL:\nDate: 2024-11-18\n\nHeadline\n')
	assert_output "$(r - 0 2024-11-18 Headline)"
}

@test "no Title header: the first body line is paragraph 0" {
	run ingest daily/2024-11-19-rfa.txt
	assert_success
	assert_output "$(
	r daily/2024-11-19-rfa.txt 0 2024-11-19 'Power cuts grow longer in Chongjin, residents say'
	r daily/2024-11-19-rfa.txt 1 2024-11-19 'Residents of Chongjin say power cuts have grown longer this month.'
	)"
}

@test "an empty Title header: no paragraph 0, the body starts at 1" {
	run ingest < <(printf 'Title:\nDate: 2024-11-18\n\nFirst paragraph.\n')
	assert_output "$(r - 1 2024-11-18 'First paragraph.')"
}

@test "--no-title: the body starts at paragraph 1; a Title header is still paragraph 0" {
	run ingest --no-title daily/2024-11-19-rfa.txt kcna-rfc2822.txt
	assert_success
	assert_line --index 0 "$(r daily/2024-11-19-rfa.txt 1 2024-11-19 'Power cuts grow longer in Chongjin, residents say')"
	assert_line --index 2 "$(r $KCNA 0 2024-11-18 'N. Korea test-fires new solid-fuel missile, state media says')"
	assert_equal "${#lines[@]}" 6
}

# --- text --------------------------------------------------------------------

@test "a BOM and CRLF line ends are dropped" {
	run --separate-stderr ingest bom-crlf.txt
	assert_success
	assert_equal "$stderr" ""
	assert_output "$(
	r bom-crlf.txt 0 2023-09-21 'Red Cross talks on family reunions stall'
	r bom-crlf.txt 1 2023-09-21 'The two Koreas’ Red Cross officials failed to agree on a date for reunions of separated families.'
	r bom-crlf.txt 2 2023-09-21 'The South proposed meeting again in October.'
	)"
}

@test "invalid UTF-8 becomes U+FFFD with one warning per file that counts it" {
	run --separate-stderr ingest invalid-utf8.txt invalid-utf8.txt
	assert_success
	assert_equal "$stderr" "ingest: invalid-utf8.txt: 3 invalid UTF-8 sequences replaced with U+FFFD
ingest: invalid-utf8.txt: 3 invalid UTF-8 sequences replaced with U+FFFD"
	assert_equal "${#lines[@]}" 6
	assert_output --partial "$(
	r invalid-utf8.txt 0 '' 'Caf� culture comes to Pyongyang'
	r invalid-utf8.txt 1 '' 'A new coffee shop on Ryomyong Street serves espresso for 3 dollars �'
	r invalid-utf8.txt 2 '' '� Prices are quoted in US dollars, not won.'
	)"
}

@test "one invalid sequence: the warning says so in the singular" {
	run --separate-stderr ingest < <(printf 'Kim\xff Jong Un\n')
	assert_success
	assert_equal "$stderr" "ingest: (stdin): 1 invalid UTF-8 sequence replaced with U+FFFD"
	assert_output "$(r - 0 '' 'Kim� Jong Un')"
}

@test "one U+FFFD per maximal subpart: overlong, surrogate, beyond U+10FFFF, truncated" {
	run --separate-stderr ingest < <(printf 'a\xc0\xaf b\xed\xa0\x80 c\xef\xbf\xbd d\xf0\x80\x80 e\xf4\x90\x80\x80 f\xf0\x9f\x98 g\xe0\x80\n')
	assert_equal "$stderr" "ingest: (stdin): 15 invalid UTF-8 sequences replaced with U+FFFD"
	assert_output "$(r - 0 '' 'a�� b��� c� d��� e���� f� g��')"
}

@test "NUL and TAB become spaces, NUL does not end the text" {
	run ingest nul-tab.txt
	assert_success
	assert_output "$(
	r nul-tab.txt 0 '' 'Defector numbers fall to record low'
	r nul-tab.txt 1 '' 'Only 67 defectors reached the South in the first quarter, the Unification Ministry said.'
	r nul-tab.txt 2 '' 'Most were women  in their 40s.'
	)"
}

@test "a CR inside a line becomes a space" {
	run ingest < <(printf 'Seoul\rPyongyang\r\n')
	assert_output "$(r - 0 '' 'Seoul Pyongyang')"
}

@test "white space at the ends is trimmed, NBSP and ideographic space included; such lines are empty" {
	run ingest < <(printf '\xc2\xa0 Headline\xe3\x80\x80\n\xc2\xa0\n \xe2\x80\x8b\t\n\xef\xbb\xbfBody\xc2\xa0text.\xe2\x80\x83\n')
	assert_output "$(
	r - 0 '' 'Headline'
	r - 1 '' $'Body\u00a0text.'
	)"
}

@test "a last line without LF is read" {
	run ingest < <(printf 'Headline\nLast paragraph')
	assert_line --index 1 "$(r - 1 '' 'Last paragraph')"
}

@test "an empty file, or one of empty lines, gives no records" {
	run ingest /dev/null
	assert_success
	assert_output ''
	run ingest < <(printf '\n \n\r\n')
	assert_success
	assert_output ''
}

@test "a line of 3 MB comes out whole" {
	head -c 3000000 /dev/zero | tr '\0' 'a' > "$BATS_TEST_TMPDIR/long"
	printf 'Title: Long\n\n' | cat - "$BATS_TEST_TMPDIR/long" > "$BATS_TEST_TMPDIR/art"
	run ingest "$BATS_TEST_TMPDIR/art"
	assert_success
	assert_equal "${#lines[@]}" 2
	assert_equal "$(printf '%s\n' "${lines[1]}" | cut -f5 | wc -c)" 3000001
}

# --- paragraphs -----------------------------------------------------------

@test "each non-empty line is a paragraph; the first is the headline" {
	run ingest scraped.txt
	assert_success
	assert_output "$(
	r scraped.txt 0 '' 'Kim Jong Un inspects munitions factory, calls for mass production of drones'
	r scraped.txt 1 '' 'Home > North Korea > Politics'
	r scraped.txt 2 '' 'Share   Print'
	r scraped.txt 3 '' 'North Korean leader Kim Jong Un inspected a munitions factory and called for the "mass production" of attack drones, the KCNA news agency reported on Friday.'
	r scraped.txt 4 '' 'Photos released by state media showed Kim walking past rows of drones with Defense Minister No Kwang Chol.'
	r scraped.txt 5 '' 'Copyright © Example Daily. All rights reserved.'
	)"
}

@test "--no-title numbers the lines of a file without headline from 1" {
	run ingest --no-title scraped.txt
	assert_success
	assert_equal "${#lines[@]}" 6
	assert_line --index 0 "$(r scraped.txt 1 '' 'Kim Jong Un inspects munitions factory, calls for mass production of drones')"
	assert_line --index 5 "$(r scraped.txt 6 '' 'Copyright © Example Daily. All rights reserved.')"
}

@test "--join: lines of hard-wrapped paragraphs joined by single spaces" {
	run ingest --join wrapped.txt
	assert_success
	assert_output "$(
	r wrapped.txt 0 2025-01-09 'Food prices climb in border markets after poor harvest'
	r wrapped.txt 1 2025-01-09 'Rice prices in markets in Hyesan and Sinuiju have risen by almost a third since October, according to traders contacted by phone, as a poor autumn harvest reduced supplies.'
	r wrapped.txt 2 2025-01-09 'Corn, the staple of poorer households, rose less sharply, but traders said state-run grain shops had stopped selling at fixed prices.'
	r wrapped.txt 3 2025-01-09 'A trader in Hyesan said customs officials had tightened inspections of goods coming from China.'
	)"
}

@test "without --join each wrapped line is a paragraph" {
	run ingest wrapped.txt
	assert_equal "${#lines[@]}" 9
	assert_line --index 1 "$(r wrapped.txt 1 2025-01-09 'Rice prices in markets in Hyesan and Sinuiju have risen by')"
}

@test "--join without header: the first paragraph is the headline; blank lines of spaces separate" {
	run ingest -j < <(printf 'Kim meets\n  Putin\n \t\nThey met\nin Vostochny.\n')
	assert_output "$(
	r - 0 '' 'Kim meets Putin'
	r - 1 '' 'They met in Vostochny.'
	)"
}

@test "--join joins header-like lines that are no header block" {
	run ingest -j lookalike.txt
	assert_line --index 0 "$(r lookalike.txt 0 '' 'Update: the North fired two more short-range ballistic missiles on Tuesday evening, the military said. Seoul: officials convened an emergency meeting of the National Security Council.')"
	assert_equal "${#lines[@]}" 2
}

# --- doc and date ---------------------------------------------------------

@test "standard input is the doc -, with no operand or with -" {
	expected=$(r - 0 '' 'Headline')
	run ingest < <(printf 'Headline\n')
	assert_output "$expected"
	run ingest - < <(printf 'Headline\n')
	assert_output "$expected"
}

@test "--date dates the articles without a Date header" {
	run ingest --date 2024-11-20 scraped.txt daily/2024-11-19-rfa.txt
	assert_success
	assert_line --index 0 "$(r scraped.txt 0 2024-11-20 'Kim Jong Un inspects munitions factory, calls for mass production of drones')"
	assert_line --index 6 --partial $'\t0\t0\t2024-11-19\t'
}

@test "a directory: its regular files in name order, no dot-files or subdirectories" {
	run ingest daily
	assert_success
	assert_output "$(
	r daily/2024-11-18-kcna.txt 0 '' 'Kim Jong Un visits drone institute'
	r daily/2024-11-18-kcna.txt 1 '' 'Kim Jong Un visited the Unmanned Aeronautical Technology Complex, KCNA said.'
	r https://news.example.org/2024/11/18/troops-russia 0 2024-11-18 'Seoul says North sent more troops to Russia'
	r https://news.example.org/2024/11/18/troops-russia 1 2024-11-18 "South Korea's spy agency said North Korea had sent about 1,000 more troops to Russia."
	r daily/2024-11-19-rfa.txt 0 2024-11-19 'Power cuts grow longer in Chongjin, residents say'
	r daily/2024-11-19-rfa.txt 1 2024-11-19 'Residents of Chongjin say power cuts have grown longer this month.'
	)"
}

@test "a directory gives the same records as its files named in order" {
	assert_equal "$(ingest daily/)" "$(ingest daily/2024-11-18-kcna.txt daily/2024-11-18-yonhap.txt daily/2024-11-19-rfa.txt)"
}

@test "a directory is sorted by bytes (strcmp), not by locale" {
	d=$BATS_TEST_TMPDIR/d
	mkdir "$d"
	for n in b B a _x 10 9; do printf '%s\n' "$n" > "$d/$n"; done
	run ingest "$d"
	assert_equal "$(printf '%s\n' "${lines[@]}" | cut -f5 | tr '\n' ' ')" "10 9 B _x a b "
}

@test "operands are read in order, stdin where - stands" {
	run ingest daily/2024-11-19-rfa.txt - lookalike.txt < <(printf 'From stdin\n')
	assert_success
	assert_equal "$(printf '%s\n' "${lines[@]}" | cut -f1 | uniq | tr '\n' ' ')" "daily/2024-11-19-rfa.txt - lookalike.txt "
}

@test "a file named like an option after --" {
	cp scraped.txt "$BATS_TEST_TMPDIR/-n.txt"
	cd "$BATS_TEST_TMPDIR"
	run ingest -- -n.txt
	assert_success
	assert_line --index 0 --partial $'-n.txt\t0\t0\t\tKim Jong Un'
}

@test "a TAB or LF in a path becomes a space in the doc" {
	cp daily/2024-11-18-kcna.txt "$BATS_TEST_TMPDIR/a	b
c.txt"
	cd "$BATS_TEST_TMPDIR"
	run ingest "a	b
c.txt"
	assert_success
	assert_equal "${#lines[@]}" 2
	assert_line --index 0 "$(r 'a b c.txt' 0 '' 'Kim Jong Un visits drone institute')"
}

# --- errors ---------------------------------------------------------------

@test "a missing file: message, the other files still read, exit 1" {
	run --separate-stderr ingest daily/2024-11-18-kcna.txt no-such-article.txt daily/2024-11-19-rfa.txt
	assert_failure 1
	assert_equal "$stderr" "ingest: no-such-article.txt: No such file or directory"
	assert_equal "${#lines[@]}" 4
	assert_line --index 3 --partial 'daily/2024-11-19-rfa.txt	1	0'
}

@test "a dangling link in a directory: message, exit 1, the rest read" {
	d=$BATS_TEST_TMPDIR/d
	mkdir "$d"
	cp scraped.txt "$d/a.txt"
	ln -s nowhere "$d/b.txt"
	run --separate-stderr ingest "$d"
	assert_failure 1
	assert_equal "$stderr" "ingest: $d/b.txt: No such file or directory"
	assert_equal "${#lines[@]}" 6
}

@test "a FIFO in a directory is not a regular file: skipped, no hang" {
	d=$BATS_TEST_TMPDIR/d
	mkdir "$d"
	mkfifo "$d/a.fifo"
	cp scraped.txt "$d/b.txt"
	run timeout 5 ingest "$d"
	assert_success
	assert_equal "${#lines[@]}" 6
}

@test "a file given by name may be a FIFO" {
	run ingest <(printf 'Headline\n')
	assert_success
	assert_output --partial $'\t0\t0\t\tHeadline\t\t\t'
}

@test "a bad --date is a usage error" {
	run --separate-stderr ingest --date 2024-02-30 scraped.txt
	assert_failure 2
	assert_output ''
	assert_equal "$stderr" "ingest: --date '2024-02-30' is not a YYYY-MM-DD date
Try 'ingest --help' for more information."
	run --separate-stderr ingest -d 18/11/2024 scraped.txt
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "ingest: --date '18/11/2024' is not a YYYY-MM-DD date"
	run ingest --date '' scraped.txt
	assert_failure 2
}

@test "an unknown option is a usage error" {
	run --separate-stderr ingest --bogus scraped.txt
	assert_failure 2
	assert_output ''
	assert_equal "$stderr" "ingest: Unknown option --bogus
Try 'ingest --help' for more information."
}

@test "a full disk is an error, exit 1" {
	[ -w /dev/full ] || skip "no /dev/full"
	run --separate-stderr sh -c 'ingest kcna-rfc2822.txt > /dev/full'
	assert_failure 1
	assert_equal "$stderr" "ingest: standard output: write error: No space left on device"
}

# --- streaming --------------------------------------------------------------

# first_line_before_eof OPTIONS: the first record of an article whose
# input stays open, or nothing after one second.
first_line_before_eof() {
	local t=$BATS_TEST_TMPDIR line=
	mkfifo "$t/in" "$t/out"
	ingest "$@" < "$t/in" > "$t/out" &
	exec 3> "$t/in" 4< "$t/out"
	printf 'Headline\nFirst paragraph.\n' >&3
	IFS= read -r -t 1 line <&4 || true
	exec 3>&-
	cat <&4 > /dev/null
	exec 4<&-
	wait
	printf '%s\n' "$line"
}

@test "--line-buffered: each record is out before the input ends" {
	run first_line_before_eof --line-buffered
	assert_output "$(r - 0 '' Headline)"
}

@test "without --line-buffered the records wait in the buffer" {
	run first_line_before_eof
	assert_output ''
}

# --- properties and the real corpus -----------------------------------------

@test "every record has 8 fields, sent 0, valid UTF-8, no CR" {
	out=$(ingest ./*.txt daily 2>/dev/null)
	assert_equal "$(printf '%s\n' "$out" | awk -F'\t' 'NF != 8 || $3 != 0 || $6 $7 $8 != ""' | wc -l)" 0
	printf '%s\n' "$out" | iconv -f UTF-8 -t UTF-8 > /dev/null
	assert_equal "$(printf '%s\n' "$out" | grep -c $'\r')" 0
}

@test "the real corpus: no error, one record per non-empty line" {
	corpus=$TOP/../shared/corpus
	[ -d "$corpus" ] || skip "no $corpus"
	for f in "$corpus"/*.txt; do
		run --separate-stderr ingest "$f"
		assert_success
		assert_equal "$stderr" ""
		assert_equal "${#lines[@]}" "$(grep -c '[^[:space:]]' "$f")"
		assert_line --index 0 --regexp $'^[^\t]+\t0\t0\t\t[^ \t]'
	done
}
