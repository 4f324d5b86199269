// The closing line of every test command, "N passed, M failed", and the same
// counts for .ci/run, written to the file named in TEST_COUNTS_FILE. The
// variable is taken out of the environment as soon as this file loads, so a
// test command run inside another (a nested script) cannot write, or be
// mistaken for, the counts of the set that .ci/run started.
const fs = require("node:fs")

const countsFile = process.env.TEST_COUNTS_FILE
delete process.env.TEST_COUNTS_FILE

const formatCounts = ({ passed, failed }) => `${passed} passed, ${failed} failed`

/** Prints the closing line and records the counts for .ci/run. */
function reportCounts(counts) {
  console.log(formatCounts(counts))
  if (countsFile) {
    fs.writeFileSync(countsFile, JSON.stringify({ passed: counts.passed, failed: counts.failed }))
  }
}

module.exports = { formatCounts, reportCounts }
