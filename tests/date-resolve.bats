#!/usr/bin/env bats
# date-resolve: temporal expressions of field 5 resolved into field 7.
# Most cases are one record: check REF TEXT ITEMS runs the filter on
# "d 1 1 REF TEXT" and wants that record back with field 7 = ITEMS.
load helper

check() {
	run date-resolve <<<"$(rec d 1 1 "$1" "$2" "" "" "")"
	assert_success
	assert_output "$(rec d 1 1 "$1" "$2" "" "$3" "")"
}

# --- the record around the items

@test 'field 7 is replaced, every other field kept' {
	run date-resolve <<<"$(rec u 3 2 2024-11-18 'It fell on Friday.' 'PER:Kim@0-3' 'DATE:1999@0-2' 'nk:0.50' 'user9' 'user 10')"
	assert_success
	assert_output "$(rec u 3 2 2024-11-18 'It fell on Friday.' 'PER:Kim@0-3' 'DATE:2024-11-15@11-17' 'nk:0.50' 'user9' 'user 10')"
}

@test 'field 7 is emptied when the text has no date' {
	run date-resolve <<<"$(rec u 1 1 2024-11-18 'No dates here.' '' 'DATE:1999@0-2' '')"
	assert_success
	assert_output "$(rec u 1 1 2024-11-18 'No dates here.' '' '' '')"
}

@test 'a record of 5 fields comes out with 8' {
	run date-resolve <<<"$(rec u 1 1 2024-11-18 'It ended yesterday.')"
	assert_success
	assert_output "$(rec u 1 1 2024-11-18 'It ended yesterday.' '' 'DATE:2024-11-17@9-18' '')"
}

@test 'one record out per record in, in order' {
	run date-resolve <<<"$(rec a 1 1 2024-11-18 'today'; rec a 1 2 2024-11-18 'nothing'; rec b 1 1 2020-02-29 'today')"
	assert_success
	assert_line --index 0 "$(rec a 1 1 2024-11-18 'today' '' 'DATE:2024-11-18@0-5' '')"
	assert_line --index 1 "$(rec a 1 2 2024-11-18 'nothing' '' '' '')"
	assert_line --index 2 "$(rec b 1 1 2020-02-29 'today' '' 'DATE:2020-02-29@0-5' '')"
	assert_equal "${#lines[@]}" 3
}

@test 'no input, no output' {
	run date-resolve </dev/null
	assert_success
	assert_output ''
}

@test 'files are read in order, - is stdin' {
	printf '%s\n' "$(rec f 1 1 2024-11-18 'today')" >"$BATS_TEST_TMPDIR/a"
	run date-resolve "$BATS_TEST_TMPDIR/a" - "$BATS_TEST_TMPDIR/a" <<<"$(rec s 1 1 2024-11-18 'tomorrow')"
	assert_success
	assert_line --index 0 "$(rec f 1 1 2024-11-18 'today' '' 'DATE:2024-11-18@0-5' '')"
	assert_line --index 1 "$(rec s 1 1 2024-11-18 'tomorrow' '' 'DATE:2024-11-19@0-8' '')"
	assert_line --index 2 "$(rec f 1 1 2024-11-18 'today' '' 'DATE:2024-11-18@0-5' '')"
}

@test 'the following day counts from a date in an earlier record of the document' {
	run date-resolve <<<"$(rec a 1 1 2024-11-18 'It began on June 12, 2018.'; rec a 1 2 2024-11-18 'It ended the following day.')"
	assert_success
	assert_line --index 1 "$(rec a 1 2 2024-11-18 'It ended the following day.' '' 'DATE:2018-06-13@9-26' '')"
}

@test 'no date is carried from one document to the next' {
	run date-resolve <<<"$(rec a 1 1 2024-11-18 'It began on June 12, 2018.'; rec b 1 1 2024-11-18 'It ended the following day.')"
	assert_success
	assert_line --index 1 "$(rec b 1 1 2024-11-18 'It ended the following day.' '' 'DATE:2024-11-19@9-26' '')"
}

@test 'a document resolves the same alone as after another one' {
	run date-resolve "$FIXTURES/date-resolve/article.tsv"
	alone=$output
	run date-resolve <(rec z 1 1 2024-11-18 'It began on June 12, 2018, at 9 a.m.') "$FIXTURES/date-resolve/article.tsv"
	assert_success
	assert_equal "$(printf '%s\n' "$output" | tail -n +2)" "$alone"
}

@test 'a written article comes out exactly as expected' {
	run date-resolve "$FIXTURES/date-resolve/article.tsv"
	assert_success
	assert_output "$(cat "$FIXTURES/date-resolve/article.expected")"
}

@test 'a line of 2 MB is handled' {
	awk 'BEGIN { s = ""; for (i = 0; i < 100000; i++) s = s "It fell on Friday. "; printf "d\t1\t1\t2024-11-18\t%s\n", s }' >"$BATS_TEST_TMPDIR/long"
	run date-resolve "$BATS_TEST_TMPDIR/long"
	assert_success
	n=$(printf '%s\n' "$output" | cut -f7 | tr ';' '\n' | grep -c '^DATE:2024-11-15@')
	assert_equal "$n" 100000
	last=$(printf '%s\n' "$output" | cut -f7 | tr ';' '\n' | tail -n 1)
	assert_equal "$last" 'DATE:2024-11-15@1899992-1899998'
}

# --- options

