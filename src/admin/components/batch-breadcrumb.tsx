import { useTranslation } from "react-i18next"

/** Breadcrumbs render inside the dashboard's i18n, so they can translate. */
export const BatchesBreadcrumb = () => {
  const { t } = useTranslation()
  return <>{t("orderBatches.domain")}</>
}

export const BatchBreadcrumb = ({ number }: { number?: string }) => {
  const { t } = useTranslation()
  return <>{t("orderBatches.batchLink", { number })}</>
}
