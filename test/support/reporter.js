// Mocha's spec output, plus one JSON line of counts per suite appended to $JM_RESULTS, so that
// test/run-all.sh can print one total over every suite (CI reads only that last line).
'use strict';
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const suite = process.env.JM_SUITE || 'mocha';
    runner.once('end', () => {
      const file = process.env.JM_RESULTS;
      if (!file) return;
      const s = runner.stats || {};
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.appendFileSync(file, JSON.stringify({ suite, passed: s.passes || 0, failed: s.failures || 0, skipped: s.pending || 0 }) + '\n');
    });
  }
}
module.exports = CountingReporter;