@test '--date is the reference date when field 4 is empty' {
	run date-resolve --date 2024-11-18 <<<"$(rec d 1 1 '' 'It ended yesterday.')"
	assert_success
	assert_output "$(rec d 1 1 '' 'It ended yesterday.' '' 'DATE:2024-11-17@9-18' '')"
}

@test 'field 4 wins over --date' {
	run date-resolve --date 2024-11-18 <<<"$(rec d 1 1 2020-01-01 'It ended yesterday.')"
	assert_success
	assert_output "$(rec d 1 1 2020-01-01 'It ended yesterday.' '' 'DATE:2019-12-31@9-18' '')"
}

@test '--lexicon adds a phrase' {
	printf '# a day of every year\nParty Foundation Day\tDATE\tXXXX-10-10\n' >"$BATS_TEST_TMPDIR/lex.tsv"
	run date-resolve --lexicon "$BATS_TEST_TMPDIR/lex.tsv" <<<"$(rec d 1 1 2024-11-18 'It marked Party Foundation Day.')"
	assert_success
	assert_output "$(rec d 1 1 2024-11-18 'It marked Party Foundation Day.' '' 'DATE:2024-10-10@10-30' '')"
}

@test '--lexicon adds a word to the built-in ones' {
	printf 'janvier\tmonth\t1\n' >"$BATS_TEST_TMPDIR/lex.tsv"
	run date-resolve --lexicon "$BATS_TEST_TMPDIR/lex.tsv" <<<"$(rec d 1 1 2024-11-18 'Le 15 Janvier 2024, on Monday.')"
	assert_success
	assert_output "$(rec d 1 1 2024-11-18 'Le 15 Janvier 2024, on Monday.' '' 'DATE:2024-01-15@3-18;DATE:2024-11-18@23-29' '')"
}

@test '--no-default drops the built-in words, numeric dates stay' {
	run date-resolve --no-default <<<"$(rec d 1 1 2024-11-18 'Yesterday, on 2024-01-15.')"
	assert_success
	assert_output "$(rec d 1 1 2024-11-18 'Yesterday, on 2024-01-15.' '' 'DATE:2024-01-15@14-24' '')"
}

@test '--line-buffered writes each record at once' {
	coproc date-resolve --line-buffered
	printf '%s\n' "$(rec d 1 1 2024-11-18 'today')" >&"${COPROC[1]}"
	IFS= read -r -t 5 line <&"${COPROC[0]}"
	exec {COPROC[1]}>&-
	wait
	assert_equal "$line" "$(rec d 1 1 2024-11-18 'today' '' 'DATE:2024-11-18@0-5' '')"
}

@test '--version names the program' {
	run date-resolve --version
	assert_success
	assert_output --regexp '^date-resolve \(newsfilter\) [0-9]'
}

@test '--help shows the options' {
	run date-resolve --help
	assert_success
	assert_output --partial '--date=YYYY-MM-DD'
	assert_output --partial '--lexicon=FILE'
	assert_output --partial '--no-default'
}

# --- errors

@test 'a bad --date is a usage error' {
	run date-resolve --date 2024-02-30 </dev/null
	assert_failure 2
	assert_line --index 0 "date-resolve: --date '2024-02-30' is not a YYYY-MM-DD date"
}

@test 'an unknown option is a usage error' {
	run date-resolve --bogus </dev/null
	assert_failure 2
	assert_line --index 0 'date-resolve: Unknown option --bogus'
}

@test 'a bad date in field 4 is bad data' {
	run date-resolve <<<"$(rec d 1 1 2024-13-01 'today')"
	assert_failure 65
	assert_output "date-resolve: (stdin):1: date '2024-13-01' is not YYYY-MM-DD"
}

@test 'a record of 4 fields is bad data' {
	run date-resolve <<<"$(rec d 1 1 2024-11-18; rec d 1 2 2024-11-18 today)"
	assert_failure 65
	assert_output 'date-resolve: (stdin):1: 4 fields, at least 5 expected (doc, para, sent, date, text)'
}

@test 'a missing input file is a runtime failure' {
	run date-resolve "$BATS_TEST_TMPDIR/none"
	assert_failure 1
	assert_output "date-resolve: $BATS_TEST_TMPDIR/none: No such file or directory"
}

@test 'a missing lexicon file is a runtime failure' {
	run date-resolve --lexicon "$BATS_TEST_TMPDIR/none" </dev/null
	assert_failure 1
	assert_output --partial "$BATS_TEST_TMPDIR/none"
}

@test 'a lexicon row of an unknown class is bad data' {
	printf 'january\tmonth\t1\nfoo\tbar\tbaz\n' >"$BATS_TEST_TMPDIR/lex.tsv"
	run date-resolve --lexicon "$BATS_TEST_TMPDIR/lex.tsv" </dev/null
	assert_failure 65
	assert_output "date-resolve: $BATS_TEST_TMPDIR/lex.tsv:2: unknown class 'bar'"
}

@test 'a lexicon month out of range is bad data' {
	printf 'smarch\tmonth\t13\n' >"$BATS_TEST_TMPDIR/lex.tsv"
	run date-resolve --lexicon "$BATS_TEST_TMPDIR/lex.tsv" </dev/null
	assert_failure 65
	assert_output "date-resolve: $BATS_TEST_TMPDIR/lex.tsv:1: month value must be a number from 1 to 12"
}

@test 'a lexicon row without 3 columns is bad data' {
	printf 'january\tmonth\n' >"$BATS_TEST_TMPDIR/lex.tsv"
	run date-resolve --lexicon "$BATS_TEST_TMPDIR/lex.tsv" </dev/null
	assert_failure 65
	assert_output "date-resolve: $BATS_TEST_TMPDIR/lex.tsv:1: 3 columns expected: WORD, CLASS, VALUE"
}

