import {
  createHook,
  createWorkflow,
  WorkflowData,
  WorkflowResponse,
} from "@medusajs/framework/workflows-sdk"
import {
  buildBatchClosedNotificationsStep,
  sendBatchNotificationsStep,
} from "../steps"

export const sendBatchClosedNotificationsWorkflowId = "send-order-batch-closed-notifications"

export type SendBatchClosedNotificationsWorkflowInput = { number: number }

/**
 * Tells people that a batch closed: a notification in the dashboard's
 * notification panel (channel `feed`, template `admin-ui`) and, with the
 * option `closeSummaryEmail`, an email summary (channel `email`, template
 * `order-batch-closed`). Run by the `order_batch.closed` subscriber in the
 * worker, so a close never waits for it. The `notificationsBuilt` hook
 * receives the notifications before they are sent.
 *
 * @example
 * await sendBatchClosedNotificationsWorkflow(container).run({ input: { number: 12 } })
 */
export const sendBatchClosedNotificationsWorkflow = createWorkflow(
  sendBatchClosedNotificationsWorkflowId,
  (input: WorkflowData<SendBatchClosedNotificationsWorkflowInput>) => {
    const notifications = buildBatchClosedNotificationsStep(input)
    const notificationsBuilt = createHook("notificationsBuilt", { notifications })
    const result = sendBatchNotificationsStep(notifications)
    return new WorkflowResponse(result, { hooks: [notificationsBuilt] })
  }
)
