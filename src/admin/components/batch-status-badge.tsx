import { StatusBadge } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { AdminBatch } from "../lib/types"

export const BatchStatusBadge = ({ status }: { status: AdminBatch["status"] }) => {
  const { t } = useTranslation()
  return (
    <StatusBadge color={status === "open" ? "orange" : "green"}>
      {t(`orderBatches.status.${status}`)}
    </StatusBadge>
  )
}
