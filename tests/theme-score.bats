#!/usr/bin/env bats
# theme-score: field 8 from weighted terms of themes.

load helper
bats_require_minimum_version 1.5.0

TS=$FIXTURES/theme-score

setup() {
	cd "$BATS_TEST_TMPDIR"
	export -f rec
}

# themes TEXT [OPTION...]: field 8 for a record with TEXT.
themes() (
	set -o pipefail
	rec d 1 1 2024-11-18 "$1" '' '' '' | theme-score "${@:2}" | cut -f8
)

# lex FILE LINE...: write a lexicon, one line per argument, columns split
# at '|'.
lex() {
	local f=$1
	shift
	printf '%s\n' "$@" | tr '|' '\t' > "$f"
}

# own TEXT [OPTION...]: field 8 with only the lexicon own.tsv.
own() {
	themes "$1" --no-default --lexicon own.tsv "${@:2}"
}

# --- records in, records out --------------------------------------------------

@test "field 8 is replaced and every other field is written unchanged" {
	run theme-score <<<"$(rec https://x.example/a 3 2 2024-11-18 \
	    'Pyongyang enriched more uranium at Yongbyon.' 'LOC:Pyongyang@0-9' \
	    'DATE:2024-11@0-9' 'old:0.99' mine 'also mine')"
	assert_success
	assert_output "$(rec https://x.example/a 3 2 2024-11-18 \
	    'Pyongyang enriched more uranium at Yongbyon.' 'LOC:Pyongyang@0-9' \
	    'DATE:2024-11@0-9' 'nuclear:0.82' mine 'also mine')"
}

@test "one record out for each record in, in order, empty field 8 when nothing hits" {
	run theme-score <<<"$(rec d 1 1 '' 'The weather was fine today.' '' '' 'x:1.00'
	    rec d 1 2 '' 'Sanctions bite harder this winter.'
	    rec d 2 1 '' 'Nothing to see here at all.')"
	assert_success
	assert_output "$(rec d 1 1 '' 'The weather was fine today.' '' '' ''
	    rec d 1 2 '' 'Sanctions bite harder this winter.' '' '' 'sanctions:0.59'
	    rec d 2 1 '' 'Nothing to see here at all.' '' '' '')"
}

@test "a record of 5 fields is written with all eight" {
	run theme-score <<<"$(rec d 0 0 '' 'The missile launch was a failure.')"
	assert_success
	assert_output "$(rec d 0 0 '' 'The missile launch was a failure.' '' '' \
	    'missiles:0.56')"
}

@test "files are read in turn, - is the standard input" {
	rec a 1 1 '' 'The harvest was poor this year.' > a.rec
	rec c 1 1 '' 'Hackers stole crypto from an exchange.' > c.rec
	run theme-score a.rec - c.rec <<<"$(rec b 1 1 '' 'Putin met Kim in Moscow.')"
	assert_success
	assert_output "$(rec a 1 1 '' 'The harvest was poor this year.' '' '' \
	    'food-and-agriculture:0.53'
	    rec b 1 1 '' 'Putin met Kim in Moscow.' '' '' 'russia:0.73'
	    rec c 1 1 '' 'Hackers stole crypto from an exchange.' '' '' \
	    'cyber:0.88')"
}

# --- realistic sentences, scored by the built-in themes ----------------------

@test "a missile launch" {
	run themes 'North Korea fired two short-range ballistic missiles into the East Sea on Thursday, the Joint Chiefs of Staff said.'
	assert_output 'missiles:0.86;military:0.24'
}

@test "an enrichment site" {
	run themes 'The IAEA said the undeclared enrichment facility at Kangson appeared to be operating.'
	assert_output 'nuclear:0.90'
}

@test "sanctions evasion" {
	run themes 'The UN Security Council panel said North Korea evaded sanctions through ship-to-ship transfers of oil.'
	assert_output 'sanctions:0.94;economy:0.24'
}

@test "a party plenary meeting" {
	run themes "Kim Jong Un presided over a plenary meeting of the Workers' Party Central Committee in Pyongyang."
	assert_output 'party-politics:0.84;leadership:0.24'
}

@test "the abductions and a summit with Japan" {
	run themes 'Prime Minister Ishiba said the abduction issue could not be set aside in any summit with Pyongyang.'
	assert_output 'japan:0.81;diplomacy-us:0.38;party-politics:0.19'
}

