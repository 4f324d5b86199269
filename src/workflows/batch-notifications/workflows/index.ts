export * from "./send-batch-closed-notifications"
