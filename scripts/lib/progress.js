// Progress lines for long first starts: what is being done and for how
// long, so a minute of migrations is not a minute of silence.

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`

/**
 * `const s = step("Running migrations"); s.detail("product"); s.done()`.
 * On a terminal the detail updates one line in place; elsewhere (CI logs)
 * it is printed at most every 10 seconds.
 */
function createProgress(prefix = "[dev]", stream = process.stdout) {
  const tty = Boolean(stream.isTTY)
  /** `loud`: other output (a child's log) follows, so the title ends its line. */
  return function step(title, { loud = false } = {}) {
    const started = Date.now()
    let lastPrinted = started
    const inPlace = tty && !loud
    stream.write(`${prefix} ${title}…${inPlace ? "" : "\n"}`)
    let open = inPlace
    return {
      detail(text) {
        if (inPlace) {
          stream.write(`\r\x1b[K${prefix} ${title}… ${text} (${seconds(started)})`)
        } else if (Date.now() - lastPrinted >= 10_000) {
          stream.write(`${prefix}   ${text} (${seconds(started)})\n`)
          lastPrinted = Date.now()
        }
      },
      /** A line that must be seen, whatever the terminal. */
      note(text) {
        stream.write(`${tty && open ? "\n" : ""}${prefix}   ${text}\n`)
        if (tty && open) {
          stream.write(`${prefix} ${title}…`)
        }
      },
      done(result = "done") {
        stream.write(`${tty && open ? `\r\x1b[K` : ""}${prefix} ${title}: ${result} (${seconds(started)})\n`)
        open = false
      },
    }
  }
}

/** Picks the module names out of `medusa db:migrate` output, for `detail`. */
function migrationDetail(onDetail) {
  return (chunk) => {
    for (const match of chunk.matchAll(/MODULE: ([\w-]+)/g)) {
      onDetail(`module ${match[1]}`)
    }
    if (/Syncing links|link/i.test(chunk) && /sync/i.test(chunk)) {
      onDetail("links")
    }
    if (/migration scripts/i.test(chunk)) {
      onDetail("data scripts")
    }
  }
}

module.exports = { createProgress, migrationDetail }
