load helper

DC=$FIXTURES/declutter

# article NAME: the records of tests/fixtures/declutter/NAME.txt, one per
# non-empty line (a paragraph), numbered from 0, as normalize writes them.
article() {
	awk -v d="https://news.example/$1" 'BEGIN { OFS = "\t" }
	    NF { print d, n++, 0, "2024-06-12", $0, "", "", "" }' "$DC/$1.txt"
}

# marks NAME [OPTION...]: "para<TAB>mark" for each paragraph of NAME.
marks() {
	local name=$1
	shift
	article "$name" | declutter --mark "$@" | cut -f2,9
}

# The same lines, one per argument.
lines() { printf '%s\n' "$@"; }

# ---- one kind of furniture per fixture ------------------------------------

@test "breadcrumb, print dictionary, font size and a repeated title go" {
	run marks breadcrumb
	assert_success
	assert_output "$(lines 0$'\t'content 1$'\t'nav 2$'\t'phrase:print \
	    3$'\t'duplicate 4$'\t'phrase:tools 5$'\t'content 6$'\t'content \
	    7$'\t'content 8$'\t'content 9$'\t'content 10$'\t'phrase:top)"
}

@test "section labels, a credit line and newsletter go; the dek and a subheading stay" {
	run marks section-labels
	assert_success
	assert_output "$(lines 0$'\t'content 1$'\t'content \
	    2$'\t'phrase:section 3$'\t'nav 4$'\t'duplicate 5$'\t'content \
	    6$'\t'duplicate 7$'\t'phrase:credit 8$'\t'content 9$'\t'content \
	    10$'\t'content 11$'\t'content 12$'\t'phrase:subscribe)"
}

@test "MOST POPULAR and LATEST NEWS lists of headlines go" {
	run marks popular
	assert_success
	assert_output "$(lines 0$'\t'content 1$'\t'content 2$'\t'content \
	    3$'\t'content 4$'\t'content 5$'\t'phrase:popular 6$'\t'short \
	    7$'\t'short 8$'\t'short 9$'\t'phrase:latest 10$'\t'short \
	    11$'\t'phrase:top)"
}

@test "subscribe and sign-up lines go" {
	run marks subscribe
	assert_success
	assert_output "$(lines 0$'\t'content 1$'\t'phrase:subscribe \
	    2$'\t'content 3$'\t'content 4$'\t'content 5$'\t'content \
	    6$'\t'phrase:subscribe 7$'\t'phrase:subscribe \
	    8$'\t'phrase:subscribe)"
}

@test "a comment box goes, its sentences and short lines with it" {
	run marks comment-box
	assert_success
	assert_output "$(lines 0$'\t'content 1$'\t'content 2$'\t'content \
	    3$'\t'content 4$'\t'phrase:login 5$'\t'short 6$'\t'short \
	    7$'\t'phrase:comments 8$'\t'context 9$'\t'short)"
}

@test "a caption printed twice keeps its first copy, credit or not" {
	run marks caption-twice
	assert_success
	assert_output "$(lines 0$'\t'content 1$'\t'nav 2$'\t'content \
	    3$'\t'duplicate 4$'\t'content 5$'\t'content 6$'\t'content)"
}

@test "bylines with an e-mail address and a time stamp go" {
	run marks byline-email
	assert_success
	assert_output "$(lines 0$'\t'content 1$'\t'byline 2$'\t'phrase:stamp \
	    3$'\t'content 4$'\t'content 5$'\t'content 6$'\t'content \
	    7$'\t'byline)"
}

@test "a Notes section and the note on its authors go" {
	run marks references
	assert_success
	assert_output "$(lines 0$'\t'content 1$'\t'byline 2$'\t'content \
	    3$'\t'content 4$'\t'content 5$'\t'content 6$'\t'bio \
	    7$'\t'reference 8$'\t'reference 9$'\t'reference)"
}

@test "--keep-references keeps the reference section" {
	run marks references --keep-references
	assert_success
	assert_line --index 7 7$'\t'content
	assert_line --index 8 8$'\t'content
	assert_line --index 9 9$'\t'content
	assert_line --index 6 6$'\t'bio
}

@test "notes numbered [1] at the end go without a heading" {
	run marks footnotes
	assert_success
	assert_output "$(lines 0$'\t'content 1$'\t'content 2$'\t'content \
	    3$'\t'content 4$'\t'reference 5$'\t'reference)"
}

