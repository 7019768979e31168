#!/usr/bin/env bats
# sentence-split: one record per sentence of field 5.

load helper
bats_require_minimum_version 1.5.0

setup() {
	cd "$FIXTURES/sentence-split"
}

# sentences TEXT: the sentences sentence-split finds in TEXT, one a line.
sentences() (
	set -o pipefail
	rec doc 1 0 2024-11-18 "$1" '' '' '' | sentence-split "${@:2}" | cut -f5
)

# check TEXT [SENTENCE...]: TEXT splits into exactly these sentences.
check() {
	local text=$1
	shift
	run sentences "$text"
	assert_success
	assert_output "$(printf '%s\n' "$@")"
}

# rejoin: the text of each input record from sentence-split's output
# (sentences joined with single spaces), one a line.
rejoin() {
	awk -F'\t' '
		$3 == 1 { if (NR > 1) print t; t = $5; next }
		{ t = t " " $5 }
		END { if (NR > 0) print t }'
}

# --- terminal punctuation ---------------------------------------------------

@test "a period ends a sentence" {
	check "Hello World. My name is Jonas." "Hello World." "My name is Jonas."
}

@test "a question mark ends a sentence" {
	check "What is your name? My name is Jonas." \
	    "What is your name?" "My name is Jonas."
}

@test "an exclamation mark ends a sentence" {
	check "There it is! I found it." "There it is!" "I found it."
}

@test "double punctuation !! ends a sentence" {
	check "Hello!! Long time no see." "Hello!!" "Long time no see."
}

@test "double punctuation ?? ends a sentence" {
	check "Hello?? Who is there?" "Hello??" "Who is there?"
}

@test "double punctuation !? ends a sentence" {
	check "Hello!? Is that you?" "Hello!?" "Is that you?"
}

@test "double punctuation ?! ends a sentence" {
	check "Hello?! Is that you?" "Hello?!" "Is that you?"
}

@test "a line without terminal punctuation is one sentence" {
	check "Home > National > Politics" "Home > National > Politics"
}

@test "a headline ending in a question mark is one sentence" {
	check "What’s Driving Kim Jong Un’s New Regional Development Policy?" \
	    "What’s Driving Kim Jong Un’s New Regional Development Policy?"
}

@test "a lower-case word after a period continues the sentence" {
	check "Talks resumed in the fall. and stalled again." \
	    "Talks resumed in the fall. and stalled again."
}

@test "a word in camel case after a period starts a sentence" {
	check "Sales fell in 2019. iPhone imports rose." \
	    "Sales fell in 2019." "iPhone imports rose."
}

@test "an exclamation mark in a name before a lower-case word" {
	check "She works at Yahoo! in the accounting department." \
	    "She works at Yahoo! in the accounting department."
}

@test "a number after a period starts a sentence" {
	check "Some 32,300 workers stayed in 2017. 11,490 remained in 2019." \
	    "Some 32,300 workers stayed in 2017." "11,490 remained in 2019."
}

# --- abbreviations that do not end a sentence ------------------------------

@test "titles of persons: Dr. Mr. Mrs." {
	check "Dr. Jones and Mr. Smith and Mrs. Smith are here." \
	    "Dr. Jones and Mr. Smith and Mrs. Smith are here."
}

@test "titles: Ms. Prof. Rev." {
	check "Ms. Park, Prof. Kim and Rev. Moon spoke." \
	    "Ms. Park, Prof. Kim and Rev. Moon spoke."
}

@test "ranks: Col. Gen. Lt. Sgt. Capt. Adm." {
	check "Col. Gen. Kim Yong-bok met Lt. Col. Park, Sgt. Lee, Capt. Choi and Adm. Yoon." \
	    "Col. Gen. Kim Yong-bok met Lt. Col. Park, Sgt. Lee, Capt. Choi and Adm. Yoon."
}

@test "offices: Sen. Rep. Gov. Pres. Amb." {
	check "Sen. Kim, Rep. Seo Min-kyu, Gov. Park, Pres. Yoon and Amb. Choi attended." \
	    "Sen. Kim, Rep. Seo Min-kyu, Gov. Park, Pres. Yoon and Amb. Choi attended."
}

@test "two-letter prefix Mt. before a name" {
	check "I can see Mt. Fuji from here." "I can see Mt. Fuji from here."
}

@test "St. before a name and st. after a number" {
	check "St. Michael's Church is on 5th st. near the light." \
	    "St. Michael's Church is on 5th st. near the light."
}

@test "Ft. and Mt. in place names" {
	check "Troops moved from Ft. Bragg to Mt. Paektu." \
	    "Troops moved from Ft. Bragg to Mt. Paektu."
}

@test "a possessive after Jr." {
	check "That is JFK Jr.'s book." "That is JFK Jr.'s book."
}

@test "No. and Nos. before numbers" {
	check "Construction Hall No. 2 and Nos. 4 and 5 were busy." \
	    "Construction Hall No. 2 and Nos. 4 and 5 were busy."
}