@test "cryptocurrency theft" {
	run themes 'Hackers tied to the Lazarus group laundered stolen cryptocurrency through exchanges in Cambodia.'
	assert_output 'cyber:0.97;sanctions:0.43'
}

@test "trade with China" {
	run themes 'Trade between China and North Korea rose in October, Chinese customs data showed.'
	assert_output 'china:0.81;economy:0.50'
}

@test "rice prices and the harvest" {
	run themes 'Rice prices fell in Hyesan as the autumn harvest reached the markets.'
	assert_output 'food-and-agriculture:0.78;economy:0.46'
}

@test "prison camps" {
	run themes 'Defectors described forced labor and torture in the political prison camps.'
	assert_output 'human-rights:0.98;inter-korean:0.29'
}

@test "balloons across the border" {
	run themes 'The North sent balloons carrying trash across the inter-Korean border.'
	assert_output 'inter-korean:0.75'
}

@test "troops in Kursk" {
	run themes 'North Korean troops fighting in the Kursk region have suffered heavy casualties, Ukrainian officials said.'
	assert_output 'russia:0.77;military:0.59;party-politics:0.19'
}

@test "regional development" {
	run themes 'Local industry factories opened in 20 counties under the regional development 20x10 policy.'
	assert_output 'regional-development:0.97'
}

# --- the built-in themes on sentences labelled beforehand --------------------

# The top theme of each sentence of labelled.tsv, after its label:
# "LABEL TOP" per line.
labelled_tops() (
	set -o pipefail
	grep -v '^#' "$TS/labelled.tsv" | cut -f1 > labels
	grep -v '^#' "$TS/labelled.tsv" |
	    awk -F'\t' -v OFS='\t' '{ print "d", NR, 1, "", $2, "", "", "" }' |
	    theme-score | cut -f8 | sed 's/:.*//' | paste -d' ' labels -
)

@test "the top theme is the label of at least 90% of the labelled sentences" {
	run labelled_tops
	assert_success
	n=$(printf '%s\n' "$output" | wc -l)
	ok=$(printf '%s\n' "$output" | awk '$1 == $2' | wc -l)
	[ "$n" -eq 209 ]
	[ $((100 * ok)) -ge $((90 * n)) ] || {
		printf '%s\n' "$output" | awk '$1 != $2' >&2
		false
	}
}

@test "every theme of the issue is built in and tops some labelled sentence" {
	run labelled_tops
	assert_success
	for t in nuclear missiles military war-readiness economy sanctions \
	    regional-development diplomacy-us inter-korean russia china japan \
	    party-politics ideology-and-control leadership human-rights \
	    society-and-labor food-and-agriculture cyber; do
		printf '%s\n' "$output" | grep -qx "$t $t" ||
		    { echo "no sentence tops $t" >&2; false; }
	done
}

@test "boilerplate gets no theme" {
	run bash -c "awk -v OFS='\t' '{ print \"d\", NR, 1, \"\", \$0, \"\", \"\", \"\" }' \
	    '$TS/boilerplate.txt' | theme-score | cut -f5,8 | grep -v $'\t\$'"
	assert_failure 1
	assert_output ''
}

