#!/usr/bin/env bats
# pipelines/annotate -j N and --sshlogin: the stages under GNU parallel.
# The output must be byte-identical to the serial run, which holds only if
# the stream is cut between documents (entity-tag and declutter look across
# the records of a document).  The samples are replicated so that there are
# many blocks, and the jobs are counted to prove it.

load helper
bats_require_minimum_version 1.5.0

ANNOTATE="$TOP/pipelines/annotate"

setup_file() {
	command -v parallel >/dev/null || {
		echo "GNU parallel is not installed (Debian package parallel)" >&2
		return 1
	}
	# The replicated samples: 20 copies of the samples' records, copy c
	# with doc ids DOC#c, and a field 9 of the user's own on every record.
	local d=$BATS_FILE_TMPDIR
	ingest "$SAMPLES" >"$d/samples.rec"
	awk -F '\t' -v OFS='\t' '{ r[NR] = $0 }
	END {
		for (c = 1; c <= 20; c++) for (i = 1; i <= NR; i++) {
			$0 = r[i]; $1 = $1 "#" c; $9 = "mine-" c "-" i; print
		}
	}' "$d/samples.rec" >"$d/many.rec"
	"$ANNOTATE" <"$d/many.rec" >"$d/serial.tsv"
	ln -s serial.tsv "$d/many-serial.tsv"
	awk -F '\t' '$1 ~ /#[123]$/' "$d/many.rec" >"$d/few.rec"
	"$ANNOTATE" <"$d/few.rec" >"$d/few-serial.tsv"
	# the articles too: a directory of 5 copies with distinct URLs
	mkdir "$d/articles"
	local f c name
	for c in 1 2 3 4 5; do
		for f in "$SAMPLES"/*; do
			name=${f##*/}
			sed "1,/^\$/s|^URL: *\(.*\)|URL: \1?copy=$c|" "$f" >"$d/articles/$c-$name"
		done
	done
	"$ANNOTATE" "$d/articles" >"$d/articles-serial.tsv"
}

