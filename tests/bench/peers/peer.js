#!/usr/bin/env node
// peer.js TASK - one stage of newsfilter done by an NLP library a user might
// pick instead, for tests/bench/run.  Reads newsfilter records on stdin and
// writes records on stdout, as our filter for that stage does:
//
//   wink-sentences        wink-nlp (sbd only): one record per sentence
//   compromise-sentences  compromise's tokenizer: one record per sentence
//   wink-entities         wink-nlp (sbd, pos, ner): field 6 = its entities
//                         and the runs of proper nouns (its English model
//                         has no person, place or organization types)
//   compromise-entities   compromise: people, places, organizations
//   compromise-dates      compromise-dates, against field 4: field 7
//   chrono-dates          chrono-node, against field 4: field 7
//
// Items are TYPE:TEXT@START-END with START-END in UTF-16 code units (what
// the libraries give; ours are bytes).  At the end it prints to stderr
//   peer-seconds LOAD WORK
// LOAD: loading the library and its model; WORK: reading, processing and
// writing the records.  The modules come from NODE_PATH (tests/bench/npm).
'use strict';

const t0 = process.hrtime.bigint();
const task = process.argv[2];
const secs = (a, b) => Number(b - a) / 1e9;

// date(field4): the reference date, noon UTC, or today when empty
function refDate(d) {
	return /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(d + 'T12:00:00Z') : new Date();
}
function ymd(dt) {
	return dt instanceof Date && !isNaN(dt) ? dt.toISOString().slice(0, 10) : 'XXXX';
}
const clean = (s) => s.replace(/[\t\n;@]/g, ' ');
// record(f, i, v): the record f with field i (0-based) set to v
function record(f, i, v) {
	const g = f.slice();
	while (g.length < 8) g.push('');
	g[i] = v;
	return g.join('\t') + '\n';
}

let work; // work(fields) -> output text
switch (task) {
case 'wink-sentences':
case 'wink-entities': {
	const winkNLP = require('wink-nlp');
	const model = require('wink-eng-lite-web-model');
	if (task === 'wink-sentences') {
		const nlp = winkNLP(model, ['sbd']);
		work = (f) => {
			const ss = nlp.readDoc(f[4]).sentences().out();
			let o = '';
			for (let i = 0; i < ss.length; i++) {
				const g = f.slice();
				g[2] = String(i + 1);
				o += record(g, 4, clean(ss[i]));
			}
			return o;
		};
	} else {
		const nlp = winkNLP(model, ['sbd', 'pos', 'ner']);
		const its = nlp.its;
		work = (f) => {
			const doc = nlp.readDoc(f[4]);
			const items = [];
			doc.entities().each((e) => {
				items.push(e.out(its.type) + ':' + clean(e.out()));
			});
			// runs of proper nouns, with their offsets
			const tok = doc.tokens();
			const val = tok.out(), pos = tok.out(its.pos), sp = tok.out(its.precedingSpaces);
			let at = 0, start = -1, name = '';
			for (let i = 0; i <= val.length; i++) {
				if (i < val.length) at += sp[i].length;
				if (i < val.length && pos[i] === 'PROPN') {
					if (start < 0) { start = at; name = val[i]; } else name += sp[i] + val[i];
				} else if (start >= 0) {
					items.push('NAME:' + clean(name) + '@' + start + '-' + (start + name.length));
					start = -1;
				}
				if (i < val.length) at += val[i].length;
			}
			return record(f, 5, items.join(';'));
		};
	}
	break;
}
case 'compromise-sentences': {
	const nlp = require('compromise');
	work = (f) => {
		const ss = nlp.tokenize(f[4]).sentences().out('array');
		let o = '';
		for (let i = 0; i < ss.length; i++) {
			const g = f.slice();
			g[2] = String(i + 1);
			o += record(g, 4, clean(ss[i]));
		}
		return o;
	};
	break;
}
case 'compromise-entities': {
	const nlp = require('compromise');
	const opt = { offset: true, terms: false };
	work = (f) => {
		const doc = nlp(f[4]);
		const items = [];
		for (const [type, m] of [['PER', doc.people()], ['LOC', doc.places()], ['ORG', doc.organizations()]]) {
			for (const j of m.json(opt)) {
				items.push(type + ':' + clean(j.text) + '@' + j.offset.start + '-' + (j.offset.start + j.offset.length));
			}
		}
		return record(f, 5, items.join(';'));
	};
	break;
}
case 'compromise-dates': {
	const nlp = require('compromise');
	nlp.plugin(require('compromise-dates'));
	const opt = { offset: true, terms: false };
	work = (f) => {
		const items = [];
		const ds = nlp(f[4]).dates({ today: ymd(refDate(f[3])) }).json(opt);
		for (const j of ds) {
			const v = j.dates && j.dates.start ? j.dates.start.slice(0, 10) : 'XXXX';
			items.push('DATE:' + v + '@' + j.offset.start + '-' + (j.offset.start + j.offset.length));
		}
		return record(f, 6, items.join(';'));
	};
	break;
}
case 'chrono-dates': {
	const chrono = require('chrono-node');
	work = (f) => {
		const items = [];
		for (const r of chrono.parse(f[4], refDate(f[3]))) {
			items.push('DATE:' + ymd(r.start.date()) + '@' + r.index + '-' + (r.index + r.text.length));
		}
		return record(f, 6, items.join(';'));
	};
	break;
}
default:
	process.stderr.write('usage: peer.js wink-sentences|compromise-sentences|wink-entities|' +
		'compromise-entities|compromise-dates|chrono-dates < records\n');
	process.exit(2);
}
const t1 = process.hrtime.bigint();

async function main() {
	process.stdin.setEncoding('utf8');
	let rest = '', out = '', n = 0;
	const flush = async (force) => {
		if (out.length < 1 << 20 && !force) return;
		const ok = process.stdout.write(out);
		out = '';
		if (!ok) await new Promise((r) => process.stdout.once('drain', r));
	};
	const one = (line) => {
		n++;
		if (line.endsWith('\r')) line = line.slice(0, -1);
		const f = line.split('\t');
		if (f.length < 5) {
			process.stderr.write(`peer.js: line ${n}: fewer than 5 fields\n`);
			process.exit(65);
		}
		out += work(f);
	};
	for await (const chunk of process.stdin) {
		const lines = (rest + chunk).split('\n');
		rest = lines.pop();
		for (const l of lines) one(l);
		await flush(false);
	}
	if (rest !== '') one(rest);
	await flush(true);
	const t2 = process.hrtime.bigint();
	process.stderr.write(`peer-seconds ${secs(t0, t1).toFixed(4)} ${secs(t1, t2).toFixed(4)}\n`);
}
main().catch((e) => {
	process.stderr.write(`peer.js: ${e.stack || e}\n`);
	process.exit(1);
});
