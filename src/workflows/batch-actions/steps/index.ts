export * from "./create-batch-action-run"
export * from "./process-batch-action-page"
export * from "./resume-batch-action-runs"