@test "a one-letter lower-case abbreviation before a number: p." {
	check "Please turn to p. 55." "Please turn to p. 55."
}

@test "months before a day: Dec. Jan. Sept. Aug." {
	check "The deadline was Dec. 22, talks resumed Jan. 5 and drills ran from Aug. 19 to Sept. 2." \
	    "The deadline was Dec. 22, talks resumed Jan. 5 and drills ran from Aug. 19 to Sept. 2."
}

@test "months: Feb. Oct. Nov." {
	check "Launches on Feb. 14, Oct. 31 and Nov. 5 drew protests." \
	    "Launches on Feb. 14, Oct. 31 and Nov. 5 drew protests."
}

@test "days before a month: Mon. Tue." {
	check "The summit opens Mon. Dec. 2 and closes Tue. Dec. 3." \
	    "The summit opens Mon. Dec. 2 and closes Tue. Dec. 3."
}

@test "companies: Co. Ltd. Corp. Bros. Inc." {
	check "Samsung Electronics Co. Ltd. and Hyundai Motor Corp. signed with Warner Bros. Pictures Inc. on Friday." \
	    "Samsung Electronics Co. Ltd. and Hyundai Motor Corp. signed with Warner Bros. Pictures Inc. on Friday."
}

@test "two-letter lower-case abbreviation in the middle: co." {
	check "Were Jane and co. at the party?" "Were Jane and co. at the party?"
}

@test "two-letter capitalized abbreviation in the middle: Co." {
	check "They closed the deal with Pitt, Briggs & Co. at noon." \
	    "They closed the deal with Pitt, Briggs & Co. at noon."
}

@test "vs. e.g. i.e. etc. inside a sentence" {
	check "Seoul vs. Pyongyang, e.g. in sports, i.e. soccer, etc. are rivals." \
	    "Seoul vs. Pyongyang, e.g. in sports, i.e. soccer, etc. are rivals."
}

@test "a.m. and p.m. before lower-case words" {
	check "The missile was fired at 7:40 a.m. and landed before 8 p.m. local time." \
	    "The missile was fired at 7:40 a.m. and landed before 8 p.m. local time."
}

@test "initialisms U.S. U.K. U.N. E.U. in a sentence" {
	check "U.S. and U.K. envoys met U.N. and E.U. officials." \
	    "U.S. and U.K. envoys met U.N. and E.U. officials."
}

@test "initialism U.S.S.R. before a verb" {
	check "The U.S.S.R. collapsed in 1991." "The U.S.S.R. collapsed in 1991."
}

@test "multi-period abbreviation in the middle: U.S.A." {
	check "I visited the U.S.A. last year." "I visited the U.S.A. last year."
}

@test "U.S. before a capitalized word that does not start sentences" {
	check "I work for the U.S. Government in Virginia." \
	    "I work for the U.S. Government in Virginia."
}

@test "U.S. before a lower-case word" {
	check "I have lived in the U.S. for 20 years." \
	    "I have lived in the U.S. for 20 years."
}

@test "U.S. before a rank belongs to it: U.S. Sen. U.S. Gen." {
	check "U.S. Sen. Marco Rubio and U.S. Gen. Paul LaCamera spoke." \
	    "U.S. Sen. Marco Rubio and U.S. Gen. Paul LaCamera spoke."
}

@test "a one-letter initial in a name" {
	check "My name is Jonas E. Smith." "My name is Jonas E. Smith."
}

@test "initials J. R. R. before a surname" {
	check "J. R. R. Tolkien wrote it." "J. R. R. Tolkien wrote it."
}

@test "an initial before a one-letter word that starts sentences: H. I." {
	check "Letters from W. E. B. Du Bois and H. I. Park arrived." \
	    "Letters from W. E. B. Du Bois and H. I. Park arrived."
}

@test "an abbreviated Korean given name: Kim Il S." {
	check "Kim Il S. Lee met them." "Kim Il S. Lee met them."
}

@test "a middle initial before a surname: Donald J. Trump" {
	check "President-elect Donald J. Trump last met Kim Jong Un in 2019." \
	    "President-elect Donald J. Trump last met Kim Jong Un in 2019."
}

@test "N. Korea in a headline" {
	check "N. Korea fires missiles as U.S. envoy arrives" \
	    "N. Korea fires missiles as U.S. envoy arrives"
}

@test "Ph.D. before a lower-case word" {
	check "He got his Ph.D. in physics." "He got his Ph.D. in physics."
}

# --- abbreviations that end a sentence --------------------------------------

@test "two-letter lower-case abbreviation at the end: co." {
	check "Let's ask Jane and co. They should know." \
	    "Let's ask Jane and co." "They should know."
}

@test "two-letter capitalized abbreviation at the end: Co." {
	check "They closed the deal with Pitt, Briggs & Co. It closed yesterday." \
	    "They closed the deal with Pitt, Briggs & Co." "It closed yesterday."
}

@test "multi-period abbreviation at the end: E.U." {
	check "I live in the E.U. How about you?" "I live in the E.U." "How about you?"
}

