// Timing for `npm run bench`: latencies, throughput, time to first byte and
// a server's peak memory, and the A/B rounds that turn them into ratios.

const now = () => Number(process.hrtime.bigint()) / 1e6

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** The median of `n` sequential calls of `fn`, in ms, after `warmup` untimed ones. */
async function medianLatency(fn, n, warmup = 2) {
  for (let i = 0; i < warmup; i++) await fn()
  const times = []
  for (let i = 0; i < n; i++) {
    const start = now()
    await fn()
    times.push(now() - start)
  }
  return median(times)
}

/** Completed calls per second of `fn`, `count` calls with `inFlight` running at once. */
async function throughput(fn, count, inFlight) {
  let next = 0
  const start = now()
  const worker = async () => {
    while (next < count) {
      const i = next++
      await fn(i)
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker))
  return (count / (now() - start)) * 1000
}

/**
 * `rounds` rounds of A/B: each round measures `without` and `with` back to
 * back (the order alternating from round to round, so that a drift of the
 * machine's load favours neither), and the ratio with ÷ without is taken
 * within the round. `prepare(side)` runs before each side's measurement
 * (switching the plugin's trigger) and is not timed.
 *
 * @returns {{ ratios: number[], with: number[], without: number[] }}
 */
async function abRounds({ rounds, measure, prepare = async () => {} }) {
  const out = { ratios: [], with: [], without: [] }
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? ["with", "without"] : ["without", "with"]
    const round = {}
    for (const side of order) {
      await prepare(side)
      round[side] = await measure(side)
    }
    out.with.push(round.with)
    out.without.push(round.without)
    out.ratios.push(round.with / round.without)
  }
  return out
}

/** Median and range of a list of figures. */
const summarise = (values) => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
  n: values.length,
})

/**
 * A GET whose body is read to the end: time to the first byte of the body,
 * to the last, the bytes and lines, whether it came in chunks and its headers.
 */
async function timeDownload(url, headers = {}) {
  const start = now()
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(3_600_000) })
  if (!response.ok) {
    throw new Error(`GET ${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`)
  }
  let firstByte = null
  let bytes = 0
  let chunks = 0
  let lines = 0
  for await (const chunk of response.body) {
    firstByte ??= now() - start
    bytes += chunk.length
    chunks++
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++
  }
  return {
    firstByteMs: firstByte ?? now() - start,
    totalMs: now() - start,
    bytes,
    chunks,
    lines,
    chunked: response.headers.get("transfer-encoding") === "chunked" || !response.headers.get("content-length"),
    contentType: response.headers.get("content-type"),
  }
}

/**
 * Samples `read()` (a byte count) every `everyMs` while `work` runs; returns
 * the work's result with the baseline before it and the peak during it.
 */
async function withPeak(read, work, everyMs = 100) {
  const baseline = read()
  let peak = baseline
  const timer = setInterval(() => {
    peak = Math.max(peak, read())
  }, everyMs)
  try {
    const result = await work()
    peak = Math.max(peak, read())
    return { result, baseline, peak, growth: peak - baseline }
  } finally {
    clearInterval(timer)
  }
}

module.exports = { now, median, medianLatency, throughput, abRounds, summarise, timeDownload, withPeak }