@test 'a lexicon phrase with a bad template is bad data' {
	printf 'the other day\tDATE\tref-1X\n' >"$BATS_TEST_TMPDIR/lex.tsv"
	run date-resolve --lexicon "$BATS_TEST_TMPDIR/lex.tsv" </dev/null
	assert_failure 65
	assert_output "date-resolve: $BATS_TEST_TMPDIR/lex.tsv:1: bad unit after the offset: D, W, WE, M, Q, Y, DE or CE"
}

@test 'a lexicon value with ; is bad data' {
	printf 'someday\tDATE\tA;B\n' >"$BATS_TEST_TMPDIR/lex.tsv"
	run date-resolve --lexicon "$BATS_TEST_TMPDIR/lex.tsv" </dev/null
	assert_failure 65
	assert_output "date-resolve: $BATS_TEST_TMPDIR/lex.tsv:1: value must be 1 to 31 bytes without ';', '@' or spaces"
}

@test 'a full disk is a runtime failure' {
	[ -w /dev/full ] || skip 'no /dev/full'
	run sh -c 'date-resolve "$1" >/dev/full' sh "$FIXTURES/date-resolve/article.tsv"
	assert_failure 1
	assert_output --partial 'standard output: write error'
}

# --- properties

# Items of every output record: START < END <= length of field 5, in text
# order without overlap, both offsets on UTF-8 character boundaries, and a
# TYPE of the four.  Prints the number of items checked, or the bad one.
check_items() {
	perl -e '
		my $n = 0;
		while (my $line = <STDIN>) {
			chomp $line;
			my @f = split /\t/, $line, -1;
			my $t = $f[4];
			my $last = 0;
			for my $it (split /;/, $f[6]) {
				my ($type, $s, $e) = $it =~ /^(\w+):.+\@(\d+)-(\d+)$/
				    or die "bad item $it\n";
				$type =~ /^(DATE|TIME|DURATION|SET)$/ or die "bad type $it\n";
				($s < $e && $e <= length($t) && $s >= $last)
				    or die "bad offsets $it in $t\n";
				for my $o ($s, $e) {
					next if $o == length($t);
					my $b = ord(substr($t, $o, 1));
					die "offset $o cuts a character: $it in $t\n"
					    if $b >= 0x80 && $b < 0xC0;
				}
				$last = $e;
				$n++;
			}
		}
		print "$n\n";'
}

@test 'no offset ever cuts a UTF-8 character' {
	frags=('“On Monday”' '– said 김정은' '2024-01-15' '‘in 2018’' 'at 5 p.m.×3'
	    'café' 'Ｍonday' 'on Friday’s' 'in late September…' 'mid‑2023'
	    'the 1990s—' 'December 26–31' '२०२४' '１５ January' 'naïve'
	    'two‑day' '€2024' 'last year’s' 'Sunday ’90s' 'In 2018—next week')
	for a in "${frags[@]}"; do
		for b in "${frags[@]}"; do
			for c in "${frags[@]}"; do
				rec d 1 1 2024-11-18 "$a $b$c $a"
			done
		done
	done >"$BATS_TEST_TMPDIR/utf8"
	run date-resolve "$BATS_TEST_TMPDIR/utf8"
	assert_success
	n=$(printf '%s\n' "$output" | check_items)
	[ "$n" -gt 10000 ] || fail "only $n items checked: $n"
}

@test 'invalid UTF-8 does not break the offsets' {
	printf 'd\t1\t1\t2024-11-18\t\xe2\x80 on Monday \xff\xfe in 2018\xc3\n' >"$BATS_TEST_TMPDIR/bad"
	run date-resolve "$BATS_TEST_TMPDIR/bad"
	assert_success
	n=$(printf '%s\n' "$output" | check_items)
	assert_equal "$n" 2
}

@test 'the written article keeps every field but 7 and valid offsets' {
	run date-resolve "$FIXTURES/date-resolve/article.tsv"
	assert_success
	assert_equal "$(printf '%s\n' "$output" | cut -f1-6,8-)" "$(cut -f1-6,8- "$FIXTURES/date-resolve/article.tsv")"
	n=$(printf '%s\n' "$output" | check_items)
	assert_equal "$n" 26
}

@test 'output is the same with or without a trailing newline' {
	a=$(printf '%s\n' "$(rec d 1 1 2024-11-18 'It ended yesterday.')" | date-resolve)
	b=$(printf '%s' "$(rec d 1 1 2024-11-18 'It ended yesterday.')" | date-resolve)
	assert_equal "$a" "$b"
}

# --- the expressions, one by one (reference date 2024-11-18 is a Monday)

@test 'month day, year' {
	check '2024-11-18' 'Talks began on January 15, 2024.' 'DATE:2024-01-15@15-31'
}

@test 'day month year' {
	check '2024-11-18' 'Talks began on 15 January 2024.' 'DATE:2024-01-15@15-30'
}

@test 'ordinal day of month' {
	check '2024-11-18' 'It opened on the 15th of January 2024.' 'DATE:2024-01-15@13-37'
}

@test 'abbreviated month with a period' {
	check '2024-11-18' 'It opened on Jan. 15.' 'DATE:2024-01-15@13-20'
}

@test 'Nov. 15 in a November article' {
	check '2024-11-18' 'The summit was held Nov. 15.' 'DATE:2024-11-15@20-27'
}