@test "U.S. at the end before a sentence starter" {
	check "I live in the U.S. How about you?" "I live in the U.S." "How about you?"
}

@test "U.S. at the end before The" {
	check "The envoy flew back to the U.S. The next day he resigned." \
	    "The envoy flew back to the U.S." "The next day he resigned."
}

@test "U.S. at the end before an opening quote" {
	check 'The envoy flew back to the U.S. "We are ready," he said.' \
	    "The envoy flew back to the U.S." '"We are ready," he said.'
}

@test "U.S. at the end before a title of a person" {
	check "He flew to the U.S. Mr. Kim stayed in Seoul." \
	    "He flew to the U.S." "Mr. Kim stayed in Seoul."
}

@test "a.m. and P.M. as non-boundary and boundary" {
	check "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store." \
	    "At 5 a.m. Mr. Smith went to the bank." "He left the bank at 6 P.M." \
	    "Mr. Smith then went to the store."
}

@test "p.m. at the end before a rank" {
	check "He arrived at 6 p.m. Gen. Kim was waiting." \
	    "He arrived at 6 p.m." "Gen. Kim was waiting."
}

@test "a.m. at the end before The" {
	check "They met at 10 a.m. The meeting lasted an hour." \
	    "They met at 10 a.m." "The meeting lasted an hour."
}

@test "a.m. at the end before a negation: Don't" {
	check "It's 5 p.m. Don't be late." "It's 5 p.m." "Don't be late."
}

@test "etc. at the end before Then" {
	check "She bought rice, corn, flour, etc. Then she went home." \
	    "She bought rice, corn, flour, etc." "Then she went home."
}

@test "Inc. at the end before It" {
	check "I work at Apple Inc. It is great." "I work at Apple Inc." "It is great."
}

@test "Jr. at the end before He" {
	check "The letter was signed by Martin Luther King Jr. He wrote it in jail." \
	    "The letter was signed by Martin Luther King Jr." "He wrote it in jail."
}

@test "D.C. at the end before He" {
	check "He lives in Washington, D.C. He works there." \
	    "He lives in Washington, D.C." "He works there."
}

@test "a month at the end before The" {
	check "The talks were held in Jan. The next round is in March." \
	    "The talks were held in Jan." "The next round is in March."
}

@test "I as a sentence boundary and I as an initial" {
	check "We make a good team, you and I. Did you see Albert I. Jones yesterday?" \
	    "We make a good team, you and I." "Did you see Albert I. Jones yesterday?"
}

@test "i.v. and I.V. in and at the end of sentences" {
	check "The nurse gave him the i.v. in his vein. She gave him the i.v. It was a great I.V. that she gave him." \
	    "The nurse gave him the i.v. in his vein." "She gave him the i.v." \
	    "It was a great I.V. that she gave him."
}

@test "Ph.D. at the end before He" {
	check "He got his Ph.D. He then left." "He got his Ph.D." "He then left."
}

@test "no. is a word when no number follows" {
	check "He said no. The talks ended." "He said no." "The talks ended."
}

@test "a word ending a sentence before a title" {
	check "He met Gen. Kim. They talked for an hour." \
	    "He met Gen. Kim." "They talked for an hour."
}

# --- numbers ----------------------------------------------------------------

@test "a decimal number inside a sentence" {
	check "She has \$100.00 in her bag." "She has \$100.00 in her bag."
}

@test "a decimal number at the end of a sentence" {
	check "She has \$100.00. It is in her bag." "She has \$100.00." "It is in her bag."
}

@test "percentages and billions with decimals" {
	check "The economy shrank by 4.1 percent, a loss of \$3.5 billion. Trade fell 2.0%." \
	    "The economy shrank by 4.1 percent, a loss of \$3.5 billion." "Trade fell 2.0%."
}

@test "versions v1.2" {
	check "The app moved from v1.2 to v1.3 this year." \
	    "The app moved from v1.2 to v1.3 this year."
}

@test "a number with a multiplication sign: 20×10" {
	check "The regional development 20×10 policy began. It runs 10 years." \
	    "The regional development 20×10 policy began." "It runs 10 years."
}

@test "geo coordinates after N°." {
	check "You can find it at N°. 1026.253.553. That is where the treasure is." \
	    "You can find it at N°. 1026.253.553." "That is where the treasure is."
}

@test "a time with a colon and a date with a month" {
	check "It opens at 10:30 on Nov. 15. The doors close at 11." \
	    "It opens at 10:30 on Nov. 15." "The doors close at 11."
}

# --- lists ------------------------------------------------------------------

@test "list: period and parens, no period to end the item" {
	check "1.) The first item 2.) The second item" "1.) The first item" "2.) The second item"
}

@test "list: period and parens, a period to end the item" {
	check "1.) The first item. 2.) The second item." "1.) The first item." "2.) The second item."
}

@test "list: parens, no period to end the item" {
	check "1) The first item 2) The second item" "1) The first item" "2) The second item"
}

@test "list: parens, a period to end the item" {
	check "1) The first item. 2) The second item." "1) The first item." "2) The second item."
}

