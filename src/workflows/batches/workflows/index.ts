export * from "./assign-orders-to-batch"
export * from "./mark-batch-handled"
export * from "./rotate-batch"