@test 'Sept. is an abbreviation too' {
	check '2024-11-18' 'The deal was signed Sept. 22.' 'DATE:2024-09-22@20-28'
}

@test 'an abbreviation alone is no date' {
	check '2024-11-18' 'Jan said hello.' ''
}

@test 'ISO date' {
	check '2024-11-18' 'The report is dated 2024-01-15.' 'DATE:2024-01-15@20-30'
}

@test 'US numeric date when unambiguous' {
	check '2024-11-18' 'It was filed 01/15/2024 in court.' 'DATE:2024-01-15@13-23'
}

@test 'day-first numeric date when unambiguous' {
	check '2024-11-18' 'It was filed 15/01/2024 in court.' 'DATE:2024-01-15@13-23'
}

@test 'ambiguous numeric date is left out' {
	check '2024-11-18' 'It was filed 05/06/2024 in court.' ''
}

@test 'ISO month' {
	check '2024-11-18' 'Data for 2024-06 came out.' 'DATE:2024-06@9-16'
}

@test 'month and year' {
	check '2024-11-18' 'The plant closed in January 2023.' 'DATE:2023-01@20-32'
}

@test 'year after in' {
	check '2024-11-18' 'The plant was built in 2018.' 'DATE:2018@23-27'
}

@test 'year at the start of a sentence' {
	check '2024-11-18' 'In 2018, the plant was built.' 'DATE:2018@3-7'
}

@test 'year before an event noun' {
	check '2024-11-18' 'He won the 2018 elections.' 'DATE:2018@11-15'
}

@test 'year in parentheses' {
	check '2024-11-18' 'Juche 113 (2024) began.' 'DATE:2024@11-15'
}

@test 'list of years' {
	check '2024-11-18' 'It grew in 2017, 2018 and 2019.' 'DATE:2017@11-15;DATE:2018@17-21;DATE:2019@26-30'
}

@test 'from one year to another' {
	check '2024-11-18' 'It fell from 2017 to 2019.' 'DATE:2017@13-17;DATE:2019@21-25'
}

@test 'decade' {
	check '2024-11-18' 'It was poor in the 1990s.' 'DATE:199@15-24'
}

@test 'decade with an apostrophe' {
	check '2024-11-18' 'It was poor in the '\''90s.' 'DATE:199@15-23'
}

@test 'range of years gives two values' {
	check '2024-11-18' 'The 2017-2021 plan failed.' 'DATE:2017@4-8;DATE:2021@9-13'
}

@test 'range of years with two digits' {
	check '2024-11-18' 'The 1950-53 war ended.' 'DATE:1950@4-8;DATE:1953@9-11'
}

@test 'range of days gives two values' {
	check '2024-11-18' 'Drills run December 26 to 31.' 'DATE:2024-12-26@11-22;DATE:2024-12-31@26-28'
}

@test 'range of days with a dash and a year' {
	check '2024-11-18' 'Drills ran December 26-31, 2023.' 'DATE:2023-12-26@11-22;DATE:2023-12-31@23-31'
}

@test 'range of days before the month' {
	check '2024-11-18' 'They met on 12 and 13 May 2024.' 'DATE:2024-05-12@12-14;DATE:2024-05-13@19-30'
}

@test 'century' {
	check '2024-11-18' 'It dates from the 20th century.' 'DATE:19@14-30'
}

@test 'century in words' {
	check '2024-11-18' 'It is the twenty-first century.' 'DATE:20@6-30'
}

@test 'month of last year' {
	check '2024-11-18' 'He was fired in August last year.' 'DATE:2023-08@16-32'
}

@test 'weekday before a date takes the date' {
	check '2024-11-18' 'It opens on Monday, Nov. 25.' 'DATE:2024-11-25@12-27'
}

@test 'past tense puts a date in last year' {
	check '2025-01-10' 'The meeting was held on Dec. 26.' 'DATE:2024-12-26@24-31'
}

@test 'future word puts a date ahead' {
	check '2024-12-20' 'Talks are slated for January 17.' 'DATE:2025-01-17@21-31'
}

@test 'will puts a date ahead' {
	check '2024-12-20' 'Kim will visit on Dec. 2.' 'DATE:2025-12-02@18-24'
}

@test 'no tense takes the nearest year' {
	check '2024-12-20' 'Holiday: Dec. 26.' 'DATE:2024-12-26@9-16'
}

@test 'participle after will be is no past cue' {
	check '2024-12-20' 'The plenum will be held on January 5.' 'DATE:2025-01-05@27-36'
}

@test 'bare month by tense' {
	check '2025-09-28' 'It said it would free prisoners from October.' 'DATE:2025-10@37-44'
}

@test 'bare month in the past' {
	check '2019-12-30' 'Russia reported to the UN in March.' 'DATE:2019-03@29-34'
}

@test 'May needs a date word' {
	check '2024-11-18' 'In May, Kim may visit. May he?' 'DATE:2025-05@3-6'
}

@test 'month names must be capitalized' {
	check '2024-11-18' 'Troops march on.' ''
}

@test 'weekday after said is in the past' {
	check '2024-11-18' 'Kim said on Friday that talks failed.' 'DATE:2024-11-15@12-18'
}

@test 'weekday after will is ahead' {
	check '2024-11-18' 'Kim will meet Trump on Friday.' 'DATE:2024-11-22@23-29'
}

@test 'past cue allows the same day' {
	check '2024-11-18' 'KCNA said on Monday the test worked.' 'DATE:2024-11-18@13-19'
}

