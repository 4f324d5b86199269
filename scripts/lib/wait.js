// Polling until something holds, for the scripts and the browser tests.

/** Calls `check` until it resolves truthy; throws naming `what` after `timeoutMs`. */
async function waitFor(check, timeoutMs, what, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`)
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

module.exports = { waitFor }