@test "a numbered list that ends an article is not a reference section" {
	run marks numbered-list
	assert_success
	refute_output --partial reference
	assert_equal "$(grep -c content <<<"$output")" 6
}

@test "a Notes heading followed by article text is not a reference section" {
	run marks notes-heading
	assert_success
	assert_output "$(lines 0$'\t'content 1$'\t'content 2$'\t'content \
	    3$'\t'content 4$'\t'content 5$'\t'content)"
}

@test "short content stays: a quote, a subheading, a Korean footnote line" {
	run marks short-content
	assert_success
	refute_output --regexp $'\t[^c]'
	assert_equal "${#lines[@]}" 9
}

@test "state media: the dateline and the closing slogan stay, Top and Print go" {
	run marks state-media
	assert_success
	assert_output "$(lines 0$'\t'content 1$'\t'nav 2$'\t'duplicate \
	    3$'\t'content 4$'\t'content 5$'\t'content 6$'\t'content \
	    7$'\t'content 8$'\t'content 9$'\t'phrase:top 10$'\t'phrase:print)"
}

@test "a wire brief of short paragraphs keeps them all" {
	run marks wire-brief
	assert_success
	assert_output "$(lines 0$'\t'content 1$'\t'nav 2$'\t'nav 3$'\t'content \
	    4$'\t'content 5$'\t'content 6$'\t'phrase:end 7$'\t'phrase:tags \
	    8$'\t'nav)"
}

@test "a sentence between an inserted link and an advertisement stays" {
	run marks mid-article
	assert_success
	assert_output "$(lines 0$'\t'content 1$'\t'content 2$'\t'content \
	    3$'\t'phrase:related 4$'\t'content 5$'\t'phrase:ad 6$'\t'content \
	    7$'\t'content 8$'\t'phrase:share)"
}

# ---- properties over every fixture ---------------------------------------

all_articles() {
	local f
	for f in "$DC"/*.txt; do
		f=${f##*/}
		article "${f%.txt}"
	done
}

@test "kept records are input records, byte for byte and in order" {
	all_articles > "$BATS_TEST_TMPDIR/in"
	declutter "$BATS_TEST_TMPDIR/in" > "$BATS_TEST_TMPDIR/out"
	# each kept line is the next matching input line
	run awk 'NR == FNR { kept[++n] = $0; next }
	    $0 == kept[i + 1] { i++ } END { print i, n }' \
	    "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/in"
	read -r matched total <<<"$output"
	assert [ "$total" -gt 50 ]
	assert_equal "$matched" "$total"
}

@test "kept and rejected records together are the input" {
	all_articles > "$BATS_TEST_TMPDIR/in"
	declutter --rejects "$BATS_TEST_TMPDIR/rej" "$BATS_TEST_TMPDIR/in" \
	    > "$BATS_TEST_TMPDIR/out"
	assert [ -s "$BATS_TEST_TMPDIR/rej" ]
	cut -f1-8 "$BATS_TEST_TMPDIR/rej" | cat "$BATS_TEST_TMPDIR/out" - |
	    sort > "$BATS_TEST_TMPDIR/both"
	sort "$BATS_TEST_TMPDIR/in" > "$BATS_TEST_TMPDIR/sorted"
	run cmp "$BATS_TEST_TMPDIR/both" "$BATS_TEST_TMPDIR/sorted"
	assert_success
}

@test "--mark keeps every record and adds one field" {
	all_articles > "$BATS_TEST_TMPDIR/in"
	declutter --mark "$BATS_TEST_TMPDIR/in" > "$BATS_TEST_TMPDIR/marked"
	run diff <(cut -f1-8 "$BATS_TEST_TMPDIR/marked") "$BATS_TEST_TMPDIR/in"
	assert_success
	run awk -F'\t' 'NF != 9' "$BATS_TEST_TMPDIR/marked"
	assert_output ""
}