@test 'Sunday in a Monday article is the day before' {
	check '2024-11-18' 'The parade on Sunday drew crowds.' 'DATE:2024-11-17@14-20'
}

@test 'Sunday without tense is still the day before' {
	check '2024-11-18' 'Parade on Sunday.' 'DATE:2024-11-17@10-16'
}

@test '-ed word is a past cue' {
	check '2024-11-18' 'He died Saturday at 85.' 'DATE:2024-11-16@8-16'
}

@test 'next Monday' {
	check '2024-11-18' 'They meet again next Monday.' 'DATE:2024-11-25@16-27'
}

@test 'last Monday' {
	check '2024-11-18' 'They met last Monday.' 'DATE:2024-11-11@9-20'
}

@test 'this Friday' {
	check '2024-11-18' 'They meet this Friday.' 'DATE:2024-11-22@10-21'
}

@test 'weekday and part of the day is a time' {
	check '2024-11-18' 'Officials met Monday morning.' 'TIME:2024-11-18TMO@14-28'
}

@test 'yesterday afternoon' {
	check '2024-11-18' 'It fell yesterday afternoon.' 'TIME:2024-11-17TAF@8-27'
}

@test 'today' {
	check '2024-11-18' 'Talks resume today.' 'DATE:2024-11-18@13-18'
}

@test 'Today opening a sentence' {
	check '2024-11-18' 'Today, talks resume.' 'DATE:2024-11-18@0-5'
}

@test 'yesterday' {
	check '2024-11-18' 'Talks ended yesterday.' 'DATE:2024-11-17@12-21'
}

@test 'tomorrow' {
	check '2024-11-18' 'Talks resume tomorrow.' 'DATE:2024-11-19@13-21'
}

@test 'tonight' {
	check '2024-11-18' 'He speaks tonight.' 'TIME:2024-11-18TNI@10-17'
}

@test 'this year' {
	check '2024-11-18' 'Growth slowed this year.' 'DATE:2024@14-23'
}

@test 'last year' {
	check '2024-11-18' 'Growth slowed last year.' 'DATE:2023@14-23'
}

@test 'next month' {
	check '2024-11-18' 'Talks open next month.' 'DATE:2024-12@11-21'
}

@test 'last month' {
	check '2024-11-18' 'Talks opened last month.' 'DATE:2024-10@13-23'
}

@test 'last October is the latest October before' {
	check '2024-11-18' 'He left last October.' 'DATE:2024-10@8-20'
}

@test 'last October seen from March' {
	check '2025-03-03' 'He left last October.' 'DATE:2024-10@8-20'
}

@test 'next spring' {
	check '2024-11-18' 'Work starts next spring.' 'DATE:2025-SP@12-23'
}

@test 'this week is an ISO week' {
	check '2024-11-18' 'The plenum opens this week.' 'DATE:2024-W47@17-26'
}

@test 'this week across a year end' {
	check '2019-12-30' 'The plenum opened this week.' 'DATE:2020-W01@18-27'
}

@test 'last week' {
	check '2024-11-18' 'It happened last week.' 'DATE:2024-W46@12-21'
}

@test 'this weekend' {
	check '2024-11-18' 'Rallies are due this weekend.' 'DATE:2024-W47-WE@16-28'
}

@test 'two days ago' {
	check '2024-11-18' 'It fell two days ago.' 'DATE:2024-11-16@8-20'
}

@test 'a year ago' {
	check '2024-11-18' 'It was cheaper a year ago.' 'DATE:2023@15-25'
}

@test 'three years later counts from the reference date' {
	check '2024-11-18' 'Three years later it will be done.' 'DATE:2027@0-17'
}

@test 'three years later counts from the last date named' {
	check '2024-11-18' 'It began in 2015 and three years later it failed.' 'DATE:2015@12-16;DATE:2018@21-38'
}

@test 'the following day counts from the last date named' {
	check '2024-11-18' 'Kim arrived on Friday and left the following day.' 'DATE:2024-11-15@15-21;DATE:2024-11-16@31-48'
}

@test 'a day earlier counts from the last date named' {
	check '2019-12-30' 'A plane flew on Monday, after another a day earlier.' 'DATE:2019-12-30@16-22;DATE:2019-12-29@38-51'
}

@test 'the following day without an earlier date' {
	check '2024-11-18' 'He left the following day.' 'DATE:2024-11-19@8-25'
}

@test 'earlier this month' {
	check '2024-11-18' 'It fell earlier this month.' 'DATE:2024-11@8-26'
}

@test 'later this year' {
	check '2024-11-18' 'It opens later this year.' 'DATE:2024@9-24'
}

@test 'in recent months' {
	check '2024-11-18' 'Tension grew in recent months.' 'DATE:PAST_REF@16-29'
}

@test 'recently' {
	check '2024-11-18' 'Kim recently visited.' 'DATE:PAST_REF@4-12'
}

@test 'now' {
	check '2024-11-18' 'The problem now is labour.' 'DATE:PRESENT_REF@12-15'
}

@test 'currently' {
	check '2024-11-18' 'It is currently closed.' 'DATE:PRESENT_REF@6-15'
}

@test 'in the past' {
	check '2024-11-18' 'It failed in the past.' 'DATE:PAST_REF@13-21'
}

@test 'in the future' {
	check '2024-11-18' 'It may work in the future.' 'DATE:FUTURE_REF@15-25'
}

@test 'the past year is a duration' {
	check '2024-11-18' 'Ties grew in the past year.' 'DURATION:P1Y@13-26'
}

