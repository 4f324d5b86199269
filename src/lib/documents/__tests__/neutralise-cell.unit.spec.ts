import { neutraliseCell } from "../neutralise-cell"

describe("neutraliseCell", () => {
  it.each([
    ['=HYPERLINK("http://evil.example","Click")'],
    ["+1+2"],
    ["-2+3"],
    ["@SUM(A1:A2)"],
    ["\t=1+2"],
    ["\r=1+2"],
  ])("marks %j as text with a leading apostrophe", (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`)
  })

  it.each([
    ["Ada Lovelace"],
    ["1 Analytical Way, 10115 Berlin, DE"],
    ["a=b"],
    ["x-1"],
    ["ada@example.com"],
    [" =1+2"],
    [""],
  ])("leaves %j as it is", (value) => {
    expect(neutraliseCell(value)).toBe(value)
  })
})
