import { Button, Prompt, toast, Tooltip } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { BatchActionName } from "../../modules/order-batch/types"
import { AdminAllowedBatchAction, useStartBatchAction } from "../hooks/api/batch-actions"
import { AdminBatch } from "../lib/types"

/**
 * One batch action's button behind a confirmation that says how many orders
 * it will go through (the batch's orders that are not canceled). Where the
 * user may not start it, the button is disabled and says which policies the
 * action needs; until the server has said, it is disabled.
 */
export const BatchActionsPrompt = ({
  batch,
  action,
  running,
  permission,
}: {
  batch: AdminBatch
  action: BatchActionName
  running: boolean
  permission?: AdminAllowedBatchAction
}) => {
  const { t } = useTranslation()
  const count = batch.order_count - batch.canceled_count
  const { mutate, isPending } = useStartBatchAction(batch.number, {
    onSuccess: () => {
      toast.success(t(`orderBatches.batchActions.started.${action}`, { number: batch.number }))
    },
    onError: (error) => {
      toast.error(error.message)
    },
  })

  if (permission && !permission.allowed) {
    return (
      <Tooltip
        content={t("orderBatches.batchActions.notAllowed", { policies: permission.policies.join(", ") })}
      >
        {/* A disabled button gets no pointer events: the tooltip hangs on its wrapper. */}
        <span tabIndex={0} data-testid={`batch-action-${action}-not-allowed`}>
          <Button size="small" variant="secondary" disabled data-testid={`batch-action-${action}`}>
            {t(`orderBatches.batchActions.buttons.${action}`)}
          </Button>
        </span>
      </Tooltip>
    )
  }

  return (
    <Prompt>
      <Prompt.Trigger asChild>
        <Button
          size="small"
          variant="secondary"
          disabled={running || !count || !permission}
          isLoading={isPending}
          data-testid={`batch-action-${action}`}
        >
          {t(`orderBatches.batchActions.buttons.${action}`)}
        </Button>
      </Prompt.Trigger>
      <Prompt.Content>
        <Prompt.Header>
          <Prompt.Title>
            {t(`orderBatches.batchActions.prompt.title.${action}`, { number: batch.number })}
          </Prompt.Title>
          <Prompt.Description>
            {t(`orderBatches.batchActions.prompt.description.${action}`, { count, number: batch.number })}
          </Prompt.Description>
        </Prompt.Header>
        <Prompt.Footer>
          <Prompt.Cancel>{t("orderBatches.batchActions.prompt.cancel")}</Prompt.Cancel>
          <Prompt.Action onClick={() => mutate({ action })}>
            {t(`orderBatches.batchActions.buttons.${action}`)}
          </Prompt.Action>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}
