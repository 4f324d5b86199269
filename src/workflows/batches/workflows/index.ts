export * from "./assign-orders-to-batch"
export * from "./fill-batch-order-totals"
export * from "./mark-batch-handled"
export * from "./rotate-batch"
