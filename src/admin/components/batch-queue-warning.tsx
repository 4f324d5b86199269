import { Alert, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { useCurrentBatch } from "../hooks/api/batches"

/**
 * Shown where the trigger that queues every order on Medusa's order table is
 * missing or disabled, with the server's own words for the fix (the same
 * as its start-up log).
 */
export const BatchQueueWarning = () => {
  const { t } = useTranslation()
  const { queue_problem } = useCurrentBatch()
  if (!queue_problem) {
    return null
  }
  return (
    <Alert variant="warning" data-testid="queue-problem-warning">
      <Text size="small" weight="plus" leading="compact">
        {t("orderBatches.queueProblem.title", { problem: queue_problem })}
      </Text>
      <Text size="small" className="mt-1">
        {t("orderBatches.queueProblem.description")}
      </Text>
    </Alert>
  )
}