@test "--mark content is exactly what is kept, the reasons what is rejected" {
	all_articles > "$BATS_TEST_TMPDIR/in"
	declutter --mark "$BATS_TEST_TMPDIR/in" > "$BATS_TEST_TMPDIR/marked"
	declutter --rejects "$BATS_TEST_TMPDIR/rej" "$BATS_TEST_TMPDIR/in" \
	    > "$BATS_TEST_TMPDIR/out"
	run diff <(awk -F'\t' '$9 == "content"' "$BATS_TEST_TMPDIR/marked" |
	    cut -f1-8) "$BATS_TEST_TMPDIR/out"
	assert_success
	run diff <(awk -F'\t' '$9 != "content"' "$BATS_TEST_TMPDIR/marked") \
	    "$BATS_TEST_TMPDIR/rej"
	assert_success
}

@test "the title is never dropped, whatever it says" {
	t() {
		{ rec d1 0 0 '' 'Subscribe'; rec d1 1 0 '' 'Subscribe'
		rec d2 0 0 '' '***'; rec d3 0 0 '' 'Home > National > Politics'
		rec d4 0 0 '' ''; } | declutter --mark | cut -f1,2,9
	}
	run t
	assert_success
	assert_output "$(lines d1$'\t'0$'\t'content d1$'\t'1$'\t'phrase:subscribe \
	    d2$'\t'0$'\t'content d3$'\t'0$'\t'content d4$'\t'0$'\t'content)"
}

@test "all titles of many articles stay" {
	all_articles > "$BATS_TEST_TMPDIR/in"
	run sh -c "declutter '$BATS_TEST_TMPDIR/in' | awk -F'\t' '\$2 == 0' |
	    wc -l"
	assert_output "$(ls "$DC"/*.txt | wc -l)"
}

@test "documents are judged apart: one's text is no repeat in the next" {
	t() {
		{ article caption-twice; article caption-twice |
		    sed 's|caption-twice|other|'; } | declutter --mark |
		    cut -f9 | sort | uniq -c | awk '{ print $2, $1 }'
	}
	run t
	assert_success
	assert_output "$(lines 'content 10' 'duplicate 2' 'nav 2')"
}

@test "a stream of articles gives what each article gives alone" {
	run diff <(all_articles | declutter) <(for f in "$DC"/*.txt; do
	    f=${f##*/}; article "${f%.txt}" | declutter; done)
	assert_success
}

@test "a paragraph split into sentences is judged whole, every record alike" {
	# what sentence-split makes of the fixtures: one record per sentence
	split() {
		awk -F'\t' -v OFS='\t' '{ n = split($5, s, /\. /)
		    for (i = 1; i <= n; i++)
			print $1, $2, i, $4, s[i] (i < n ? "." : ""), "", "", "" }'
	}
	run diff <(all_articles | declutter --mark | cut -f1,2,9 | uniq) \
	    <(all_articles | split | declutter --mark | cut -f1,2,9 | uniq)
	assert_success
}

@test "user fields pass through; the mark comes after them" {
	t() {
		{ rec d 0 0 2024-06-12 Title '' '' '' u1 u2
		rec d 1 0 2024-06-12 'Back To Top' '' '' '' u3; } |
		    declutter --mark
	}
	run t
	assert_success
	assert_output "$(rec d 0 0 2024-06-12 Title '' '' '' u1 u2 content
	    rec d 1 0 2024-06-12 'Back To Top' '' '' '' u3 phrase:top)"
}

@test "a record of five fields is kept with all eight" {
	t() { rec d 0 0 '' 'A title' | declutter; }
	run t
	assert_success
	assert_output "$(rec d 0 0 '' 'A title' '' '' '')"
}

@test "empty input gives empty output" {
	run declutter < /dev/null
	assert_success
	assert_output ""
}

# ---- repeats --------------------------------------------------------------

@test "a repeat differing only in case, quotes and spacing is a duplicate" {
	t() {
		{ rec d 0 0 '' Title
		rec d 1 0 '' 'Kim Jong Un visits the “Hwasong” district in Pyongyang.'
		rec d 2 0 '' 'KIM JONG UN visits the "Hwasong"   district in Pyongyang'
		} | declutter --mark | cut -f9
	}
	run t
	assert_output "$(lines content content duplicate)"
}

@test "paragraphs that only begin alike are no repeats" {
	t() {
		{ rec d 0 0 '' Title
		rec d 1 0 '' 'North Korea fired two ballistic missiles on Monday, the military said.'
		rec d 2 0 '' 'North Korea fired two ballistic missiles on Monday from the Pyongyang area toward the East Sea, flying about 600 kilometers before splashing down outside Japan’s exclusive economic zone, officials in Seoul and Tokyo said.'
		} | declutter --mark | cut -f9
	}
	run t
	assert_output "$(lines content content content)"
}

