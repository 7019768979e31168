#!/usr/bin/env bats
# entity-tag: people, organizations and places in field 5, to field 6.

load helper
bats_require_minimum_version 1.5.0

DATA="$TOP/filters/entity-tag"

# ents TEXT [OPTION...]: field 6 of the record entity-tag makes of TEXT.
ents() {
	local text=$1
	shift
	rec d 1 1 2024-11-18 "$text" | entity-tag "$@" | cut -f6
}

# --- the record ----------------------------------------------------------

@test "record: field 6 gets the items, in text order, every other field kept" {
	run --separate-stderr entity-tag < <(
		rec https://example.com/a 3 1 2024-11-18 'Kim Jong Un visited Pyongyang on Friday.' '' 'DATE:2024-11-15@33-39' 'leadership:0.52' 'mine' 'also mine')
	assert_success
	assert_equal "$stderr" ""
	assert_output "$(rec https://example.com/a 3 1 2024-11-18 'Kim Jong Un visited Pyongyang on Friday.' \
		'PER:Kim Jong Un@0-11;LOC:Pyongyang@20-29' 'DATE:2024-11-15@33-39' 'leadership:0.52' 'mine' 'also mine')"
}

@test "record: a record of five fields is written with eight" {
	run entity-tag < <(rec d 0 0 '' 'Seoul')
	assert_success
	assert_output "$(rec d 0 0 '' 'Seoul' 'LOC:Seoul@0-5' '' '')"
}

@test "record: items already in field 6 are replaced" {
	run entity-tag < <(rec d 1 0 '' 'Putin flew to Pyongyang.' 'ORG:Old@0-3;PER:Stale@4-8' '' '')
	assert_success
	assert_output "$(rec d 1 0 '' 'Putin flew to Pyongyang.' 'PER:Vladimir Putin@0-5;LOC:Pyongyang@14-23' '' '')"
}

@test "record: no name, empty field 6; empty text, empty field 6" {
	run entity-tag < <(rec d 1 0 '' 'the talks went on.' 'PER:Gone@0-3' '' ''; rec d 2 0 '' '')
	assert_success
	assert_output "$(rec d 1 0 '' 'the talks went on.' '' '' ''; rec d 2 0 '' '' '' '' '')"
}

@test "record: one record out for each record in, on the sample articles" {
	local n
	n=$(ingest "$SAMPLES"/*.txt | wc -l)
	run bash -c 'ingest "$SAMPLES"/*.txt | entity-tag | wc -l'
	assert_success
	assert_output "$n"
}

# --- the lexicon: variants, spellings, short forms ------------------------

@test "variants: hyphens, spaces and capitals are one name" {
	run ents 'Kim Jong-un, Kim Jong-Un, KIM JONG UN and Kim Jongun met.'
	assert_output 'PER:Kim Jong Un@0-11;PER:Kim Jong Un@13-24;PER:Kim Jong Un@26-37;PER:Kim Jong Un@42-52'
}

@test "variants: diacritics and apostrophes fold; offsets are bytes" {
	run ents "Troops left North Hamgyŏng and North P’yŏngan for P'yŏngyang."
	assert_output 'LOC:North Hamgyong@12-27;LOC:North Pyongan@32-49;LOC:Pyongyang@54-65'
}

@test "variants: the two romanizations of a province; a head word joins the span" {
	run ents 'Rain fell in Ryanggang and in Yanggang Province.'
	assert_output 'LOC:Ryanggang@13-22;LOC:Ryanggang@30-47'
}

@test "variants: a short form and the full name are one organization" {
	run ents 'KCNA and the Korean Central News Agency said so.'
	assert_output 'ORG:Korean Central News Agency@0-4;ORG:Korean Central News Agency@13-39'
}

@test "possessives: the span leaves out 's and ’s" {
	run ents 'Kim Jong Un'"'"'s sister and the KPA’s generals.'
	assert_output "PER:Kim Jong Un@0-11;ORG:Korean People's Army@29-32"
}

@test "possessives: a plural possessive inside a name is part of it" {
	run ents 'Delegates of the Workers’ Party of Korea arrived.'
	assert_output "ORG:Workers' Party of Korea@17-42"
}

@test "possessives: a name does not run on past an 's" {
	run ents 'He read the Party'"'"'s Central Committee report.'
	assert_output 'ORG:WPK Central Committee@20-37'
}

@test "acronyms: a variant in capitals matches only in capitals" {
	run ents 'Who said the US would help us?'
	assert_output 'LOC:United States@13-15'
}

@test "acronyms: periods belong to U.S. and to initials, a space does not" {
	run ents 'George W. Bush left the U.S. and the U.S for U.S.Z today.'
	assert_output 'PER:George W. Bush@0-14;LOC:United States@24-28;LOC:United States@37-40;ORG:U.S.Z@45-50'
}

@test "lexicon: a lowercase word does not end a name the lexicon spells with a capital" {
	run ents 'They built the Masikryong ski resort.'
	assert_output 'LOC:Masikryong@15-25'
}

@test "lexicon: an organization takes a company suffix" {
	run ents 'Shares of Samsung Corp fell.'
	assert_output 'ORG:Samsung@10-22'
}

@test "hyphens: a name ends before -based, not before -ri, and not in a model number" {
	run ents 'a Seoul-based group near Punggye-ri tested a Hwasong-18 missile'
	assert_output 'LOC:Seoul@2-7;LOC:Punggye-ri@25-35'
}

@test "hyphens: two names joined by a hyphen are two names" {
	run ents 'The North Korea-Russia treaty was signed.'
	assert_output 'LOC:North Korea@4-15;LOC:Russia@16-22'
}

@test "digits: a think tank whose name starts with a number" {
	run ents 'An RC-135W flew, 38 North said.'
	assert_output 'ORG:38 North@17-25'
}

# --- the traps ------------------------------------------------------------

@test "traps: the North's state media is not an entity" {
	run ents "The North's state media said nothing."
	assert_output ''
}

@test "traps: sentence-initial North Korea's is the country and nothing more" {
	run ents "North Korea's missile flew."
	assert_output 'LOC:North Korea@0-11'
}

@test "traps: The ministry said is no entity" {
	run ents 'The ministry said it would respond.'
	assert_output ''
}

@test "traps: a common word that starts a sentence is no name" {
	run ents 'Analysts doubt it. However, Testifying Officials left.'
	assert_output ''
}

@test "traps: headline case keeps only the names" {
	run ents "What's Driving Kim Jong Un's New Regional Development Policy?"
	assert_output 'PER:Kim Jong Un@15-26'
}

@test "traps: a headline in capitals keeps only the names" {
	run ents 'SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .'
	assert_output 'LOC:Japan@9-14;LOC:China@31-36'
}

@test "traps: in a headline a lone unknown word with no sign is no name" {
	run ents 'Imagery Shows North Korea Pressing Ahead on Submarines and Fissile Material'
	assert_output 'LOC:North Korea@14-25'
}

@test "traps: a wire slug after an ordinal, a currency sign, a one-word heading" {
	run bash -c 'entity-tag | cut -f6' < <(
		rec d 0 0 '' '(2nd LD) N. Korea fires missiles'
		rec d 1 0 '' 'It cost US$41 million.'
		rec d 2 0 '' 'Endnotes')
	assert_output "$(printf '%s\n' 'LOC:North Korea@9-17' '' '')"
}

@test "traps: a party congress is an event, also after an ordinal" {
	run ents 'Kim spoke at the Eighth Party Congress and the 9th Congress.'
	assert_output 'PER:Kim@0-3'
}

@test "traps: a title with a possessive or a head word is no title" {
	run ents 'Fans gathered at the Prime Minister'"'"'s Office before the General Conference began.'
	assert_output "ORG:Prime Minister's Office@21-44"
}

@test "traps: nationalities are not places" {
	run ents 'North Korean leader Kim met Russian troops and Ukrainian-born soldiers.'
	assert_output 'PER:Kim@20-23'
}

@test "traps: an ordinal makes an event, not an organization" {
	run ents "Delegates to the Eighth Congress of the Workers' Party of Korea voted."
	assert_output "ORG:Workers' Party of Korea@40-63"
}

@test "traps: a title alone is no name" {
	run ents 'The General Secretary spoke and the President listened.'
	assert_output ''
}

# --- names no lexicon lists ----------------------------------------------

@test "guess: a name after Vice Minister is a person" {
	run ents 'Vice Minister Zorbal Quentrix said the talks failed.'
	assert_output 'PER:Zorbal Quentrix@14-29'
}

@test "guess: a title before a one-word name, abbreviated too" {
	run ents 'Gen. Zorbal met leader Quentrix and Mr. Smith.'
	assert_output 'PER:Zorbal@5-11;PER:Quentrix@23-31;PER:Smith@40-45'
}

@test "guess: a title with of goes on over its common words" {
	run ents 'Deputy Secretary of State Kurt M. Campbell spoke.'
	assert_output 'PER:Kurt M. Campbell@26-42'
}

@test "guess: a place after in" {
	run ents 'Officials gathered in Zarvosk on Monday.'
	assert_output 'LOC:Zarvosk@22-29'
}

@test "guess: organization head words, joined over of, for and and" {
	run ents 'He joined the Zorvan Institute for Peace Studies and later the Ministry of Zorvan Affairs.'
	assert_output 'ORG:Zorvan Institute for Peace Studies@14-48;ORG:Ministry of Zorvan Affairs@63-89'
}

@test "guess: and joins only into the tail of a name" {
	run ents 'Officials of the Zorvan Institute and Quentrix Zorbal met.'
	assert_output 'ORG:Zorvan Institute@17-33;PER:Quentrix Zorbal@38-53'
}

@test "guess: an organization takes in the place or person named before it" {
	run ents 'Students of Kim Il Sung University and Pyongyang Zorvan University marched.'
	assert_output 'ORG:Kim Il Sung University@12-34;ORG:Pyongyang Zorvan University@39-66'
}

@test "guess: an organization takes in a place after of" {
	run ents 'He worked for the Bank of Zorvania, then the Zorvan University of Korea.'
	assert_output 'ORG:Bank of Zorvania@18-34;ORG:Zorvan University of Korea@45-71'
}

@test "guess: place head words before and after a name" {
	run ents 'Boats sailed up the Zarvo River past Mt. Zorvan and Lake Quentrix.'
	assert_output 'LOC:Zarvo River@20-31;LOC:Mt. Zorvan@37-47;LOC:Lake Quentrix@52-65'
}

@test "guess: a lowercase place word after a name" {
	run ents 'Houses rose in Qerbast and Zelmont districts.'
	assert_output 'LOC:Qerbast@15-22;LOC:Zelmont@27-34'
}

@test "guess: a lone word of Korean syllables is a place" {
	run ents 'Houses rose at Songhwa, said Zelmont.'
	assert_output 'LOC:Songhwa@15-22;PER:Zelmont@29-36'
}

@test "guess: a first name makes a person, even first in a sentence" {
	run ents 'Peter Blackburn said the vote was close.'
	assert_output 'PER:Peter Blackburn@0-15'
}

@test "guess: a Korean name shape is a person" {
	run ents 'Experts like Cheong Seong-chang and Ryu Zong-hyok disagree.'
	assert_output 'PER:Cheong Seong-chang@13-31;PER:Ryu Zong-hyok@36-49'
}

@test "guess: a Korean place suffix makes a place" {
	run ents 'Work went on at Zonghung-ri last week.'
	assert_output 'LOC:Zonghung-ri@16-27'
}

@test "guess: a model number is no name" {
	run ents 'The KN-23 and an E-3C were seen.'
	assert_output ''
}

# --- within a document -----------------------------------------------------

@test "coreference: a bare surname is the person named before" {
	run entity-tag < <(
		rec a 1 1 '' 'Kim Jong Un inspected a factory.'
		rec a 1 2 '' 'Kim said the work was slow.'
		rec a 2 1 '' "Later, Kim's sister spoke.")
	assert_success
	assert_output "$(
		rec a 1 1 '' 'Kim Jong Un inspected a factory.' 'PER:Kim Jong Un@0-11' '' ''
		rec a 1 2 '' 'Kim said the work was slow.' 'PER:Kim Jong Un@0-3' '' ''
		rec a 2 1 '' "Later, Kim's sister spoke." 'PER:Kim Jong Un@7-10' '' '')"
}

@test "coreference: the surname of a name no lexicon lists" {
	run entity-tag < <(
		rec a 1 1 '' 'Cheong Seong-chang of the Sejong Institute spoke.'
		rec a 1 2 '' "According to Cheong's analysis, talks will resume.")
	assert_success
	assert_output "$(
		rec a 1 1 '' 'Cheong Seong-chang of the Sejong Institute spoke.' 'PER:Cheong Seong-chang@0-18;ORG:Sejong Institute@26-42' '' ''
		rec a 1 2 '' "According to Cheong's analysis, talks will resume." 'PER:Cheong Seong-chang@13-19' '' '')"
}

@test "coreference: the person of that surname mentioned most, the latest on a tie" {
	run bash -c 'entity-tag | cut -f6' < <(
		rec a 1 1 '' 'Kim Yo Jong and Kim Yo-jong: Kim Jong Un was silent.'
		rec a 1 2 '' 'Kim spoke.'
		rec b 1 1 '' 'Kim Yo Jong spoke before Kim Jong Un.'
		rec b 1 2 '' 'Kim spoke.')
	assert_success
	assert_output "$(printf '%s\n' \
		'PER:Kim Yo Jong@0-11;PER:Kim Yo Jong@16-27;PER:Kim Jong Un@29-40' \
		'PER:Kim Yo Jong@0-3' \
		'PER:Kim Yo Jong@0-11;PER:Kim Jong Un@25-36' \
		'PER:Kim Jong Un@0-3')"
}

@test "coreference: a Western name is remembered by its last word" {
	run bash -c 'entity-tag | cut -f6' < <(
		rec a 1 1 '' 'Zorbal Quentrix, a spokesman, spoke.'
		rec a 1 2 '' 'Quentrix said no.')
	assert_output "$(printf '%s\n' 'PER:Zorbal Quentrix@0-15' 'PER:Zorbal Quentrix@0-8')"
}

@test "coreference: never across documents" {
	run bash -c 'entity-tag | cut -f6' < <(
		rec a 1 1 '' 'Cheong Seong-chang spoke.'
		rec b 1 1 '' 'Cheong left.'
		rec c 1 1 '' 'Kim Jong Un spoke.'
		rec a 1 2 '' 'Kim left.')
	assert_output "$(printf '%s\n' 'PER:Cheong Seong-chang@0-18' 'PER:Cheong@0-6' 'PER:Kim Jong Un@0-11' 'PER:Kim@0-3')"
}

@test "coreference: the ministry is not an entity" {
	run bash -c 'entity-tag | cut -f6' < <(
		rec a 1 1 '' 'The Ministry of Unification said talks should resume.'
		rec a 1 2 '' 'The ministry said so again.')
	assert_output "$(printf '%s\n' 'ORG:Ministry of Unification@4-27' '')"
}

# --- options ---------------------------------------------------------------

@test "--lexicon: adds names, replaces a built-in variant, takes CRLF and comments" {
	run ents 'Zorvan Quill met Kim Jong Un in KBW; Quill Zorvan left.' --lexicon "$FIXTURES/entity-tag/user.tsv"
	assert_success
	assert_output 'PER:Zorvan Quill@0-12;ORG:North Star Institute@17-28;LOC:Korea Bay West@32-35;PER:Zorvan Quill@37-49'
}

@test "--lexicon: a NONE row blocks a name" {
	run ents 'The Pyongyang Times reported.' --lexicon "$FIXTURES/entity-tag/user.tsv"
	assert_output ''
}

@test "--lexicon: may be given twice" {
	printf 'PER\tZorbal Kint\n' > "$BATS_TEST_TMPDIR/two.tsv"
	run ents 'Zorvan Quill and Zorbal Kint met.' --lexicon "$FIXTURES/entity-tag/user.tsv" --lexicon "$BATS_TEST_TMPDIR/two.tsv"
	assert_output 'PER:Zorvan Quill@0-12;PER:Zorbal Kint@17-28'
}

@test "--no-default: the built-in names are left out, the rules stay" {
	run ents 'Kim Jong-un met KCNA staff in Zarvosk.'
	assert_output 'PER:Kim Jong Un@0-11;ORG:Korean Central News Agency@16-20;LOC:Zarvosk@30-37'
	run ents 'Kim Jong-un met KCNA staff in Zarvosk.' --no-default
	assert_output 'PER:Kim Jong-un@0-11;ORG:KCNA@16-20;LOC:Zarvosk@30-37'
}

@test "--no-default with --lexicon: only the user's names" {
	run ents 'Zorvan Quill met Kim Jong Un.' --no-default --lexicon "$FIXTURES/entity-tag/user.tsv"
	assert_output 'PER:Zorvan Quill@0-12;ORG:North Star Institute@17-28'
}

@test "--line-buffered: each record is written before the next is read" {
	run bash -c 'coproc ET { entity-tag --line-buffered; }
		printf "d\t1\t1\t\tSeoul\n" >&"${ET[1]}"
		read -r -t 5 line <&"${ET[0]}" || exit 1
		printf "%s\n" "$line" | cut -f6
		exec {ET[1]}>&-'
	assert_success
	assert_output 'LOC:Seoul@0-5'
}

@test "--help and --version" {
	run entity-tag --help
	assert_success
	assert_output --partial '--lexicon'
	assert_output --partial '--no-default'
	run entity-tag --version
	assert_success
	assert_output 'entity-tag (newsfilter) 0.1.0'
}

# --- errors ------------------------------------------------------------------

@test "errors: an unknown option is a usage error" {
	run --separate-stderr entity-tag --bogus
	assert_failure 2
	assert_output ''
	[[ $stderr == "entity-tag: Unknown option --bogus"* ]]
	[[ $stderr == *"Try 'entity-tag --help'"* ]]
}

@test "errors: a lexicon that cannot be read" {
	run --separate-stderr entity-tag --lexicon /nonexistent/lex.tsv < /dev/null
	assert_failure 1
	[[ $stderr == "entity-tag: "*"/nonexistent/lex.tsv"* ]]
}

@test "errors: a lexicon row of an unknown type" {
	run --separate-stderr entity-tag --lexicon "$FIXTURES/entity-tag/bad-type.tsv" < /dev/null
	assert_failure 65
	assert_equal "$stderr" "entity-tag: $FIXTURES/entity-tag/bad-type.tsv:2: the type is not PER, ORG, LOC or NONE"
}

@test "errors: a canonical name with a ;" {
	run --separate-stderr entity-tag --lexicon "$FIXTURES/entity-tag/bad-canon.tsv" < /dev/null
	assert_failure 65
	assert_equal "$stderr" "entity-tag: $FIXTURES/entity-tag/bad-canon.tsv:1: the canonical name holds ';' or '@'"
}

@test "errors: a variant that could never match" {
	run --separate-stderr entity-tag --lexicon "$FIXTURES/entity-tag/bad-variant.tsv" < /dev/null
	assert_failure 65
	assert_equal "$stderr" "entity-tag: $FIXTURES/entity-tag/bad-variant.tsv:1: 'Washington, D.C.': only spaces and hyphens may separate its words"
	run --separate-stderr entity-tag --lexicon "$FIXTURES/entity-tag/bad-lower.tsv" < /dev/null
	assert_failure 65
	assert_equal "$stderr" "entity-tag: $FIXTURES/entity-tag/bad-lower.tsv:1: 'small start' does not start with a capital letter or a digit"
}

@test "errors: a record of fewer than five fields" {
	run --separate-stderr entity-tag < <(rec d 1 0 ''; )
	assert_failure 65
	assert_equal "$stderr" "entity-tag: (stdin):1: 4 fields, at least 5 expected (doc, para, sent, date, text)"
}

@test "errors: a file operand that cannot be read" {
	run --separate-stderr entity-tag /nonexistent/records.tsv
	assert_failure 1
	[[ $stderr == "entity-tag: /nonexistent/records.tsv: "* ]]
}

# --- properties ----------------------------------------------------------------

# check_items: every item of field 6 is TYPE:NAME@START-END with a known
# type, offsets inside field 5 on UTF-8 character boundaries, in order and
# never overlapping.  Prints the first bad record and fails.
check_items() {
	LC_ALL=C awk -F'\t' '
	BEGIN { for (i = 128; i < 192; i++) cont[sprintf("%c", i)] = 1 }
	function bad(why) { print why ": " $0; exit 1 }
	$6 != "" {
		n = split($6, it, ";"); prev = 0
		for (k = 1; k <= n; k++) {
			if (it[k] !~ /^(PER|ORG|LOC):[^;@\t]+@[0-9]+-[0-9]+$/) bad("item " it[k])
			split(substr(it[k], match(it[k], /@[0-9]+-[0-9]+$/) + 1), o, "-")
			s = o[1] + 0; e = o[2] + 0
			if (s < prev || e <= s || e > length($5)) bad("offsets " it[k])
			if (cont[substr($5, s + 1, 1)] || (e < length($5) && cont[substr($5, e + 1, 1)])) bad("boundary " it[k])
			prev = e
		}
	}'
}

@test "properties: items well formed, in order, never overlapping, on the samples" {
	run bash -c 'ingest "$SAMPLES"/*.txt | entity-tag > "$BATS_TEST_TMPDIR/out" && grep -c "PER:\|ORG:\|LOC:" "$BATS_TEST_TMPDIR/out"'
	assert_success
	[ "$output" -gt 20 ]
	run check_items < "$BATS_TEST_TMPDIR/out"
	assert_success
}

@test "properties: well formed on multi-byte, odd and invalid text" {
	run bash -c 'printf "d\t1\t0\t\t%s\n" \
		"Ŏ Kim Jong Un ’s Ŭ — “Pyongyang” ‘Seoul’ Kim’s" \
		"KIM’S P’YŎNGYANG; Hamgyŏng-bukto…Chagang-do" \
		"$(printf "Kim\001Jong Un \377\376 Seoul")" \
		"U.S.-ROK drills near the D.M.Z. and Mt. Paektu’s" \
		"- - ’ ’s ‘ U. S. A. Kim- -Un Jong-" |
		entity-tag > "$BATS_TEST_TMPDIR/odd"'
	assert_success
	run check_items < "$BATS_TEST_TMPDIR/odd"
	assert_success
	run cut -f6 "$BATS_TEST_TMPDIR/odd"
	assert_line --index 0 'PER:Kim Jong Un@3-14;LOC:Pyongyang@30-39;LOC:Seoul@46-51;PER:Kim Jong Un@55-58'
}

@test "properties: the same output whatever the buffering and the cut into files" {
	ingest "$SAMPLES"/*.txt > "$BATS_TEST_TMPDIR/in"
	head -n 20 "$BATS_TEST_TMPDIR/in" > "$BATS_TEST_TMPDIR/a"
	tail -n +21 "$BATS_TEST_TMPDIR/in" > "$BATS_TEST_TMPDIR/b"
	entity-tag "$BATS_TEST_TMPDIR/in" > "$BATS_TEST_TMPDIR/one"
	run bash -c 'entity-tag -l "$BATS_TEST_TMPDIR/a" - < "$BATS_TEST_TMPDIR/b" | cmp - "$BATS_TEST_TMPDIR/one"'
	assert_success
}

@test "properties: tagging twice changes nothing" {
	run bash -c 'ingest "$SAMPLES"/*.txt | entity-tag > "$BATS_TEST_TMPDIR/once" && entity-tag "$BATS_TEST_TMPDIR/once" | cmp - "$BATS_TEST_TMPDIR/once"'
	assert_success
}

# --- the data --------------------------------------------------------------------

@test "data: the word lists are sorted lowercase words, as the search needs" {
	for f in common-words.tsv first-names.tsv; do
		run bash -c "grep -v '^#' '$DATA/$f' | LC_ALL=C sort -c -u"
		assert_success
		run grep -vc -E '^(#.*|[a-z]+)$' "$DATA/$f"
		assert_output 0
	done
}

@test "data: every built-in row loads, in every file" {
	for f in lexicon.tsv places.tsv; do
		run --separate-stderr entity-tag --no-default --lexicon "$DATA/$f" < /dev/null
		assert_success
		assert_equal "$stderr" ""
	done
}
