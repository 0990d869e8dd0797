// Prints `tests: N passed, N failed` from the Jest and Playwright JSON reports of a run, and
// with `--adoption` (CI) from scripts/adoption-test's report too.
// A report that is missing counts as a failure: a suite that did not run did not pass.
const fs = require('node:fs');
const path = require('node:path');

const [dir, ...flags] = process.argv.slice(2);
const read = name => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  } catch {
    return undefined;
  }
};

let passed = 0;
let failed = 0;
let missing = 0;

const unit = read('unit.json');
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  const postgres = unit.testResults
    .flatMap(file => file.assertionResults)
    .filter(
      test => test.status === 'passed' && /POSTGRES_15/.test(test.fullName),
    ).length;
  console.log(
    `unit: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed, of them ${postgres} passed on PostgreSQL 15`,
  );
} else {
  missing += 1;
  console.log('unit: no report (the run did not finish)');
}

const e2e = read('e2e.json');
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  console.log(
    `e2e: ${e2e.stats.expected + e2e.stats.flaky} passed, ${
      e2e.stats.unexpected
    } failed, ${e2e.stats.skipped} skipped`,
  );
} else if (
  fs.existsSync('/usr/bin/chromium') ||
  process.env.PLAYWRIGHT_CHROMIUM_PATH
) {
  missing += 1;
  console.log('e2e: no report (the run did not finish)');
}

if (flags.includes('--adoption')) {
  const adoption = read('adoption.json');
  if (adoption) {
    passed += adoption.passed;
    failed += adoption.failed;
    console.log(
      `adoption: ${adoption.passed} passed, ${adoption.failed} failed`,
    );
  } else {
    missing += 1;
    console.log('adoption: no report (the stock-app adoption test did not run)');
  }
}

console.log(`tests: ${passed} passed, ${failed + missing} failed`);
process.exit(failed + missing > 0 ? 1 : 0);