@test 'the next 10 years' {
	check '2024-11-18' 'It plans factories over the next 10 years.' 'DURATION:P10Y@24-41'
}

@test 'the past few weeks' {
	check '2024-11-18' 'It rained for the past few weeks.' 'DURATION:PXW@14-32'
}

@test 'the first nine months' {
	check '2024-11-18' 'Sales rose in the first nine months.' 'DURATION:P9M@14-35'
}

@test 'the last week of December is December' {
	check '2024-11-18' 'It ends the last week of December.' 'DATE:2024-12@25-33'
}

@test 'late September' {
	check '2024-11-18' 'It rained in late September.' 'DATE:2024-09@13-27'
}

@test 'early November' {
	check '2024-11-18' 'It rained in early November.' 'DATE:2024-11@13-27'
}

@test 'mid-2023' {
	check '2024-11-18' 'It began in mid-2023.' 'DATE:2023@12-20'
}

@test 'mid-May' {
	check '2024-11-18' 'It began in mid-May.' 'DATE:2024-05@12-19'
}

@test 'late last year' {
	check '2024-11-18' 'It began late last year.' 'DATE:2023@9-23'
}

@test 'the late 1990s' {
	check '2024-11-18' 'It began in the late 1990s.' 'DATE:199@12-26'
}

@test 'the first half of the year' {
	check '2024-11-18' 'Aid comes in the first half of the year.' 'DATE:2024-H1@13-39'
}

@test 'the second half of 2023' {
	check '2024-11-18' 'It fell in the second half of 2023.' 'DATE:2023-H2@11-34'
}

@test 'the second quarter' {
	check '2024-11-18' 'Output rose in the second quarter.' 'DATE:2024-Q2@15-33'
}

@test 'a quarter not yet begun is last year'\''s' {
	check '2024-01-18' 'Output rose in the fourth quarter.' 'DATE:2023-Q4@15-33'
}

@test 'the fourth quarter of last year' {
	check '2024-11-18' 'Output rose in the fourth quarter of last year.' 'DATE:2023-Q4@15-46'
}

@test 'this summer' {
	check '2024-11-18' 'It flooded this summer.' 'DATE:2024-SU@11-22'
}

@test 'the summer of 2023' {
	check '2024-11-18' 'It flooded in the summer of 2023.' 'DATE:2023-SU@14-32'
}

@test 'the fall of a city is no season' {
	check '2024-11-18' 'It followed the fall of Saigon.' ''
}

@test 'year-end' {
	check '2024-11-18' 'It ends at year-end.' 'DATE:2024@11-19'
}

@test 'the end of the year' {
	check '2024-11-18' 'It ends by the end of the year.' 'DATE:2024@11-30'
}

@test 'the beginning of March' {
	check '2024-11-18' 'It began at the beginning of March.' 'DATE:2024-03@12-34'
}

@test 'the late leader is no date' {
	check '2024-11-18' 'The late Kim Il Sung built it.' ''
}

@test 'years' {
	check '2024-11-18' 'He ruled for 10 years.' 'DURATION:P10Y@13-21'
}

@test 'hyphenated duration' {
	check '2024-11-18' 'A two-day plenum opened.' 'DURATION:P2D@2-9'
}

@test 'duration in hours' {
	check '2024-11-18' 'It lasted 24 hours.' 'DURATION:PT24H@10-18'
}

@test 'duration in decades' {
	check '2024-11-18' 'The first in almost three decades.' 'DURATION:P3DE@20-33'
}

@test 'a year needs a duration word' {
	check '2024-11-18' 'It lasted for a year, not a day or two.' 'DURATION:P1Y@14-20'
}

@test 'for years' {
	check '2024-11-18' 'It has waited for years.' 'DURATION:PXY@18-23'
}

@test 'several months' {
	check '2024-11-18' 'It took several months.' 'DURATION:PXM@8-22'
}

@test 'decimal amount' {
	check '2024-11-18' 'It took 1.5 years.' 'DURATION:P1.5Y@8-17'
}

@test 'the next decade' {
	check '2024-11-18' 'It is his goal for the next decade.' 'DURATION:P1DE@19-34'
}

@test 'time with p.m.' {
	check '2025-09-28' 'It was announced at 5:37 p.m.' 'TIME:2025-09-28T17:37@20-29'
}

@test 'time without minutes' {
	check '2024-11-18' 'They meet at 5 pm.' 'TIME:2024-11-18T17:00@13-17'
}

@test 'time glued to pm' {
	check '2024-11-18' 'They meet at 5pm.' 'TIME:2024-11-18T17:00@13-16'
}

@test '12 a.m. is midnight'\''s hour' {
	check '2024-11-18' 'It fell at 12:30 a.m.' 'TIME:2024-11-18T00:30@11-21'
}

@test '24-hour time after at' {
	check '2024-11-18' 'It fell at 22:15.' 'TIME:2024-11-18T22:15@11-16'
}

@test 'time belongs to the date after it' {
	check '2024-11-18' 'Missiles flew at 7:05 a.m. on Thursday, the JCS said.' 'TIME:2024-11-14T07:05@17-26;DATE:2024-11-14@30-38'
}

@test 'time belongs to the date before it' {
	check '2024-11-18' 'On Jan. 5, 2024 at 9 a.m. it fell.' 'DATE:2024-01-05@3-15;TIME:2024-01-05T09:00@19-25'
}

@test 'noon' {
	check '2024-11-18' 'They met at noon.' 'TIME:2024-11-18T12:00@12-16'
}