# counting_bin DIR: a bin directory of the real programs in which normalize,
# the first stage, logs each run: a file DIR/jobs/JOB holding the doc ids it
# read, one a line.  One run is one parallel job.
counting_bin() {
	local dir=$1 p
	mkdir -p "$dir/jobs"
	for p in "$BIN"/*; do ln -s "$p" "$dir/"; done
	rm "$dir/normalize"
	cat >"$dir/normalize" <<EOF
#!/bin/sh
log=\$(mktemp "$dir/jobs/XXXXXX")
tee "\$log.in" | "$BIN/normalize" "\$@"
st=\$?
cut -f1 "\$log.in" | uniq >"\$log"
rm -f "\$log.in"
exit \$st
EOF
	chmod +x "$dir/normalize"
}

# jobs_ok DIR MIN: at least MIN jobs ran, and no document was cut: every
# doc id was seen by one job only, and within it as one run.
jobs_ok() {
	local dir=$1 min=$2 n
	n=$(find "$dir/jobs" -type f ! -name '*.in' | wc -l)
	[ "$n" -ge "$min" ] || fail "$n jobs, want at least $min"
	run bash -c 'cat "$1"/jobs/* | sort | uniq -d' _ "$dir"
	assert_output ''
}

@test "annotate -j: byte-identical to the serial run, over many blocks" {
	local d=$BATS_FILE_TMPDIR b=$BATS_TEST_TMPDIR/bin
	[ "$(wc -l <"$d/serial.tsv")" -gt 5000 ]
	counting_bin "$b"
	NEWSFILTER_BIN=$b "$ANNOTATE" -j 2 --block 32k <"$d/many.rec" >"$BATS_TEST_TMPDIR/out.tsv"
	cmp "$d/serial.tsv" "$BATS_TEST_TMPDIR/out.tsv"
	jobs_ok "$b" 20
	# every record kept its field 9
	run awk -F '\t' 'NF != 9 || $9 !~ /^mine-/' "$BATS_TEST_TMPDIR/out.tsv"
	assert_output ''
}

@test "annotate -j: any number of jobs and block size, even a block smaller than a document" {
	local d=$BATS_FILE_TMPDIR jb
	# (the block sizes smaller than a document on fewer documents: one job
	# per document is slow)
	for jb in many:1:600k many:3:150k many:8:100k few:2:1 few:5:3k; do
		set -- ${jb//:/ }
		"$ANNOTATE" -j "$2" --block "$3" <"$d/$1.rec" >"$BATS_TEST_TMPDIR/out.tsv" 2>"$BATS_TEST_TMPDIR/err" ||
			fail "$jb: exit $?: $(head -3 "$BATS_TEST_TMPDIR/err")"
		cmp "$d/$1-serial.tsv" "$BATS_TEST_TMPDIR/out.tsv" || fail "$jb differs"
	done
	# the default block size, and the other spellings of the options
	"$ANNOTATE" -j2 <"$d/many.rec" | cmp "$d/serial.tsv" -
	"$ANNOTATE" --jobs=2 --block=300k <"$d/many.rec" | cmp "$d/serial.tsv" -
}

@test "annotate -j: the control: cutting inside documents changes the output" {
	# The test above could not fail if a cut anywhere gave the same output:
	# here the stream is cut every 7 records, ignoring documents, and the
	# output must differ (entity-tag resolves short names within a document).
	local d=$BATS_FILE_TMPDIR
	parallel --will-cite --pipe -N 7 --keep-order "$ANNOTATE" <"$d/many.rec" >"$BATS_TEST_TMPDIR/cut.tsv"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/cut.tsv")" -gt 5000 ]
	run cmp -s "$d/serial.tsv" "$BATS_TEST_TMPDIR/cut.tsv"
	assert_failure
}

@test "annotate -j on article files: identical, ingest runs once" {
	local d=$BATS_FILE_TMPDIR b=$BATS_TEST_TMPDIR/bin
	counting_bin "$b"
	NEWSFILTER_BIN=$b "$ANNOTATE" -j 2 --block 20k "$d/articles" >"$BATS_TEST_TMPDIR/out.tsv"
	cmp "$d/articles-serial.tsv" "$BATS_TEST_TMPDIR/out.tsv"
	jobs_ok "$b" 10
	assert_equal "$(cut -f1 "$BATS_TEST_TMPDIR/out.tsv" | uniq | wc -l)" 60
}

@test "annotate --sshlogin : (this machine, as GNU parallel treats it): identical" {
	local d=$BATS_FILE_TMPDIR b=$BATS_TEST_TMPDIR/bin
	counting_bin "$b"
	NEWSFILTER_BIN=$b "$ANNOTATE" --sshlogin : -j 2 --block 50k <"$d/many.rec" >"$BATS_TEST_TMPDIR/out.tsv"
	cmp "$d/serial.tsv" "$BATS_TEST_TMPDIR/out.tsv"
	jobs_ok "$b" 10
	# -S alone, one job per core, twice the same login
	"$ANNOTATE" -S : -S : --block 100k "$d/articles" | cmp "$d/articles-serial.tsv" -
}

@test "annotate --sshlogin over real ssh to 127.0.0.1, when sshd is installed" {
	local sshd=/usr/sbin/sshd
	[ -x "$sshd" ] && command -v ssh-keygen >/dev/null ||
		skip "no $sshd (Debian package openssh-server): --sshlogin : is tested above"
	[ "$(id -u)" -eq 0 ] || skip "sshd needs root here"
	local d=$BATS_TEST_TMPDIR/ssh port pid
	mkdir -p "$d" /run/sshd
	ssh-keygen -q -t ed25519 -N '' -f "$d/host_key"
	ssh-keygen -q -t ed25519 -N '' -f "$d/id"
	cp "$d/id.pub" "$d/authorized_keys"
	# a port that is free now
	port=$(( 20000 + RANDOM % 20000 ))
	cat >"$d/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $d/host_key
AuthorizedKeysFile $d/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
PidFile $d/sshd.pid
EOF
	"$sshd" -D -e -f "$d/sshd_config" 2>"$d/sshd.log" &
	pid=$!
	local ssh="ssh -p $port -i $d/id -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
	for _ in $(seq 50); do
		$ssh 127.0.0.1 true 2>/dev/null && break
		sleep 0.1
	done
	$ssh 127.0.0.1 true || { kill "$pid"; fail "sshd did not come up: $(cat "$d/sshd.log")"; }
	local st=0
	PARALLEL_SSH=$ssh "$ANNOTATE" -S 127.0.0.1 -j 2 --block 100k <"$BATS_FILE_TMPDIR/many.rec" \
		>"$BATS_TEST_TMPDIR/out.tsv" 2>"$BATS_TEST_TMPDIR/err" || st=$?
	kill "$pid"
	wait "$pid" || true
	assert_equal "$st" 0
	cmp "$BATS_FILE_TMPDIR/serial.tsv" "$BATS_TEST_TMPDIR/out.tsv"
	# the jobs did go through sshd
	grep -q 'Accepted publickey' "$d/sshd.log" || fail "no ssh login: $(cat "$d/sshd.log")"
}

@test "annotate -j: a bad record fails the run with the stage's status and message" {
	local d=$BATS_FILE_TMPDIR
	{
		head -n 3000 "$d/many.rec"
		printf 'doc\t1\n'
		tail -n +3001 "$d/many.rec"
	} >"$BATS_TEST_TMPDIR/bad.rec"
	run --separate-stderr "$ANNOTATE" -j 2 --block 20k <"$BATS_TEST_TMPDIR/bad.rec"
	assert_equal "$status" 65
	[[ $stderr == *"annotate: normalize failed with exit status 65"* ]] || fail "stderr: $stderr"
	[ "${#lines[@]}" -lt "$(wc -l <"$d/serial.tsv")" ]
}

@test "annotate -j: a failing stage's status comes through parallel" {
	local b=$BATS_TEST_TMPDIR/bin
	fake_stage() {
		printf '#!/bin/sh\nawk -v n=%s '\''BEGIN { FS = OFS = "\\t" } { $9 = $9 n ","; print }'\'' || exit\nexit %s\n' "$1" "$2" >"$b/$1"
		chmod +x "$b/$1"
	}
	mkdir "$b"
	ln -s "$BIN/ingest" "$b/"
	fake_stage normalize 0
	fake_stage entity-tag 7
	run --separate-stderr env NEWSFILTER_BIN="$b" "$ANNOTATE" -j 2 --block 10k "$SAMPLES"
	assert_equal "$status" 7
	[[ $stderr == *"annotate: entity-tag failed with exit status 7"* ]] || fail "stderr: $stderr"
	[[ $stderr == *"annotate: job 1 failed with exit status 7"* ]] || fail "stderr: $stderr"
	# and with every stage fine, the fake stages ran in order in each job
	fake_stage entity-tag 0
	run --separate-stderr env NEWSFILTER_BIN="$b" "$ANNOTATE" -j 2 --block 10k "$SAMPLES"
	assert_success
	run bash -c 'cut -f9 <<<"$1" | sort -u' _ "$output"
	assert_output 'normalize,entity-tag,'
}

@test "annotate --sshlogin: a host that cannot be reached fails the run" {
	# ssh to a closed port on the loopback: refused at once
	run --separate-stderr env PARALLEL_SSH='ssh -p 1 -o BatchMode=yes -o ConnectTimeout=5' \
		"$ANNOTATE" -S 127.0.0.1 -j 1 <"$BATS_FILE_TMPDIR/few.rec"
	assert_failure
	[[ $stderr == *"annotate: job 1 failed with exit status"* ]] || fail "stderr: $stderr"
	assert_output ''
}

@test "annotate -j: a record with a NUL byte is refused (65): it cannot be cut on" {
	run --separate-stderr "$ANNOTATE" -j 2 < <(printf 'a\t1\t0\t\tok\nb\t1\t0\t\tx\0y\n')
	assert_equal "$status" 65
	[[ $stderr == *"line 2: a record holds a NUL byte"* ]] || fail "stderr: $stderr"
}

@test "annotate -j: empty input, empty output; a reader that stops early is no error" {
	run --separate-stderr "$ANNOTATE" -j 2 </dev/null
	assert_success
	assert_output ''
	assert_equal "$stderr" ''
	run --separate-stderr bash -c '"$1" -j 2 --block 10k <"$2" | head -n 1' _ "$ANNOTATE" "$BATS_FILE_TMPDIR/many.rec"
	assert_success
	assert_equal "${#lines[@]}" 1
	[[ $stderr != *annotate:* ]] || fail "stderr: $stderr"
}

@test "annotate -j: usage errors, and no GNU parallel" {
	local bad
	for bad in '-j 0' '-j x' '-j' '--jobs=' '--block 1k' '-j 2 --block x' '-j 2 --block 0' '-j 2 -l' '--sshlogin='; do
		# shellcheck disable=SC2086
		run --separate-stderr "$ANNOTATE" $bad "$SAMPLES"
		[ "$status" -eq 2 ] || fail "$bad: status $status"
		assert_equal "$output" ''
		[[ $stderr == *"Try 'annotate --help'"* ]] || fail "$bad: $stderr"
	done
	run --separate-stderr "$ANNOTATE" -S
	assert_equal "$status" 2
	# a PATH with everything annotate uses but parallel
	local p=$BATS_TEST_TMPDIR/path t
	mkdir "$p"
	for t in sh perl readlink dirname sort tail cat mktemp rm pgrep sleep; do ln -s "$(command -v "$t")" "$p/"; done
	run --separate-stderr env PATH="$p" "$ANNOTATE" -j 2 "$SAMPLES"
	assert_equal "$status" 1
	[[ $stderr == *"need GNU parallel"* ]] || fail "stderr: $stderr"
	# without -j it still runs
	run env PATH="$p" "$ANNOTATE" "$SAMPLES"
	assert_success
}

@test "annotate -j is POSIX sh: identical under dash, --help tells of it" {
	command -v dash
	dash "$ANNOTATE" -j 2 --block 30k <"$BATS_FILE_TMPDIR/many.rec" | cmp "$BATS_FILE_TMPDIR/serial.tsv" -
	run "$ANNOTATE" --help
	assert_output --partial '--jobs=N'
	assert_output --partial '--sshlogin=LOGIN'
	assert_output --partial '--block=SIZE'
}