@test "list: period marks, no period to end the item" {
	check "1. The first item 2. The second item" "1. The first item" "2. The second item"
}

@test "list: period marks, a period to end the item" {
	check "1. The first item. 2. The second item." "1. The first item." "2. The second item."
}

@test "list with bullets" {
	check "• 9. The first item • 10. The second item" "• 9. The first item" "• 10. The second item"
}

@test "list with hyphen bullets" {
	check "⁃9. The first item ⁃10. The second item" "⁃9. The first item" "⁃10. The second item"
}

@test "alphabetical list" {
	check "a. The first item b. The second item c. The third list item" \
	    "a. The first item" "b. The second item" "c. The third list item"
}

@test "a list after a colon" {
	check "Key findings: 1. A new hull section 2. A longer quay 3. No sign of a reactor" \
	    "Key findings: 1. A new hull section" "2. A longer quay" "3. No sign of a reactor"
}

@test "a numbered caption at the start of a line is one sentence" {
	check "1. Sinpo South Shipyard, commercial satellite imagery, Nov. 12, 2024." \
	    "1. Sinpo South Shipyard, commercial satellite imagery, Nov. 12, 2024."
}

@test "a number in a sentence is no list marker" {
	check "1. The plan needs 2 years. 3 provinces joined." \
	    "1. The plan needs 2 years." "3 provinces joined."
}

# --- quotes, brackets, footnotes --------------------------------------------

@test "a parenthetical sentence inside a sentence" {
	check "He teaches science (He previously worked for 5 years as an engineer.) at the local University." \
	    "He teaches science (He previously worked for 5 years as an engineer.) at the local University."
}

@test "single quotations inside a sentence" {
	check "She turned to him, 'This is great.' she said." \
	    "She turned to him, 'This is great.' she said."
}

@test "double quotations inside a sentence" {
	check 'She turned to him, "This is great." she said.' \
	    'She turned to him, "This is great." she said.'
}

@test "double quotations at the end of a sentence" {
	check 'She turned to him, "This is great." She held the book out to show him.' \
	    'She turned to him, "This is great."' 'She held the book out to show him.'
}

@test "typographic quotes at the end of sentences" {
	check "“We are closely analyzing the data,” the JCS said. “Our military is ready.”" \
	    "“We are closely analyzing the data,” the JCS said." "“Our military is ready.”"
}

@test "typographic single quote after a period, then a lower-case word" {
	check "She turned to him, ‘This is great.’ she said." \
	    "She turned to him, ‘This is great.’ she said."
}

@test "a question in quotes before a lower-case attribution" {
	check '"Why?" she asked. "Because."' '"Why?" she asked.' '"Because."'
}

@test "a typographic ?” before a lower-case attribution" {
	check "“How many more years do we have to wait?” asked one woman." \
	    "“How many more years do we have to wait?” asked one woman."
}

@test "an exclamation in quotes before a capital" {
	check 'He said, "Stop!" Then he left.' 'He said, "Stop!"' "Then he left."
}

@test "a closing parenthesis after the period" {
	check "(The talks failed.) Then the envoy left." "(The talks failed.)" "Then the envoy left."
}

@test "a footnote mark stays with the sentence before" {
	check "Seoul believes it was shipped to Russia this year.[1] Conversely, Moscow denies it." \
	    "Seoul believes it was shipped to Russia this year.[1]" "Conversely, Moscow denies it."
}

@test "a footnote mark after a closing quote" {
	check "Grossi called it “deeply regrettable.”[3] The IAEA is ready to return." \
	    "Grossi called it “deeply regrettable.”[3]" "The IAEA is ready to return."
}

@test "a footnote mark after a space stays before the boundary" {
	check "It was shipped this year. [1] Conversely, Moscow denies it." \
	    "It was shipped this year. [1]" "Conversely, Moscow denies it."
}

@test "a footnote mark inside a sentence" {
	check "He toured a hall,[4] which analysts cannot locate." \
	    "He toured a hall,[4] which analysts cannot locate."
}

@test "a bracketed credit at the end stays with the sentence" {
	check "Kim Jong-un speaks to the plenary session on Sunday. [YONHAP]" \
	    "Kim Jong-un speaks to the plenary session on Sunday. [YONHAP]"
}

@test "a parenthesized sentence after a sentence is its own" {
	check "This is it. (See the appendix.)" "This is it." "(See the appendix.)"
}

# --- ellipses ---------------------------------------------------------------

@test "ellipsis at the end of a quotation" {
	check "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”" \
	    "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”"
}

@test "ellipsis in square brackets" {
	check '"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).' \
	    '"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).'
}

@test "spaced four-dot ellipsis ends a sentence" {
	check "Indicate the end of the sentence with a period . . . . Next sentence." \
	    "Indicate the end of the sentence with a period . . . ." "Next sentence."
}

@test "attached four-dot ellipsis ends a sentence" {
	check "I never meant that.... She left the store." "I never meant that...." "She left the store."
}

@test "ellipses inside a sentence" {
	check "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it." \
	    "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it."
}