@test 'ratio is no time' {
	check '2024-11-18' 'The vote was 3:2.' ''
}

@test 'date and time in ISO form' {
	check '2024-11-18' 'Posted 2025-09-28 17:37 by staff.' 'TIME:2025-09-28T17:37@7-23'
}

@test 'every year' {
	check '2024-11-18' 'It opens every year.' 'SET:P1Y@9-19'
}

@test 'every two years' {
	check '2024-11-18' 'It meets every two years.' 'SET:P2Y@9-24'
}

@test 'every other week' {
	check '2024-11-18' 'It meets every other week.' 'SET:P2W@9-25'
}

@test 'annually' {
	check '2024-11-18' 'It meets annually.' 'SET:P1Y@9-17'
}

@test 'weekly' {
	check '2024-11-18' 'It meets weekly.' 'SET:P1W@9-15'
}

@test 'every Monday' {
	check '2024-11-18' 'It meets every Monday.' 'SET:XXXX-WXX-1@9-21'
}

@test 'twice a year' {
	check '2024-11-18' 'It meets twice a year.' 'SET:P1Y@9-21'
}

@test 'Daily in a name is no set' {
	check '2024-11-18' 'The JoongAng Daily said so.' ''
}

@test 'Christmas takes its year by tense' {
	check '2024-11-18' 'They met on Christmas Day.' 'DATE:2023-12-25@12-25'
}

@test 'christmas in lowercase is no holiday' {
	check '2024-11-18' 'A christmas tree.' ''
}

@test 'unknown year of a month' {
	check '' 'It begins in October.' 'DATE:XXXX-10@13-20'
}

@test 'unknown day of yesterday' {
	check '' 'It ended yesterday.' 'DATE:XXXX-XX-XX@9-18'
}

@test 'unknown weekday' {
	check '' 'It ended on Monday.' 'DATE:XXXX-WXX-1@12-18'
}

@test 'unknown year of a month and day' {
	check '' 'It ended on Oct. 15.' 'DATE:XXXX-10-15@12-19'
}

@test 'unknown week' {
	check '' 'It ended this week.' 'DATE:XXXX-WXX@9-18'
}

@test 'unknown quarter' {
	check '' 'It rose in the second quarter.' 'DATE:XXXX-Q2@11-29'
}

@test 'unknown season' {
	check '' 'It flooded this summer.' 'DATE:XXXX-SU@11-22'
}

@test 'unknown time' {
	check '' 'It fell at 5 p.m.' 'TIME:XXXX-XX-XXT17:00@11-17'
}

@test 'absolute dates resolve without a reference' {
	check '' 'It began on January 15, 2024.' 'DATE:2024-01-15@12-28'
}

@test 'year resolves without a reference' {
	check '' 'It began in 2018.' 'DATE:2018@12-16'
}

@test 'durations need no reference' {
	check '' 'It lasted 10 years.' 'DURATION:P10Y@10-18'
}

@test 'the following day after an absolute date' {
	check '' 'On June 12, 2018 they met and the following day they left.' 'DATE:2018-06-12@3-16;DATE:2018-06-13@30-47'
}

@test 'thousands are no year' {
	check '2024-11-18' 'It has 10,000 soldiers.' ''
}

@test 'a percentage is no date' {
	check '2024-11-18' 'It shrank by 4.1 percent.' ''
}

@test 'No. 2 is no date' {
	check '2024-11-18' 'He is No. 2 in the party.' ''
}

@test '600mm is no date' {
	check '2024-11-18' 'It fired 600mm rockets.' ''
}

@test 'Resolution 2397 is no year' {
	check '2024-11-18' 'Resolution 2397 bans it.' ''
}

@test '100,000 is no year' {
	check '2024-11-18' 'It sent 100,000 workers.' ''
}

@test 'a 4-digit count is no year' {
	check '2024-11-18' 'He sold 2000 shares and 1999 bonds.' ''
}

@test 'a year needs 1900 to 2099' {
	check '2024-11-18' 'It happened in 1850 and in 2150.' ''
}

@test 'ordinals are no dates' {
	check '2024-11-18' 'The 5th plenary session of the 7th Central Committee met.' ''
}

@test 'money is no year' {
	check '2024-11-18' 'It cost $2024 in 2024.' 'DATE:2024@17-21'
}

@test 'years ago is the past' {
	check '2024-11-18' 'It happened years ago.' 'DATE:PAST_REF@12-21'
}

@test 'several years ago is the past' {
	check '2024-11-18' 'It happened several years ago.' 'DATE:PAST_REF@12-29'
}

@test 'the weekend in the past' {
	check '2024-11-18' 'Protests erupted over the weekend.' 'DATE:2024-W46-WE@22-33'
}

@test 'the weekend ahead' {
	check '2024-11-18' 'Rallies will be held over the weekend.' 'DATE:2024-W47-WE@26-37'
}

@test 'a year after an amount is a rate' {
	check '2024-11-18' 'It earns $5 million a year.' 'SET:P1Y@20-26'
}

@test 'year-earlier' {
	check '2024-11-18' 'Profit rose from the year-earlier period.' 'DATE:2023@21-33'
}

@test 'a range of months shares a year' {
	check '2024-11-18' 'Trade hit $2 billion in the January-September period.' 'DATE:2024-01@28-35;DATE:2024-09@36-45'
}

@test 'a range of months across a year end' {
	check '2024-11-18' 'It ran from November to February 2024.' 'DATE:2023-11@12-20;DATE:2024-02@24-37'
}

