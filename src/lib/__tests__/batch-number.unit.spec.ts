import {
  MAX_BATCH_NUMBER,
  parseBatchNumber,
  parseTypedBatchNumber,
} from "../batch-number"

describe("parseBatchNumber (the API's strict rule)", () => {
  it.each([
    ["1", 1],
    ["12", 12],
    ["2147483647", 2_147_483_647],
  ])("accepts %j", (text, number) => {
    expect(parseBatchNumber(text)).toEqual({ ok: true, number })
  })

  it.each([
    ["", "empty"],
    ["abc", "not_a_number"],
    ["1.5", "not_a_number"],
    ["1e3", "not_a_number"],
    ["0x10", "not_a_number"],
    ["+1", "not_a_number"],
    [" 7", "not_a_number"],
    ["7 ", "not_a_number"],
    ["#7", "not_a_number"],
    ["01", "not_a_number"],
    ["007", "not_a_number"],
    ["1;DROP TABLE order_batch", "not_a_number"],
    ["0", "too_small"],
    ["00", "too_small"],
    ["-1", "too_small"],
    ["-0", "too_small"],
    ["2147483648", "too_large"],
    ["99999999999", "too_large"],
    ["123456789012345678901234567890", "too_large"],
  ])("refuses %j as %s", (text, reason) => {
    expect(parseBatchNumber(text)).toEqual({ ok: false, reason })
  })

  it("ends at the largest PostgreSQL integer", () => {
    expect(MAX_BATCH_NUMBER).toBe(2 ** 31 - 1)
    expect(parseBatchNumber(String(2 ** 31 - 1)).ok).toBe(true)
    expect(parseBatchNumber(String(2 ** 31)).ok).toBe(false)
  })
})

describe("parseTypedBatchNumber (the dashboard's field)", () => {
  it.each([
    ["12", 12],
    [" 12 ", 12],
    ["#12", 12],
    ["  #12", 12],
    ["007", 7],
    ["#2147483647", 2_147_483_647],
  ])("accepts %j as %d", (text, number) => {
    expect(parseTypedBatchNumber(text)).toEqual({ ok: true, number })
  })

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["#", "empty"],
    ["abc", "not_a_number"],
    ["1.5", "not_a_number"],
    ["1e3", "not_a_number"],
    ["# 12", "not_a_number"],
    ["##12", "not_a_number"],
    ["12#", "not_a_number"],
    ["0", "too_small"],
    ["000", "too_small"],
    ["-4", "too_small"],
    ["#-4", "too_small"],
    ["2147483648", "too_large"],
    ["#99999999999", "too_large"],
  ])("refuses %j as %s", (text, reason) => {
    expect(parseTypedBatchNumber(text)).toEqual({ ok: false, reason })
  })
})