@test "a period, then a spaced ellipsis that opens the next sentence" {
	check "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds. . . . The practice was not abandoned. . . ." \
	    "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds." \
	    ". . . The practice was not abandoned. . . ."
}

@test "a period, then a spaced ellipsis before a lower-case word" {
	check "It was that of combining words into compounds. . . . the practice was not abandoned." \
	    "It was that of combining words into compounds. . . . the practice was not abandoned."
}

@test "three dots before a capital end a sentence" {
	check "Trade reached \$2.3 billion... Most of it passed through Dandong." \
	    "Trade reached \$2.3 billion..." "Most of it passed through Dandong."
}

@test "the ellipsis character before a lower-case word" {
	check "“The building is new, the signboard is new… but the raw materials are not there,” the source said." \
	    "“The building is new, the signboard is new… but the raw materials are not there,” the source said."
}

@test "the ellipsis character before a capital" {
	check "The building is new… But the shelves are empty." \
	    "The building is new…" "But the shelves are empty."
}

# --- URLs, addresses, file names --------------------------------------------

@test "an e-mail address at the end of a sentence" {
	check "Her email is Jane.Doe@example.com. I sent her an email." \
	    "Her email is Jane.Doe@example.com." "I sent her an email."
}

@test "a web address at the end of a sentence" {
	check "The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out." \
	    "The site is: https://www.example.50.com/new-site/awesome_content.html." "Please check it out."
}

@test "a domain name inside and at the end of a sentence" {
	check "Read 38north.org daily. Its imagery is at 38north.org. The site is free." \
	    "Read 38north.org daily." "Its imagery is at 38north.org." "The site is free."
}

@test "a file name at the end of a sentence" {
	check "The report is in annex.pdf. It has ten pages." \
	    "The report is in annex.pdf." "It has ten pages."
}

# --- other scripts ----------------------------------------------------------

@test "Korean with periods and spaces" {
	check "정말 좋다. 그렇다." "정말 좋다." "그렇다."
}

@test "Korean after an English sentence" {
	check "The slogan read 조국을 위하여. It was painted in red." \
	    "The slogan read 조국을 위하여." "It was painted in red."
}

@test "a Korean line without terminal punctuation" {
	check "무단 전재 및 재배포 금지" "무단 전재 및 재배포 금지"
}

@test "CJK full stops need no space after them" {
	check "你好。我很好！你呢？" "你好。" "我很好！" "你呢？"
}

@test "a CJK closing bracket stays with its full stop" {
	check "他说：「走吧。」然后走了。" "他说：「走吧。」" "然后走了。"
}

@test "a CJK full stop before a space" {
	check "你好。 我很好。" "你好。" "我很好。"
}

# --- spaces and empty sentences ---------------------------------------------

@test "extra spaces between sentences stay in the first" {
	check "One.   Two." "One.  " "Two."
}

@test "leading and trailing spaces stay in the text" {
	check " One. Two. " " One." "Two. "
}

@test "a no-break space is no boundary" {
	check $'One.\u00a0Two.' $'One.\u00a0Two.'
}

@test "punctuation alone is one sentence" {
	check ".." ".."
	check ". . ." ". . ."
	check "! ! !" "! ! !"
	check "??" "??"
}

@test "an empty text is one empty sentence" {
	run sentence-split <<<"$(rec d 4 0 '' '')"
	assert_success
	assert_output "$(rec d 4 1 '' '' '' '' '')"
}

# --- records ----------------------------------------------------------------

@test "every other field is copied, sent is numbered, user fields kept" {
	run sentence-split <<<"$(rec d 7 0 2024-11-18 'One. Two.' '' '' 'mil:0.50' u1 u2)"
	assert_success
	assert_output "$(
	rec d 7 1 2024-11-18 'One.' '' '' 'mil:0.50' u1 u2
	rec d 7 2 2024-11-18 'Two.' '' '' 'mil:0.50' u1 u2
	)"
}

@test "a record of five fields is written with eight" {
	run sentence-split <<<"$(rec d 1 0 '' 'One. Two.')"
	assert_success
	assert_output "$(rec d 1 1 '' 'One.' '' '' ''; rec d 1 2 '' 'Two.' '' '' '')"
}

@test "records already split pass unchanged" {
	run sentence-split <<<"$(rec d 3 2 '' 'One. Two.' 'ORG:x@0-3' '' '')"
	assert_success
	assert_output "$(rec d 3 2 '' 'One. Two.' 'ORG:x@0-3' '' '')"
}

