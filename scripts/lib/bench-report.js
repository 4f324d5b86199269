// What `npm run bench` prints: the machine, the table of ratios with their
// targets, login latency per store size, and the install figures.
const fs = require("node:fs")
const os = require("node:os")

/** The machine the figures come from. */
function machine() {
  let load = null
  try {
    load = fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")
  } catch {
    // not Linux
  }
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: load,
  }
}

const two = (x) => (Number.isFinite(x) ? x.toFixed(2) : "n/a")

/** "0.98 (0.95–1.02)", or one figure where there was one round. */
function figure(v) {
  const unit = v.unit ? ` ${v.unit}` : ""
  if (v.n === 1 || v.min === v.max) {
    return `${two(v.median)}${unit}`
  }
  return `${two(v.median)}${unit} (${two(v.min)}–${two(v.max)})`
}

/** The whole report as Markdown. */
function reportTable(run) {
  const m = run.machine
  const out = []
  out.push(`${run.command}: ${run.durationS} s on ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB, ${m.node}; Medusa ${run.medusa}, plugin ${run.plugin.commit}; median of ${run.rounds} rounds (min–max)`)
  out.push("")
  out.push("| measure | result | target | met |")
  out.push("| --- | --- | --- | --- |")
  for (const row of run.rows) {
    out.push(`| ${row.measure} | ${figure(row.value)} — ${row.detail} | ${row.target} | ${row.met ? "met" : "**missed**"} |`)
  }
  out.push("")
  out.push("| orders in the store | login with the plugin, ms | without, ms | with ÷ without |")
  out.push("| --- | --- | --- | --- |")
  for (const s of run.loginBySize) {
    out.push(
      `| ${s.orders.toLocaleString("en")} | ${s.with.median.toFixed(0)} (${s.with.min.toFixed(0)}–${s.with.max.toFixed(0)}) | ${s.without.median.toFixed(0)} (${s.without.min.toFixed(0)}–${s.without.max.toFixed(0)}) | ${figure(s.ratio)} |`
    )
  }
  const i = run.install
  const c = (part) => `${part.count} checkouts, median ${part.medianMs.toFixed(0)} ms, longest ${part.maxMs.toFixed(0)} ms, ${part.failed.length} failed`
  out.push("")
  out.push(
    `Installing into the store with ${i.orders.toLocaleString("en")} orders (after \`db:rollback order_batch\`, ${(i.rollbackMs / 1000).toFixed(1)} s, which left ${i.leftAfterRollback?.length ? i.leftAfterRollback.join(", ") : "nothing"}, removed by hand): ` +
      `\`db:migrate\` ${(i.migrateMs / 1000).toFixed(1)} s (${(i.migrateEmptyMs / 1000).toFixed(1)} s into the empty store; ${i.script ?? "the plugin's script said nothing"}); ` +
      `checkouts during it: ${c(i.during)} (before it: ${c(i.before)}); ` +
      `install batch ${i.installBatch ? `#${i.installBatch.number} with ${i.installBatch.orders.toLocaleString("en")} orders` : "none"}; ` +
      `first login ${(i.firstLoginMs / 1000).toFixed(2)} s (${i.firstLoginClosed ? `closed batch ${i.firstLoginClosed.number}, ${i.firstLoginClosed.orders} orders` : "closed no batch"}), second login ${(i.secondLoginMs / 1000).toFixed(2)} s.`
  )
  return out.join("\n")
}

/**
 * The `--actions` report as Markdown: a row per run (orders/s), the
 * 10k ÷ 100 per-order ratio, and each run against Medusa's route.
 */
function reportActions(run) {
  const m = run.machine
  const out = []
  out.push(`${run.command}: ${run.durationS} s on ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB, ${m.node} (load ${m.loadAverage ?? "n/a"}); Medusa ${run.medusa}, plugin ${run.plugin.commit}; ${run.layout}`)
  out.push(`${run.made.orders.toLocaleString("en")} orders made through Medusa's order module in ${(run.made.ms / 1000).toFixed(0)} s; one run per size (min–max where a figure has a range)`)
  out.push("")
  out.push("| measure | result | target | met |")
  out.push("| --- | --- | --- | --- |")
  for (const row of run.rows) {
    out.push(`| ${row.measure} | ${figure(row.value)} — ${row.detail} | ${row.target} | ${row.met === null ? "—" : row.met ? "met" : "**missed**"} |`)
  }
  return out.join("\n")
}

module.exports = { machine, reportTable, reportActions }