@test "the sample articles: every field 8 is well formed, scores falling" {
	run bash -c "ingest '$SAMPLES' | normalize | declutter | sentence-split |
	    theme-score --min 0 | awk -F'\t' '
	    { n++; prev = 2; split(\"\", seen)
	      k = split(\$8, item, \";\")
	      for (i = 1; i <= k; i++) {
		if (item[i] !~ /^[a-z-]+:(0\\.[0-9][0-9]|1\\.00)\$/) { print \"bad \" item[i]; next }
		t = item[i]; sub(/:.*/, \"\", t); s = item[i]; sub(/.*:/, \"\", s)
		if (t in seen) print \"twice \" t
		if (s + 0 > prev) print \"rising \" \$8
		seen[t]; prev = s + 0
	      } }
	    END { print n }'"
	assert_success
	assert_output "$(ingest "$SAMPLES" | normalize | declutter |
	    sentence-split | wc -l)"
}

# --- scores ----------------------------------------------------------------------

@test "one term of weight 1 scores 0.50, two distinct terms 0.75, three 0.88" {
	lex own.tsv 'a|1|alpha' 'a|1|beta' 'a|1|gamma'
	run own 'The alpha came first.'
	assert_output 'a:0.50'
	run own 'The alpha and the beta came.'
	assert_output 'a:0.75'
	run own 'Alpha, beta and gamma came.'
	assert_output 'a:0.88'
}

@test "a term counts once however often it occurs" {
	lex own.tsv 'a|1|alpha'
	run own 'Alpha alpha alpha, and alpha again.'
	assert_output 'a:0.50'
}

@test "a term of weight 0.14 alone is under the default minimum, 0.15 is not" {
	lex own.tsv 'a|0.14|alpha' 'b|0.15|beta'
	run own 'Alpha and beta are words here.'
	assert_output 'b:0.10'
	run own 'Alpha and beta are words here.' --min 0
	assert_output 'b:0.10;a:0.09'
}

@test "the highest score comes first, equal scores by theme name" {
	lex own.tsv 'zeta|1|alpha' 'beta|1|alpha' 'mid|2|gamma' 'low|0.5|delta'
	run own 'Alpha, gamma and delta are here.'
	assert_output 'mid:0.75;beta:0.50;zeta:0.50;low:0.29'
}

@test "scores approach 1 and are written 1.00 when they round to it" {
	lex own.tsv 'a|10|alpha'
	run own 'It is the alpha of it all.'
	assert_output 'a:1.00'
}

@test "padding a sentence with other words and repeats does not raise its score" {
	lex own.tsv 'a|1|alpha' 'a|0.5|beta'
	run own 'Alpha and beta.'
	assert_output 'a:0.65'
	run own 'In the long and winding account of what alpha did, beta, alpha and beta again came up, said the many people who were there and saw it all.'
	assert_output 'a:0.65'
}

@test "--min keeps the themes whose score as written is at least SCORE" {
	lex own.tsv 'a|1|alpha' 'b|0.5|beta' 'c|2|gamma'
	run own 'Alpha, beta and gamma.' --min 0.5
	assert_output 'c:0.75;a:0.50'
	run own 'Alpha, beta and gamma.' --min 0.505
	assert_output 'c:0.75'
	run own 'Alpha, beta and gamma.' --min 1
	assert_output ''
	run own 'Alpha, beta and gamma.' --min 0.
	assert_output 'c:0.75;a:0.50;b:0.29'
}

@test "a bad --min is a usage error" {
	for m in 1.5 -0.1 abc '' 0.1.2 1e-1; do
		run theme-score --min "$m" </dev/null
		assert_failure 2
		assert_line --index 0 "theme-score: --min: not a score from 0 to 1: '$m'"
		assert_line --index 1 --partial "Try 'theme-score --help'"
	done
}

# --- matching -------------------------------------------------------------------

@test "matching ignores case" {
	lex own.tsv 'a|1|Uranium Enrichment'
	run own 'URANIUM ENRICHMENT resumed.'
	assert_output 'a:0.50'
}

@test "whole words only: the art of party is no hit" {
	lex own.tsv 'a|1|art'
	run own 'The party met in the hall.'
	assert_output ''
	run own 'The art of the deal.'
	assert_output 'a:0.50'
}

@test "a possessive 's, ’s or s' is ignored" {
	lex own.tsv 'a|1|korea economy' 'b|1|workers party'
	run own "North Korea's economy shrank."
	assert_output 'a:0.50'
	run own 'North Korea’s economy shrank.'
	assert_output 'a:0.50'
	run own "The Workers' Party met."
	assert_output 'b:0.50'
}

@test "an apostrophe inside a word is dropped" {
	lex own.tsv "a|1|P'yongyang"
	run own 'The road to Pyongyang is long.'
	assert_output 'a:0.50'
	run own 'The road to P’yongyang is long.'
	assert_output 'a:0.50'
}

@test "a hyphen, a slash or a dot between words is a space: long-range = long range, U.S. = u s" {
	lex own.tsv 'a|1|long range' 'b|1|U.S.' 'c|1|missile test'
	run own 'A long-range missile/test by the U.S. forces.'
	assert_output 'a:0.50;b:0.50;c:0.50'
	run own 'A long range missile test for the US.'
	assert_output 'a:0.50;c:0.50'
}

@test "diacritics are ignored, composed or not" {
	lex own.tsv 'a|1|North Hamgyong'
	run own 'Floods hit North Hamgyŏng province.'
	assert_output 'a:0.50'
	run own $'Floods hit North Hamgyo\xcc\x86ng province.'
	assert_output 'a:0.50'
	lex own.tsv 'a|1|Séoul'
	run own 'It rained in SEOUL today.'
	assert_output 'a:0.50'
}

@test "a wildcard matches every word its stem begins, and only those" {
	lex own.tsv 'a|1|sanction*'
	run own 'The sanctioned firms.'
	assert_output 'a:0.50'
	run own 'More sanctions came.'
	assert_output 'a:0.50'
	run own 'A sanction came.'
	assert_output 'a:0.50'
	run own 'An unsanctioned act.'
	assert_output ''
}

@test "a wildcard can end any word of a phrase" {
	lex own.tsv 'a|1|ballistic missile*' 'b|1|sanction* relief'
	run own 'It fired ballistic missiles; it asked for sanctions relief.'
	assert_output 'a:0.50;b:0.50'
	run own 'It fired ballistic rockets.'
	assert_output ''
}

@test "a phrase does not run across a comma, a period or a dash" {
	lex own.tsv 'a|1|missile launch'
	run own 'It built a missile, launch pads and more.'
	assert_output ''
	run own 'It built a missile. Launch pads came later.'
	assert_output ''
	run own 'It built a missile — launch pads came later.'
	assert_output ''
	run own 'It built a missile launch pad.'
	assert_output 'a:0.50'
}

# --- what counts ------------------------------------------------------------------

@test "a hit inside a longer hit of its theme is dropped" {
	lex own.tsv 'a|1.2|ballistic missile' 'a|0.9|missile' 'a|1|ballistic'
	run own 'It fired a ballistic missile.'
	assert_output 'a:0.56'
	run own 'It fired a ballistic missile and another missile.'
	assert_output 'a:0.77'
}

@test "a hit inside a longer hit of another theme is dropped" {
	lex own.tsv 'zone|0.8|exclusive economic zone' 'economy|0.6|economic'
	run own 'It fell in the exclusive economic zone.'
	assert_output 'zone:0.43'
	run own 'It fell in the zone of economic activity.'
	assert_output 'economy:0.34'
}

@test "hits of two themes with one span both count" {
	lex own.tsv 'a|1|sanctions relief' 'b|0.5|sanctions relief'
	run own 'They want sanctions relief.'
	assert_output 'a:0.50;b:0.29'
}

@test "a term of weight 0 counts nothing but hides the terms inside it" {
	lex own.tsv 'a|1|tank*' 'a|0|think tank*'
	run own 'A think tank in Seoul said so.'
	assert_output ''
	run own 'A tank in Seoul was seen.'
	assert_output 'a:0.50'
}

@test "an entity of field 6 counts for its theme" {
	lex own.tsv "military|0.9|@ORG:Korean People's Army"
	run bash -c "rec d 1 1 '' 'The KPA held drills.' 'ORG:Korean People'\''s Army@4-7' |
	    theme-score --no-default --lexicon own.tsv | cut -f8"
	assert_output 'military:0.46'
}

@test "an entity matches whatever its case and apostrophes, but only with its type" {
	lex own.tsv "m|1|@ORG:korean people's army"
	run bash -c "rec d 1 1 '' 'The KPA held drills.' 'ORG:Korean People’s Army@4-7;PER:Korean People'\''s Army@4-7' |
	    theme-score --no-default --lexicon own.tsv --explain | cut -f8,9"
	assert_output "$(printf 'm:0.50\tm:0.50 @ORG:korean people'"'"'s army=1')"
}

@test "an entity and its name spelled out count once" {
	lex own.tsv "m|0.9|@ORG:Korean People's Army" "m|1|Korean People's Army"
	run bash -c "rec d 1 1 '' 'The Korean People’s Army held drills.' 'ORG:Korean People'\''s Army@4-24' |
	    theme-score --no-default --lexicon own.tsv --explain | cut -f9"
	assert_output "m:0.50 Korean People's Army=1"
}

@test "a bad item of field 6 is an error" {
	run theme-score <<<"$(rec d 1 1 '' 'Kim met Putin.' 'PER:Kim@0-3;PER Putin@8-13')"
	assert_failure 65
	assert_output "theme-score: (stdin):1: field 6: annotation item without TYPE:: 'PER Putin@8-13'"
	run theme-score <<<"$(rec d 1 1 '' 'Kim met Putin.' 'PER:Putin@8-40')"
	assert_failure 65
	assert_output "theme-score: (stdin):1: field 6: annotation offsets lie outside the text: 'PER:Putin@8-40'"
}

# --- web furniture ------------------------------------------------------------------

@test "a text of fewer than 3 words scores nothing" {
	run themes 'Human Rights'
	assert_output ''
	run themes 'Nuclear'
	assert_output ''
	run themes 'Nuclear tests resumed'
	assert_output 'nuclear:0.56'
}

@test "a line of short items between separators scores nothing" {
	run themes 'Home > North Korea > Nuclear Weapons'
	assert_output ''
	run themes 'Features | Politics | Sanctions'
	assert_output ''
	run themes '#NorthKorea #ballistic missile #Russia'
	assert_output ''
	run themes 'Sanctions | Seoul Courier'
	assert_output 'sanctions:0.59'
}

@test "a label and a list scores nothing, a sentence with a list does" {
	run themes 'Read more: Sanctions, Nuclear tests, Russia'
	assert_output ''
	run themes 'It named three fields: sanctions, nuclear tests, Russia.'
	assert_output 'sanctions:0.59;nuclear:0.56;russia:0.50'
}

# --- --explain ------------------------------------------------------------------

@test "--explain adds a last field: each theme, its score and its terms, heaviest first" {
	run bash -c "rec d 1 1 '' 'North Korea fired two short-range ballistic missiles into the East Sea, the Joint Chiefs of Staff said.' '' '' '' mine |
	    theme-score --explain | cut -f8-"
	assert_success
	assert_output "$(printf '%s\t%s\t%s' 'missiles:0.86;military:0.24' mine \
	    'missiles:0.86 ballistic missile*=1.2, East Sea=0.6, short-range=0.6, fired=0.4; military:0.24 Joint Chiefs of Staff=0.4')"
}

@test "--explain shows the themes under --min too, and an empty field without hits" {
	lex own.tsv 'a|1|alpha' 'b|0.1|beta'
	run bash -c "{ rec d 1 1 '' 'Alpha and beta here.'; rec d 1 2 '' 'Nothing at all here.'; } |
	    theme-score --no-default --lexicon own.tsv --explain | cut -f8,9"
	assert_output "$(printf '%s\t%s\n%s\t%s' 'a:0.50' \
	    'a:0.50 alpha=1; b:0.07 beta=0.1' '' '')"
}

@test "--explain writes the weight as the lexicon does" {
	lex own.tsv 'a|1.50|alpha' 'a|.5|beta'
	run bash -c "rec d 1 1 '' 'Alpha and beta here.' | theme-score --no-default --lexicon own.tsv --explain | cut -f9"
	assert_output 'a:0.75 alpha=1.50, beta=.5'
}

# --- --doc ------------------------------------------------------------------------

@test "--doc writes one record per document: title, its items, the document's score" {
	lex own.tsv 'a|1|alpha' 'b|1|beta'
	run bash -c "{
	    rec d1 0 1 2024-11-18 'Alpha rises.' 'LOC:Alpha@0-5' 'DATE:2024@6-11' 'x' u1
	    rec d1 0 2 2024-11-18 'Beta falls.' 'LOC:Beta@0-4' '' '' u2
	    rec d1 1 1 2024-11-18 'Alpha again, and alpha.'
	    rec d1 2 1 2024-11-18 'Nothing here at all.'
	    rec d2 1 1 2024-11-19 'Beta only here.' '' '' '' u3
	    } | theme-score --no-default --lexicon own.tsv --doc"
	assert_success
	# d1: the titles have fewer than 3 words: furniture that scores
	# nothing and does not count, so S(a) = (1 + 0) / sqrt(2) = 0.71;
	# d2 has no title.
	assert_output "$(rec d1 0 0 2024-11-18 'Alpha rises. Beta falls.' \
	    'LOC:Alpha@0-5;LOC:Beta@13-17' 'DATE:2024@6-11' 'a:0.39' u1
	    rec d2 0 0 2024-11-19 '' '' '' 'b:0.50' u3)"
}

@test "--doc: a document of one record scores as that record" {
	text='The IAEA said the undeclared enrichment facility at Kangson appeared to be operating.'
	one=$(rec d 3 2 '' "$text" | theme-score | cut -f8)
	run bash -c "rec d 3 2 '' '$text' | theme-score --doc | cut -f8"
	assert_output "$one"
}

@test "--doc divides the sum by the square root of the number of records" {
	lex own.tsv 'a|1|alpha'
	run bash -c "for i in 1 2 3 4; do rec d 1 \$i '' 'Alpha is here now.'; done |
	    theme-score --no-default --lexicon own.tsv --doc --explain | cut -f8,9"
	# S = 4 * 1 / sqrt(4) = 2
	assert_output "$(printf '%s\t%s' 'a:0.75' 'a:0.75 alpha=1x4')"
}

@test "--doc checks field 7 of the title records" {
	run theme-score --doc <<<"$(rec d 0 1 '' 'Kim met Putin.' '' 'DATE:2024@40-44')"
	assert_failure 65
	assert_output "theme-score: (stdin):1: field 7: annotation offsets lie outside the text: 'DATE:2024@40-44'"
}

# --- lexicons -----------------------------------------------------------------------

@test "--lexicon adds themes to the built-in ones" {
	lex own.tsv 'space|1.2|satellite launch*'
	run themes 'The satellite launch failed again.' --lexicon own.tsv
	assert_output 'space:0.56;missiles:0.50'
}

@test "--lexicon reweights a built-in term, and weight 0 switches it off" {
	lex own.tsv 'missiles|2|missile*'
	run themes 'The missile was old.' --lexicon own.tsv
	assert_output 'missiles:0.75'
	lex own.tsv 'missiles|0|missile*'
	run themes 'The missile was old.' --lexicon own.tsv
	assert_output ''
}

@test "several --lexicon files are read in order" {
	lex one.tsv 'a|1|alpha'
	lex two.tsv 'a|2|alpha'
	run themes 'The alpha was here.' --no-default --lexicon one.tsv --lexicon two.tsv
	assert_output 'a:0.75'
	run themes 'The alpha was here.' --no-default --lexicon two.tsv --lexicon one.tsv
	assert_output 'a:0.50'
}

@test "comments and empty lines of a lexicon are skipped" {
	printf '# themes\n\na\t1\talpha\n\n# end\n' > own.tsv
	run own 'The alpha was here.'
	assert_output 'a:0.50'
}

# bad_row ROW MESSAGE: a lexicon with a good line, then ROW (| for TAB), is
# rejected at line 2 with MESSAGE.
bad_row() {
	lex own.tsv 'a|1|alpha' "$1"
	run theme-score --no-default --lexicon own.tsv </dev/null
	assert_failure 65
	assert_output "theme-score: own.tsv:2: $2"
}

@test "a lexicon line of 2 or 4 columns is an error" {
	bad_row 'a|alpha' 'expected 3 columns: theme, weight, term'
	bad_row 'a|1|alpha|x' 'expected 3 columns: theme, weight, term'
}

@test "a bad theme name is an error" {
	bad_row 'a b|1|alpha' "a theme name is letters, digits, '-', '_' or '.': 'a b'"
	bad_row 'a:b|1|alpha' "a theme name is letters, digits, '-', '_' or '.': 'a:b'"
	bad_row '|1|alpha' "a theme name is letters, digits, '-', '_' or '.': ''"
}

@test "a bad weight is an error" {
	bad_row 'a|heavy|alpha' "a weight is a number from 0 to 10: 'heavy'"
	bad_row 'a|-1|alpha' "a weight is a number from 0 to 10: '-1'"
	bad_row 'a|10.5|alpha' "a weight is a number from 0 to 10: '10.5'"
	bad_row 'a|1e2|alpha' "a weight is a number from 0 to 10: '1e2'"
	bad_row 'a||alpha' "a weight is a number from 0 to 10: ''"
}

@test "a bad term is an error" {
	bad_row 'a|1|' "a term needs a word: ''"
	bad_row 'a|1|---' "a term needs a word: '---'"
	bad_row 'a|1|ab*' "a wildcard stem has 3 to 63 bytes: 'ab*'"
	bad_row 'a|1|*alpha' "'*' must end a word: '*alpha'"
	bad_row 'a|1|al*pha' "'*' must end a word: 'al*pha'"
	bad_row 'a|1|alpha*beta' "'*' must end a word: 'alpha*beta'"
	bad_row 'a|1|one two three four five six seven eight nine' \
	    "a term has at most 8 words: 'one two three four five six seven eight nine'"
	bad_row 'a|1|war, peace' \
	    "a term cannot hold ';', ',', '=' or control characters: 'war, peace'"
	bad_row 'a|1|Mr. Kim' \
	    "a phrase cannot hold punctuation that ends a phrase: 'Mr. Kim'"
}

@test "a bad entity term is an error" {
	bad_row 'a|1|@Kim' "an entity term is @TYPE:NAME: '@Kim'"
	bad_row 'a|1|@:Kim' "an entity term is @TYPE:NAME: '@:Kim'"
	bad_row 'a|1|@P-R:Kim' "an entity TYPE is letters: '@P-R:Kim'"
	bad_row 'a|1|@PER:' "an entity term needs a NAME: '@PER:'"
	bad_row 'a|1|@PER:Kim*' "an entity term takes no '*': '@PER:Kim*'"
}

@test "a lexicon that cannot be read is a runtime failure" {
	run theme-score --lexicon missing.tsv </dev/null
	assert_failure 1
	assert_output 'theme-score: missing.tsv: No such file or directory'
}

@test "invalid UTF-8 in a lexicon is an error" {
	printf 'a\t1\talpha\na\t1\tbe\377ta\n' > own.tsv
	run theme-score --no-default --lexicon own.tsv </dev/null
	assert_failure 65
	assert_output 'theme-score: own.tsv:2: invalid UTF-8 (or a NUL byte)'
}

@test "--no-default needs --lexicon" {
	run theme-score --no-default </dev/null
	assert_failure 2
	assert_line --index 0 'theme-score: --no-default needs --lexicon FILE'
}

# --- input, options, limits ---------------------------------------------------------

@test "a record of fewer than 5 fields is an error" {
	run theme-score <<<"$(printf 'd\t1\t1\t2024-11-18')"
	assert_failure 65
	assert_output --partial 'theme-score: (stdin):1: '
}

@test "an unreadable input file is a runtime failure" {
	run theme-score nothere.rec </dev/null
	assert_failure 1
	assert_output --partial 'theme-score: nothere.rec: '
}

@test "a text of 3 MB in one record is scored" {
	awk 'BEGIN { for (i = 0; i < 100000; i++) printf "the missile and the harvest wait "; print "" }' > long.txt
	run bash -c "printf 'd\t1\t1\t\t%s\n' \"\$(cat long.txt)\" | theme-score | cut -f8"
	assert_success
	assert_output 'food-and-agriculture:0.53;missiles:0.46'
}

@test "invalid UTF-8 and control bytes in the text are word breaks" {
	run themes $'The missile\377launch \001harvest came.'
	assert_success
	assert_output 'missiles:0.56;food-and-agriculture:0.53'
}

@test "--line-buffered writes each record as it is read" {
	run bash -c "{ rec d 1 1 '' 'Putin met Kim in Moscow.'; sleep 3; rec d 1 2 '' 'More of it.'; } |
	    theme-score --line-buffered | { IFS= read -r -t 2 line && printf '%s\n' \"\$line\" | cut -f8; }"
	assert_success
	assert_output 'russia:0.73'
}

@test "--help and --version" {
	run theme-score --help
	assert_success
	assert_output --partial '--explain'
	assert_output --partial '--doc'
	run theme-score --version
	assert_success
	assert_output --regexp '^theme-score \(newsfilter\) [0-9.]+$'
}

@test "an unknown option is a usage error" {
	run theme-score --bogus </dev/null
	assert_failure 2
	assert_line --index 0 --partial 'theme-score: '
}

@test "an empty lexicon scores nothing and fails nothing" {
	: > own.tsv
	run own 'The missile launch failed badly.'
	assert_success
	assert_output ''
}
