export * from "./assign-orders-to-batch"
export * from "./fill-swept-order-totals"
export * from "./mark-batch-handled"
export * from "./rotate-batch"
