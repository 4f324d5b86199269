// The chart of `npm run bench`'s login latencies against store size, with and
// without the plugin, drawn as SVG by Vega-Lite from the run's own JSON.
//
//   node scripts/lib/bench-chart.js <run.json> <out.svg>
const fs = require("node:fs")

/** The Vega-Lite spec: median per size, min–max as a bar, log-scaled sizes. */
function loginChartSpec(run) {
  const values = []
  for (const size of run.loginBySize) {
    for (const side of ["without", "with"]) {
      const s = size[side]
      values.push({
        orders: size.orders,
        store: side === "with" ? "with the plugin (login rotates)" : "without the plugin",
        median: s.median,
        min: s.min,
        max: s.max,
      })
    }
  }
  const x = {
    field: "orders",
    type: "quantitative",
    scale: { type: "log" },
    axis: { title: "orders in the store", values: run.loginBySize.map((s) => s.orders), format: "~s" },
  }
  const color = {
    field: "store",
    type: "nominal",
    legend: { title: null, orient: "top-left", labelLimit: 320 },
    scale: { range: ["#1f77b4", "#d62728"] },
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: "Admin login latency (dashboard session login) against store size",
      subtitle: `median of ${run.rounds} rounds, bar: min–max; ${run.machine.cpus} × ${run.machine.cpuModel}; plugin ${run.plugin.commit}`,
    },
    width: 520,
    height: 300,
    background: "white",
    data: { values },
    encoding: { x, color },
    layer: [
      { mark: { type: "rule", strokeWidth: 2, opacity: 0.5 }, encoding: { y: { field: "min", type: "quantitative" }, y2: { field: "max" } } },
      { mark: { type: "line", point: true }, encoding: { y: { field: "median", type: "quantitative", title: "login latency (ms)", scale: { zero: true } } } },
    ],
  }
}

/** Renders the chart to an SVG string with Vega in Node (no canvas needed). */
async function renderLoginChart(run) {
  const vega = await import("vega")
  const vegaLite = await import("vega-lite")
  const view = new vega.View(vega.parse(vegaLite.compile(loginChartSpec(run)).spec), { renderer: "none" })
  const svg = await view.toSVG()
  view.finalize()
  return svg
}

module.exports = { loginChartSpec, renderLoginChart }

if (require.main === module) {
  const [input, output] = process.argv.slice(2)
  if (!input || !output) {
    console.error("usage: node scripts/lib/bench-chart.js <run.json> <out.svg>")
    process.exit(2)
  }
  renderLoginChart(JSON.parse(fs.readFileSync(input, "utf8")))
    .then((svg) => fs.writeFileSync(output, svg))
    .catch((error) => {
      console.error(error.message)
      process.exit(1)
    })
}