@test "annotations move into their sentences, offsets re-based" {
	run sentence-split annotated.rec
	assert_success
	D=https://wire.example/2024/11/19/kim-putin
	assert_output "$(
	rec $D 1 1 2024-11-19 'Kim Jong Un met Vladimir Putin in Pyongyang on June 19.' 'PER:Kim Jong Un@0-11;PER:Vladimir Putin@16-30;LOC:Pyongyang@34-43' 'DATE:2024-06-19@47-54' 'diplomacy:0.81;military:0.40' user-a user-b
	rec $D 1 2 2024-11-19 'The two leaders signed a treaty.' '' '' 'diplomacy:0.81;military:0.40' user-a user-b
	rec $D 1 3 2024-11-19 'It took effect on Dec. 4, the Kremlin said.' 'ORG:Kremlin@30-37' 'DATE:2024-12-04@18-24' 'diplomacy:0.81;military:0.40' user-a user-b
	rec $D 2 1 2024-11-19 'He worked for Yahoo! Japan until 2019.' 'ORG:Yahoo Japan@14-26' '' ''
	rec $D 2 2 2024-11-19 'Then he joined Naver.' 'ORG:Naver@15-20' '' ''
	rec $D 3 1 2024-11-19 'Talks ended at 5 p.m.' '' 'TIME:2024-11-19T17:00@15-21' ''
	rec $D 3 2 2024-11-19 'The envoy left Seoul.' 'LOC:Seoul@15-20' '' ''
	)"
}

@test "without the annotation the same text is cut inside the name" {
	check "He worked for Yahoo! Japan until 2019." "He worked for Yahoo!" "Japan until 2019."
}

@test "a list marker inside an annotation starts no item; the next one does" {
	run sentence-split <<<"$(rec d 1 0 '' '1. Kim 2. Lee 3. Park' 'ORG:Kim 2 Lee@3-13' '' '')"
	assert_success
	assert_output "$(rec d 1 1 '' '1. Kim 2. Lee' 'ORG:Kim 2 Lee@3-13' '' ''; rec d 1 2 '' '3. Park' '' '' '')"
}

@test "items out of text order: each to its sentence, input order kept" {
	run sentence-split <<<"$(rec d 1 0 '' 'Aa xx. Bb yy. Cc zz. Dd ww.' 'PER:b@3-9;PER:a@0-2;PER:c@14-16;PER:d@21-27;PER:e@17-19;PER:f@14-15' '' '')"
	assert_success
	assert_output "$(
	rec d 1 1 '' 'Aa xx. Bb yy.' 'PER:b@3-9;PER:a@0-2' '' ''
	rec d 1 2 '' 'Cc zz.' 'PER:c@0-2;PER:e@3-5;PER:f@0-1' '' ''
	rec d 1 3 '' 'Dd ww.' 'PER:d@0-6' '' ''
	)"
}

@test "an empty annotation at a boundary goes to the sentence it ends" {
	run sentence-split <<<"$(rec d 1 0 '' 'One. Two.' 'ORG:x@4-4;ORG:y@5-5' '' '')"
	assert_success
	assert_output "$(rec d 1 1 '' 'One.' 'ORG:x@4-4' '' ''; rec d 1 2 '' 'Two.' 'ORG:y@0-0' '' '')"
}

@test "FILE operands and - are read in order" {
	run sentence-split - article.rec - < annotated.rec
	assert_success
	assert_equal "$(printf '%s\n' "$output" | cut -f2,3 | head -3 | tr '\t\n' ':,')" "1:1,1:2,1:3,"
	assert_equal "${#lines[@]}" 35
}

@test "a whole article: every sentence" {
	run sentence-split article.rec
	assert_success
	assert_equal "$(printf '%s\n' "$output" | cut -f1 | sort -u)" https://wire.example/2024/11/18/nk-missiles-envoy
	assert_equal "$(printf '%s\n' "$output" | cut -f4 | sort -u)" 2024-11-18
	assert_equal "$(printf '%s\n' "$output" | cut -f2,3,5)" "$(printf '%s\n' \
	$'0\t1\tN. Korea fires missiles as U.S. envoy arrives in Seoul' \
	$'1\t1\tSEOUL, Nov. 18 (Example Wire) -- North Korea fired two short-range ballistic missiles at 7:40 a.m. on Monday, the Joint Chiefs of Staff said.' \
	$'1\t2\tThe launch came hours before U.S. Deputy Secretary of State Kurt M. Campbell landed at Incheon.' \
	$'2\t1\t“We are closely analyzing the flight data,” the JCS said.' \
	$'2\t2\t“Our military maintains full readiness.”' \
	$'3\t1\tThe missiles flew about 400 km.' \
	$'3\t2\tAnalysts said they were probably Hwasong-11s, a weapon Seoul believes has been shipped to Russia for use in Ukraine.[1]' \
	$'3\t3\tPyongyang has denied the transfers.' \
	$'4\t1\tMr. Campbell, who arrived at 10 a.m. local time, is due to meet Foreign Minister Cho Tae-yul on Tuesday.' \
	$'4\t2\tHe will then fly to Tokyo, the State Department said in a statement posted on state.gov.' \
	$'4\t3\tQuestions can be sent to press@wire.example.' \
	$'5\t1\tAccording to Dr. Lee Sang-min of the Korea Institute for Defense Analyses, the North has launched missiles on 12 days this year, vs. 20 in 2023.' \
	$'5\t2\t“Why now?” he asked.' \
	$'5\t3\t“Because the U.S. election is over.”' \
	$'6\t1\tThe North’s economy shrank by 0.2 percent in 2019 and grew 3.1 percent in 2023, according to the Bank of Korea.' \
	$'6\t2\tTrade with China reached $2.3 billion...' \
	$'6\t3\tMost of it passed through Dandong.' \
	$'7\t1\tOfficials in Washington declined to comment on the timing of the U.S. response.' \
	$'7\t2\tThe allies have held joint drills since Aug. 19 under the 20×10 plan, he said.' \
	$'8\t1\tKey findings: 1. A new hull section' \
	$'8\t2\t2. A longer quay' \
	$'8\t3\t3. No sign of a reactor' \
	$'9\t1\tThe slogan on the hull read 조국을 위하여.' \
	$'9\t2\tIt was painted in red.' \
	$'10\t1\t「김정은 동지께서 현지지도하시였다」, 조선중앙통신, 2024년 9월 13일.' \
	$'11\t1\tCopyright(c) Example Wire.' \
	$'11\t2\tAll rights reserved.' \
	$'12\t1\tMembers of the delegation arrive at Gimpo Airport on Monday. [EW]')"
}