@test 'a timetable present points ahead' {
	check '2013-03-22' 'The budget year begins Oct. 1.' 'DATE:2013-10-01@23-29'
}

@test 'fall the verb is no season' {
	check '2024-11-18' 'Prices are expected to fall.' ''
}

@test 'in the fall is a season' {
	check '2024-11-18' 'It flooded in the fall.' 'DATE:2024-FA@14-22'
}

@test 'last the verb is no relative word' {
	check '2024-11-18' 'The plenum will last several days.' 'DURATION:PXD@21-33'
}

@test 'irregular past verb is a past cue' {
	check '2024-11-18' 'On April 15, citizens laid flowers.' 'DATE:2024-04-15@3-11'
}

@test 'quarters as a duration are months' {
	check '2024-11-18' 'It shrank for two quarters.' 'DURATION:P6M@14-26'
}

@test 'a time zone between a time and its day' {
	check '1998-02-27' 'It closed at 4 p.m. EST Thursday.' 'TIME:1998-02-26T16:00@13-19;DATE:1998-02-26@24-32'
}

@test 'the year before a capitalized name' {
	check '2024-11-18' 'The 2018 Singapore summit failed.' 'DATE:2018@4-8'
}

@test 'of 2023 at the end of a phrase' {
	check '2024-11-18' 'It fell from the same period of 2023.' 'DATE:2023@32-36'
}

@test 'of before a count is no year' {
	check '2024-11-18' 'A total of 2000 people came.' ''
}

@test 'New Year'\''s Day ahead' {
	check '2024-11-18' 'New Year'\''s Day will be quiet.' 'DATE:2025-01-01@0-14'
}

@test 'the latter half of the year' {
	check '2024-11-18' 'It rose in the latter half of the year.' 'DATE:2024-H2@11-38'
}

@test 'hours after for' {
	check '2024-11-18' 'The cyberattack paralyzed banks for hours.' 'DURATION:PTXH@36-41'
}

@test 'June this year' {
	check '2024-11-18' 'They met again in June this year.' 'DATE:2024-06@18-32'
}

@test 'October next year' {
	check '2024-11-18' 'It marks the day in October next year.' 'DATE:2025-10@20-37'
}

@test 'the 19th century is 18' {
	check '2024-11-18' 'It began in the 19th century.' 'DATE:18@12-28'
}

@test 'the 1800s are a century' {
	check '2024-11-18' 'It began in the 1800s.' 'DATE:18@12-21'
}

@test 'the 2000s are a decade' {
	check '2024-11-18' 'It began in the 2000s.' 'DATE:200@12-21'
}

@test 'the last two years' {
	check '2024-11-18' 'It grew in the last two years.' 'DURATION:P2Y@11-29'
}

@test 'a decade ago' {
	check '2024-11-18' 'It was small a decade ago.' 'DATE:201@13-25'
}

@test 'the previous year counts from the last date named' {
	check '2024-11-18' 'In 2019 it grew; the previous year it fell.' 'DATE:2019@3-7;DATE:2018@17-34'
}

@test 'the next day' {
	check '2024-11-18' 'He left on Oct. 3, 2024 and returned the next day.' 'DATE:2024-10-03@11-23;DATE:2024-10-04@37-49'
}

@test 'the same day' {
	check '2024-11-18' 'He left on Oct. 3, 2024 and returned the same day.' 'DATE:2024-10-03@11-23;DATE:2024-10-03@37-49'
}

@test 'last night' {
	check '2024-11-18' 'It fell last night.' 'TIME:2024-11-17TNI@8-18'
}

@test 'three days from now' {
	check '2024-11-18' 'It opens three days from now.' 'DATE:2024-11-21@9-28'
}

@test 'all caps headline' {
	check '2024-11-18' 'KIM WILL VISIT SEOUL ON FRIDAY, TODAY' 'DATE:2024-11-22@24-30;DATE:2024-11-18@32-37'
}

@test 'would after said takes the nearest' {
	check '2025-09-28' 'It said it would free prisoners from October.' 'DATE:2025-10@37-44'
}

@test 'to send after required is the past when nearest' {
	check '2019-12-30' 'The resolution required states to send workers home by Dec. 22.' 'DATE:2019-12-22@55-62'
}

@test 'to convene points ahead' {
	check '2024-11-18' 'It plans to convene a plenum in late December.' 'DATE:2024-12@32-45'
}

@test 'a decision to convene after a past verb takes the nearest' {
	check '2024-11-18' 'It adopted a decision to convene a plenum in late December.' 'DATE:2024-12@45-58'
}

@test 'a date right after for is scheduled' {
	check '2024-11-20' 'The plenum, which it has called for late December, will set targets.' 'DATE:2024-12@36-49'
}

@test 'a past cue far after the date' {
	check '2024-11-19' 'At a meeting in Lima, Peru, on Friday, President Biden, President Yoon Suk Yeol of South Korea and Prime Minister Shigeru Ishiba of Japan agreed to act.' 'DATE:2024-11-15@31-37'
}

@test 'an untensed month leans to the past' {
	check '2024-11-19' 'In a statement in late March: no.' 'DATE:2024-03@18-28'
}

@test 'an untensed month soon ahead is ahead' {
	check '2024-11-19' 'Meeting: January.' 'DATE:2025-01@9-16'
}

@test 'previous years are the past' {
	check '2024-11-18' 'It was warmer than in previous years.' 'DATE:PAST_REF@22-36'
}

@test 'the coming year is a date' {
	check '2024-11-18' 'It set tasks for the coming year.' 'DATE:2025@17-32'
}

