export * from "./process-batch-action-page"
export * from "./resume-batch-action-runs"
export * from "./start-batch-action"
