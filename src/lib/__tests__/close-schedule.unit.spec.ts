import { parseCloseSchedule, tickBetween } from "../close-schedule"

const at = (iso: string) => new Date(iso)

describe("closeSchedule expressions", () => {
  it.each(["0 9 * * 1-5", "*/15 * * * *", "30 7,13 * * MON-FRI", "@daily", " @hourly "])(
    "accepts %j",
    (expression) => {
      expect(parseCloseSchedule(expression)).toEqual({ ok: true, expression: expression.trim() })
    }
  )

  it.each([
    ["", /0 fields instead of 5/],
    ["* * *", /3 fields instead of 5/],
    ["*/5 * * * * *", /6 fields instead of 5/],
    ["0 25 * * *", /expected range 0-23/],
    ["0 0 31 2 *", /day of month/],
    ["@reboot", /unknown alias/],
    ["daily", /1 fields/],
  ])("refuses %j", (expression, reason) => {
    const parsed = parseCloseSchedule(expression)
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.reason).toMatch(reason)
  })
})

describe("the tick the scheduled job closes for", () => {
  const weekdaysAtNine = "0 9 * * 1-5"

  it("finds the tick that fell since the previous run", () => {
    // Monday 30 November 2026, the job's run right after 09:00.
    expect(
      tickBetween(weekdaysAtNine, at("2026-11-30T08:59:00Z"), at("2026-11-30T09:00:00.250Z"), "UTC")
    ).toEqual(at("2026-11-30T09:00:00Z"))
  })

  it("counts a tick at the very moment of the run", () => {
    expect(
      tickBetween(weekdaysAtNine, at("2026-11-30T08:59:00Z"), at("2026-11-30T09:00:00Z"), "UTC")
    ).toEqual(at("2026-11-30T09:00:00Z"))
  })

  it("finds none between ticks, nor at a tick already handled", () => {
    expect(
      tickBetween(weekdaysAtNine, at("2026-11-30T09:00:00Z"), at("2026-11-30T09:01:00Z"), "UTC")
    ).toBeNull()
    expect(
      tickBetween(weekdaysAtNine, at("2026-11-30T09:30:00Z"), at("2026-11-30T09:31:00Z"), "UTC")
    ).toBeNull()
  })

  it("finds none on a weekend", () => {
    expect(
      tickBetween(weekdaysAtNine, at("2026-11-28T08:59:00Z"), at("2026-11-28T09:00:30Z"), "UTC")
    ).toBeNull()
  })

  it("catches up on the latest tick only, after a pause of the worker", () => {
    expect(
      tickBetween("0 * * * *", at("2026-11-30T06:59:00Z"), at("2026-11-30T09:10:00Z"), "UTC")
    ).toEqual(at("2026-11-30T09:00:00Z"))
  })

  it("finds none where since is not before now", () => {
    expect(
      tickBetween("* * * * *", at("2026-11-30T09:00:00Z"), at("2026-11-30T09:00:00Z"), "UTC")
    ).toBeNull()
  })

  it("reads the expression in the given time zone", () => {
    // 09:00 in Amsterdam is 08:00 UTC in winter.
    expect(
      tickBetween(weekdaysAtNine, at("2026-11-30T07:59:00Z"), at("2026-11-30T08:00:10Z"), "Europe/Amsterdam")
    ).toEqual(at("2026-11-30T08:00:00Z"))
  })
})
