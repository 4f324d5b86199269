import { DEFAULT_OPTIONS, resolveOptions } from "../options"

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
    [{ firstBatchNumber: 0 }, /"firstBatchNumber" must be a whole number from 1 to 2147483647; received 0/],
    [{ firstBatchNumber: -3 }, /"firstBatchNumber".*received -3/],
    [{ firstBatchNumber: 1.5 }, /"firstBatchNumber".*received 1.5/],
    [{ firstBatchNumber: "10" }, /"firstBatchNumber".*received "10"/],
    [{ firstBatchNumber: 2 ** 31 }, /"firstBatchNumber".*received 2147483648/],
  ])("refuses %j with a message naming the option", (options, message) => {
    expect(() => resolveOptions(options)).toThrow(message)
  })
})
