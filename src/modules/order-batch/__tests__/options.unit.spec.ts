import { DEFAULT_OPTIONS, MAX_FIRST_BATCH_NUMBER, resolveOptions } from "../options"

describe("resolveOptions", () => {
  it("fills in the documented defaults", () => {
    expect(resolveOptions()).toEqual(DEFAULT_OPTIONS)
    expect(resolveOptions({})).toEqual({
      rotateOnLogin: true,
      rotateEmptyBatch: true,
      firstBatchNumber: 1,
      closeSchedule: null,
      closeSummaryEmail: [],
      actionLeaseSeconds: 30,
    })
  })

  it("keeps valid values", () => {
    expect(
      resolveOptions({ rotateOnLogin: false, rotateEmptyBatch: false, firstBatchNumber: 5000 })
    ).toMatchObject({ rotateOnLogin: false, rotateEmptyBatch: false, firstBatchNumber: 5000 })
    expect(
      resolveOptions({ closeSchedule: " 0 9 * * 1-5 ", closeSummaryEmail: "ops@example.com" })
    ).toMatchObject({ closeSchedule: "0 9 * * 1-5", closeSummaryEmail: ["ops@example.com"] })
    expect(
      resolveOptions({ closeSummaryEmail: ["a@example.com", " b@example.org", "a@example.com"] })
        .closeSummaryEmail
    ).toEqual(["a@example.com", "b@example.org"])
    expect(resolveOptions({ actionLeaseSeconds: 5 }).actionLeaseSeconds).toBe(5)
  })

  it.each([
    [{ rotateOnLogin: "yes" }, /"rotateOnLogin" must be true or false; received "yes"/],
    [{ rotateEmptyBatch: 1 }, /"rotateEmptyBatch" must be true or false; received 1/],
    [{ firstBatchNumber: 0 }, /"firstBatchNumber" must be a whole number from 1 to 2146483647 .*; received 0\./],
    [{ firstBatchNumber: -3 }, /"firstBatchNumber".*received -3/],
    [{ firstBatchNumber: 1.5 }, /"firstBatchNumber".*received 1.5/],
    [{ firstBatchNumber: "10" }, /"firstBatchNumber".*received "10"/],
    [{ firstBatchNumber: 2 ** 31 }, /"firstBatchNumber".*received 2147483648/],
    [{ closeSchedule: "every day" }, /"closeSchedule" must be a cron expression of five fields.*received "every day" \(2 fields instead of 5\)/],
    [{ closeSchedule: "0 25 * * *" }, /"closeSchedule".*received "0 25 \* \* \*" \(.*0-23\)/],
    [{ closeSchedule: 900 }, /"closeSchedule".*received 900\./],
    [{ closeSummaryEmail: "ops" }, /"closeSummaryEmail" must be an email address or a non-empty list of them; received "ops"/],
    [{ closeSummaryEmail: ["ops@example.com", 3] }, /"closeSummaryEmail".*received \["ops@example.com",3\]/],
    [{ closeSummaryEmail: "a@example.com, b@example.com" }, /"closeSummaryEmail"/],
    [{ closeSummaryEmail: [] }, /"closeSummaryEmail".*received \[\]/],
    [{ actionLeaseSeconds: 4 }, /"actionLeaseSeconds" must be a whole number of seconds from 5 to 3600; received 4\./],
    [{ actionLeaseSeconds: 7.5 }, /"actionLeaseSeconds".*received 7.5/],
    [{ actionLeaseSeconds: "30" }, /"actionLeaseSeconds".*received "30"/],
  ])("refuses %j with a message naming the option", (options, message) => {
    expect(() => resolveOptions(options)).toThrow(message)
  })
  it("leaves room for a million batches below the largest batch number", () => {
    expect(MAX_FIRST_BATCH_NUMBER).toBe(2 ** 31 - 1 - 1_000_000)
    expect(resolveOptions({ firstBatchNumber: MAX_FIRST_BATCH_NUMBER }).firstBatchNumber).toBe(2_146_483_647)
    for (const first of [MAX_FIRST_BATCH_NUMBER + 1, 2 ** 31 - 2, 2 ** 31 - 1]) {
      expect(() => resolveOptions({ firstBatchNumber: first })).toThrow(
        `medusa-order-batches: option "firstBatchNumber" must be a whole number from 1 to 2146483647 ` +
          `(room for 1,000,000 batches below the largest batch number, 2147483647); received ${first}.`
      )
    }
  })
})