@test "a name printed at the top and at the foot goes, both times" {
	t() {
		{ rec d 0 0 '' 'North Korea sends more trash balloons, Seoul says'
		rec d 1 0 '' 'Posted : 2024-06-02 10:41'
		rec d 2 0 '' 'Jung Min-ho'
		rec d 3 0 '' 'North Korea launched about 600 more balloons carrying trash toward South Korea overnight, the military said Sunday.'
		rec d 4 0 '' 'The balloons carried cigarette butts and scraps of paper, but no hazardous materials were found, according to the Joint Chiefs of Staff.'
		rec d 5 0 '' 'Jung Min-ho'
		} | declutter --mark | cut -f9
	}
	run t
	assert_output "$(lines content phrase:stamp short content content duplicate)"
}

# ---- phrase lists and stopwords ------------------------------------------

# between TEXT: a paragraph TEXT between two paragraphs of text
between() {
	rec d 0 0 '' 'Title'
	rec d 1 0 '' 'North Korea said on Monday that it had launched a new reconnaissance satellite, the third attempt this year, and that it would launch more of them soon.'
	rec d 2 0 '' "$1"
	rec d 3 0 '' 'South Korea said it was analyzing the launch with the United States and that it had not yet been able to confirm whether the satellite had reached orbit.'
}

@test "--no-default: without the phrase list a short line between text stays" {
	t() { between Subscribe | declutter --mark "$@" | cut -f9; }
	run t
	assert_line --index 2 phrase:subscribe
	run t --no-default
	assert_line --index 2 content
}

@test "--lexicon adds phrases; the longest match names the reason" {
	printf '# mine\n\nmore from north watch\tpromo\tstart\n' \
	    > "$BATS_TEST_TMPDIR/mine.tsv"
	t() {
		between "$1" | declutter --mark "${@:2}" | cut -f9
	}
	run t 'More from North Watch: prices' --lexicon "$BATS_TEST_TMPDIR/mine.tsv"
	assert_line --index 2 phrase:promo
	run t 'More from North Watch: prices'
	assert_line --index 2 phrase:related
}

@test "--lexicon: a phrase listed again takes the later line" {
	printf 'subscribe\tmine\n' > "$BATS_TEST_TMPDIR/mine.tsv"
	t() {
		between Subscribe | declutter --mark "$@" | cut -f9
	}
	run t --lexicon "$BATS_TEST_TMPDIR/mine.tsv"
	assert_line --index 2 phrase:mine
}

@test "a phrase with a colon needs it; one without matches before one" {
	t() { between "$1" | declutter --mark | cut -f9; }
	run t 'Credit: KCNA'
	assert_line --index 2 phrase:credit
	run t 'Credit Suisse said'
	assert_line --index 2 content
	run t 'Posted on: 2024-02-05'
	assert_line --index 2 phrase:stamp
}

@test "an any phrase matches inside a short paragraph, not a long one" {
	t() { between "$1" | declutter --mark | cut -f9; }
	run t 'Text and photos: all rights reserved'
	assert_line --index 2 phrase:copyright
	run t 'The court ruled that all rights reserved by the original contract remained with the North Korean side, a decision that lawyers in Seoul said could complicate efforts to recover assets seized after the closure of the Kaesong industrial complex in 2016, and one that the government said it would appeal within the month.'
	assert_line --index 2 content
}

@test "--stopwords replaces the list: text without stopwords is no text" {
	printf 'zzz\n' > "$BATS_TEST_TMPDIR/stop.tsv"
	t() {
		{ rec d 0 0 '' Title
		rec d 1 0 '' 'North Korea said on Monday that it had launched a new reconnaissance satellite from the Sohae station, the third attempt this year, and that it would launch more of them in the coming months to watch the armies of its enemies.'
		} | declutter --mark "$@" | cut -f9
	}
	run t --stopwords "$BATS_TEST_TMPDIR/stop.tsv"
	assert_output "$(lines content nontext)"
	run t
	assert_output "$(lines content content)"
}

# ---- errors --------------------------------------------------------------

