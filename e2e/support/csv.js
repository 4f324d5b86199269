// Just enough CSV reading for checking the export, without a dependency.

/** Reads CSV text as rows of cells (RFC 4180: quoted cells, doubled quotes). */
function parseCsv(text) {
  const rows = []
  let row = []
  let cell = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') {
        quoted = false
      } else {
        cell += c
      }
    } else if (c === '"') {
      quoted = true
    } else if (c === ",") {
      row.push(cell)
      cell = ""
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") {
        i++
      }
      rows.push([...row, cell])
      row = []
      cell = ""
    } else {
      cell += c
    }
  }
  if (cell || row.length) {
    rows.push([...row, cell])
  }
  return rows
}

module.exports = { parseCsv }
