import { DEFAULT_OPTIONS, MAX_FIRST_BATCH_NUMBER, resolveOptions } from "../options"

describe("resolveOptions", () => {
  it("fills in the documented defaults", () => {
    expect(resolveOptions()).toEqual(DEFAULT_OPTIONS)
    expect(resolveOptions({})).toEqual({
      rotateOnLogin: true,
      rotateEmptyBatch: true,
      firstBatchNumber: 1,
    })
  })

  it("keeps valid values", () => {
    expect(
      resolveOptions({ rotateOnLogin: false, rotateEmptyBatch: false, firstBatchNumber: 5000 })
    ).toEqual({ rotateOnLogin: false, rotateEmptyBatch: false, firstBatchNumber: 5000 })
  })

  it.each([
    [{ rotateOnLogin: "yes" }, /"rotateOnLogin" must be true or false; received "yes"/],
    [{ rotateEmptyBatch: 1 }, /"rotateEmptyBatch" must be true or false; received 1/],
    [{ firstBatchNumber: 0 }, /"firstBatchNumber" must be a whole number from 1 to 2146483647 .*; received 0\./],
    [{ firstBatchNumber: -3 }, /"firstBatchNumber".*received -3/],
    [{ firstBatchNumber: 1.5 }, /"firstBatchNumber".*received 1.5/],
    [{ firstBatchNumber: "10" }, /"firstBatchNumber".*received "10"/],
    [{ firstBatchNumber: 2 ** 31 }, /"firstBatchNumber".*received 2147483648/],
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
