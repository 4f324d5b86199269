export * from "./batches"
export * from "./batch-actions"
export * from "./batch-notifications"
