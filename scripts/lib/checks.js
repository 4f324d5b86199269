// The counted checks of the script tests (install, quick start): each one is
// printed with its time, and the run ends with "N passed, M failed".
const { formatCounts } = require("./summary")

function createChecks() {
  const results = []

  /**
   * Runs one check. A failed check is counted and printed; where `required`
   * it also stops the run (the error is marked as already reported).
   */
  async function check(name, fn, { required = false } = {}) {
    const t = Date.now()
    try {
      const note = await fn()
      results.push(true)
      console.log(`✓ ${name}${note ? `: ${note}` : ""} (${((Date.now() - t) / 1000).toFixed(1)} s)`)
    } catch (error) {
      results.push(false)
      console.log(`✗ ${name}\n    ${String(error.message).split("\n").join("\n    ")}`)
      if (required) {
        throw Object.assign(new Error(`stopped after "${name}" failed`), { reported: true })
      }
    }
  }

  /** Counts a failure that happened outside any check. */
  const fail = (message) => {
    results.push(false)
    console.log(`✗ ${message}`)
  }

  const counts = () => {
    const passed = results.filter(Boolean).length
    return { passed, failed: results.length - passed }
  }

  return {
    check,
    fail,
    counts,
    summary: () => formatCounts(counts()),
    allPassed: () => results.every(Boolean),
  }
}

function expect(condition, message) {
  if (!condition) {
    throw new Error(message)
  }
}

module.exports = { createChecks, expect }
