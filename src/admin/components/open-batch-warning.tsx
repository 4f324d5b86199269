import { Alert, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"

/**
 * Shown above an open batch: it is a preview, not a fixed set of orders, and
 * the way to work with it is a new login, which closes it.
 */
export const OpenBatchWarning = ({ number }: { number: number }) => {
  const { t } = useTranslation()
  return (
    <Alert variant="warning" data-testid="open-batch-warning">
      <Text size="small" weight="plus" leading="compact">
        {t("orderBatches.openWarning.title", { number })}
      </Text>
      <Text size="small" className="mt-1">
        {t("orderBatches.openWarning.description")}
      </Text>
    </Alert>
  )
}