# --- properties -------------------------------------------------------------

@test "property: joined with spaces, the sentences give back the fixtures' texts" {
	for f in article.rec annotated.rec; do
		assert_equal "$(sentence-split "$f" | rejoin)" "$(cut -f5 "$f")"
	done
}

@test "property: joined with spaces, the sentences give back the sample articles" {
	ingest "$SAMPLES"/*.txt > "$BATS_TEST_TMPDIR/samples.rec"
	run sentence-split "$BATS_TEST_TMPDIR/samples.rec"
	assert_success
	[ "${#lines[@]}" -gt 250 ]
	assert_equal "$(printf '%s\n' "$output" | rejoin)" \
	    "$(cut -f5 "$BATS_TEST_TMPDIR/samples.rec")"
}

@test "property: joined with spaces, the sentences give back the real corpus" {
	corpus=$TOP/../shared/corpus
	[ -d "$corpus" ] || skip "no corpus at $corpus"
	for f in "$corpus"/*.txt; do
		awk -v d="$f" 'NF { printf "%s\t%d\t0\t\t%s\t\t\t\n", d, ++n, $0 }' "$f"
	done > "$BATS_TEST_TMPDIR/corpus.rec"
	run sentence-split "$BATS_TEST_TMPDIR/corpus.rec"
	assert_success
	[ "${#lines[@]}" -gt "$(wc -l < "$BATS_TEST_TMPDIR/corpus.rec")" ]
	assert_equal "$(printf '%s\n' "$output" | rejoin)" \
	    "$(cut -f5 "$BATS_TEST_TMPDIR/corpus.rec")"
}

@test "property: sent counts 1, 2, ... and no sentence is only punctuation" {
	ingest "$SAMPLES"/*.txt | sentence-split > "$BATS_TEST_TMPDIR/out"
	run awk -F'\t' '
		$3 != ($3 == 1 ? 1 : prev + 1) { print "bad sent: " $0 }
		$5 !~ /[[:alnum:]]/ && $5 !~ /[^ -~]/ { print "no word: " $0 }
		{ prev = $3 }' "$BATS_TEST_TMPDIR/out"
	assert_success
	assert_output ""
}

# --- data files and options -------------------------------------------------

@test "--abbrev adds an abbreviation" {
	run sentences "He joined the 5th Rgt. Kim led it."
	assert_output "$(printf '%s\n' "He joined the 5th Rgt." "Kim led it.")"
	run sentences "He joined the 5th Rgt. Kim led it." --abbrev abbrev.tsv
	assert_success
	assert_output "He joined the 5th Rgt. Kim led it."
}

@test "--abbrev replaces the kind of a built-in abbreviation" {
	check "He met U.S. Sen. Kim." "He met U.S. Sen. Kim."
	run sentences "He met U.S. Sen. Kim." -a abbrev.tsv
	assert_success
	assert_output "$(printf '%s\n' "He met U.S." "Sen. Kim.")"
}

@test "--starters adds a sentence starter" {
	check "He flew to the U.S. Officials said so." "He flew to the U.S. Officials said so."
	run sentences "He flew to the U.S. Officials said so." --starters starters.tsv
	assert_success
	assert_output "$(printf '%s\n' "He flew to the U.S." "Officials said so.")"
}

@test "--no-default leaves out the built-in lists" {
	run sentences "Mr. Kim left." --no-default
	assert_success
	assert_output "$(printf '%s\n' "Mr." "Kim left.")"
}

@test "--no-default with --abbrev uses only the file" {
	run sentences "He joined the 5th Rgt. Kim met Mr. Lee." --no-default -a abbrev.tsv
	assert_success
	assert_output "$(printf '%s\n' "He joined the 5th Rgt. Kim met Mr." "Lee.")"
}

@test "a bad KIND in an --abbrev file is exit 65 with its line" {
	run --separate-stderr sentence-split --abbrev bad-abbrev.tsv /dev/null
	assert_failure 65
	assert_equal "$stderr" "sentence-split: bad-abbrev.tsv:2: KIND must be title, prefix, number, final or modifier"
}

@test "a bad CLASS in a --starters file is exit 65 with its line" {
	run --separate-stderr sentence-split --starters bad-starters.tsv /dev/null
	assert_failure 65
	assert_equal "$stderr" "sentence-split: bad-starters.tsv:2: CLASS must be starter or preposition"
}

@test "a missing --abbrev file is exit 1" {
	run --separate-stderr sentence-split --abbrev nonexistent.tsv /dev/null
	assert_failure 1
	assert_output ""
	[[ $stderr == "sentence-split: "*nonexistent.tsv*"No such file or directory" ]]
}

@test "--line-buffered writes each record before the input ends" {
	coproc SPLIT { sentence-split --line-buffered; }
	rec d 1 0 '' 'One. Two.' >&"${SPLIT[1]}"
	IFS= read -r -t 5 first <&"${SPLIT[0]}"
	IFS= read -r -t 5 second <&"${SPLIT[0]}"
	exec {SPLIT[1]}>&-
	wait "$SPLIT_PID"
	assert_equal "$first" "$(rec d 1 1 '' 'One.' '' '' '')"
	assert_equal "$second" "$(rec d 1 2 '' 'Two.' '' '' '')"
}

@test "--help describes the options and exits 0" {
	run sentence-split --help
	assert_success
	assert_output --partial "--abbrev=FILE"
	assert_output --partial "--starters=FILE"
	assert_output --partial "--line-buffered"
}

@test "a bad option is exit 2" {
	run --separate-stderr sentence-split --bogus
	assert_failure 2
	assert_equal "$stderr" "sentence-split: Unknown option --bogus
Try 'sentence-split --help' for more information."
}

# --- bad input --------------------------------------------------------------

@test "an entity item without TYPE is exit 65" {
	run --separate-stderr sentence-split <<<"$(rec d 1 0 '' 'One. Two.' 'x@0-3' '' '')"
	assert_failure 65
	assert_equal "$stderr" "sentence-split: (stdin):1: entities 'x@0-3': annotation item without TYPE:"
}

@test "a date item outside the text is exit 65" {
	run --separate-stderr sentence-split <<<"$(rec d 1 0 '' 'One. Two.' '' 'DATE:2024@5-99' '')"
	assert_failure 65
	assert_equal "$stderr" "sentence-split: (stdin):1: dates 'DATE:2024@5-99': annotation offsets lie outside the text"
}

@test "an item that cuts a character in two is exit 65" {
	run --separate-stderr sentence-split <<<"$(rec d 1 0 '' 'Séoul. Two.' 'LOC:x@0-2' '' '')"
	assert_failure 65
	assert_equal "$stderr" "sentence-split: (stdin):1: entities 'LOC:x@0-2': annotation offsets are not on character boundaries"
}

@test "bad items on the second line: earlier records are written first" {
	run --separate-stderr sentence-split <<<"$(rec d 1 0 '' 'One. Two.'; rec d 2 0 '' 'Three.' 'PER:x@2-1' '' '')"
	assert_failure 65
	assert_output "$(rec d 1 1 '' 'One.' '' '' ''; rec d 1 2 '' 'Two.' '' '' '')"
	assert_equal "$stderr" "sentence-split: (stdin):2: entities 'PER:x@2-1': annotation START is after END"
}

@test "a record of four fields is exit 65" {
	run --separate-stderr sentence-split <<<"$(rec d 1 0 '')"
	assert_failure 65
	assert_equal "$stderr" "sentence-split: (stdin):1: 4 fields, at least 5 expected (doc, para, sent, date, text)"
}

@test "an unreadable FILE is exit 1" {
	run --separate-stderr sentence-split nonexistent.rec
	assert_failure 1
	assert_equal "$stderr" "sentence-split: nonexistent.rec: No such file or directory"
}

@test "long lines and many records stream in constant memory" {
	awk 'BEGIN { s = ""; for (i = 0; i < 20000; i++) s = s "He left at 5 p.m. The U.S. envoy stayed. ";
		for (r = 0; r < 20; r++) printf "d\t%d\t0\t\t%s\t\t\t\n", r, s }' > "$BATS_TEST_TMPDIR/20.rec"
	head -n 1 "$BATS_TEST_TMPDIR/20.rec" > "$BATS_TEST_TMPDIR/1.rec"
	# peak (KB) and sentences of a file of records
	peak() {
		/usr/bin/time -o "$BATS_TEST_TMPDIR/rss" -f %M sentence-split "$1" | wc -l
		cat "$BATS_TEST_TMPDIR/rss"
	}
	run peak "$BATS_TEST_TMPDIR/1.rec"
	assert_success
	assert_line -n 0 40000
	one=${lines[1]}
	run peak "$BATS_TEST_TMPDIR/20.rec"
	assert_success
	assert_line -n 0 800000
	# 20 lines of 840 KB take no more memory than one
	[ "${lines[1]}" -lt $((one + 2048)) ]
}