@test "a record of four fields is bad input: exit 65" {
	run sh -c "printf 'd\t1\t0\t\n' | declutter"
	assert_failure 65
	assert_output "declutter: (stdin):1: 4 fields, at least 5 expected (doc, para, sent, date, text)"
}

@test "a file that cannot be read: exit 1" {
	run declutter "$BATS_TEST_TMPDIR/none.rec"
	assert_failure 1
	assert_output "declutter: $BATS_TEST_TMPDIR/none.rec: No such file or directory"
}

@test "--mark with --rejects is a usage error: exit 2" {
	run declutter --mark --rejects "$BATS_TEST_TMPDIR/r" < /dev/null
	assert_failure 2
	assert_line --index 0 "declutter: --mark and --rejects exclude each other"
	assert [ ! -e "$BATS_TEST_TMPDIR/r" ]
}

@test "an unknown option is a usage error: exit 2" {
	run declutter --frobnicate < /dev/null
	assert_failure 2
	assert_line --index 0 "declutter: Unknown option --frobnicate"
}

@test "a bad match column in a phrase list: exit 65 with its line" {
	printf '# ok\nback to top\ttop\nsubscribe\tsub\tsomewhere\n' \
	    > "$BATS_TEST_TMPDIR/bad.tsv"
	run declutter --lexicon "$BATS_TEST_TMPDIR/bad.tsv" < /dev/null
	assert_failure 65
	assert_output "declutter: $BATS_TEST_TMPDIR/bad.tsv:3: match is line, start or any"
}

@test "a bad name in a phrase list: exit 65" {
	printf 'back to top\tBack Top\n' > "$BATS_TEST_TMPDIR/bad.tsv"
	run declutter --lexicon "$BATS_TEST_TMPDIR/bad.tsv" < /dev/null
	assert_failure 65
	assert_output "declutter: $BATS_TEST_TMPDIR/bad.tsv:1: a name is lower-case letters, digits, - and _"
}

@test "a phrase of punctuation only: exit 65" {
	printf '***\tstars\n' > "$BATS_TEST_TMPDIR/bad.tsv"
	run declutter --lexicon "$BATS_TEST_TMPDIR/bad.tsv" < /dev/null
	assert_failure 65
	assert_output "declutter: $BATS_TEST_TMPDIR/bad.tsv:1: a phrase needs a letter or digit"
}

@test "a reference heading that is not a whole line: exit 65" {
	printf 'sources\treference\tstart\n' > "$BATS_TEST_TMPDIR/bad.tsv"
	run declutter --lexicon "$BATS_TEST_TMPDIR/bad.tsv" < /dev/null
	assert_failure 65
	assert_output "declutter: $BATS_TEST_TMPDIR/bad.tsv:1: a reference heading matches the whole line"
}

@test "a stopword of two words: exit 65" {
	printf 'the\nin spite\n' > "$BATS_TEST_TMPDIR/stop.tsv"
	run declutter --stopwords "$BATS_TEST_TMPDIR/stop.tsv" < /dev/null
	assert_failure 65
	assert_output "declutter: $BATS_TEST_TMPDIR/stop.tsv:2: a stopword is one word of letters or digits"
}

@test "a phrase list that cannot be read: exit 1" {
	run declutter --lexicon "$BATS_TEST_TMPDIR/none.tsv" < /dev/null
	assert_failure 1
	assert_output --partial "$BATS_TEST_TMPDIR/none.tsv"
}

@test "a full disk: exit 1" {
	article breadcrumb > "$BATS_TEST_TMPDIR/in"
	run sh -c "declutter '$BATS_TEST_TMPDIR/in' > /dev/full"
	assert_failure 1
	assert_output "declutter: standard output: write error: No space left on device"
}

@test "a rejects file that cannot be written: exit 1" {
	run declutter --rejects /nonexistent/dir/r < /dev/null
	assert_failure 1
	assert_output "declutter: /nonexistent/dir/r: No such file or directory"
}

@test "--line-buffered writes a finished article before the input ends" {
	t() {
		{ article breadcrumb; article popular | head -1; sleep 3; } |
		    timeout 1 declutter "$@" > "$BATS_TEST_TMPDIR/out"
		wc -l < "$BATS_TEST_TMPDIR/out"
	}
	run t --line-buffered
	assert_output 6
	run t
	assert_output 0
}
