import { FetchError } from "@medusajs/js-sdk"
import {
  QueryKey,
  useMutation,
  UseMutationOptions,
  useQuery,
  useQueryClient,
  UseQueryOptions,
} from "@tanstack/react-query"
import type {
  BatchActionName,
  BatchActionOutcomeDTO,
  BatchActionRunDTO,
} from "../../../modules/order-batch/types"
import { queryKeysFactory } from "../../lib/query-key-factory"
import { sdk } from "../../lib/sdk"
import { batchesQueryKeys } from "./batches"

/** A run as the admin API answers it (dates as ISO strings). */
export type AdminBatchActionRun = Omit<BatchActionRunDTO, "started_at" | "finished_at"> & {
  started_at: string
  finished_at: string | null
}
export type AdminBatchActionRunResponse = { run: AdminBatchActionRun }
export type AdminBatchActionRunListResponse = { runs: AdminBatchActionRun[] }
export type AdminBatchActionOutcome = BatchActionOutcomeDTO
export type AdminBatchActionOutcomesResponse = {
  outcomes: AdminBatchActionOutcome[]
  count: number
  limit: number
  offset: number
}
/** Whether the caller may start each action, and the policies it needs where RBAC is on. */
export type AdminAllowedBatchAction = { action: BatchActionName; allowed: boolean; policies: string[] }
export type AdminAllowedBatchActionsResponse = { actions: AdminAllowedBatchAction[] }

const BATCH_ACTIONS_QUERY_KEY = "order_batch_actions" as const

/** Keys of a batch's runs: invalidating `all` refreshes every list and run. */
export const batchActionsQueryKeys = {
  ...queryKeysFactory(BATCH_ACTIONS_QUERY_KEY),
  ofBatch: (number: number) => [BATCH_ACTIONS_QUERY_KEY, "batch", number] as const,
  run: (number: number, id: string) => [BATCH_ACTIONS_QUERY_KEY, "batch", number, "run", id] as const,
  failures: (number: number, id: string, offset: number) =>
    [BATCH_ACTIONS_QUERY_KEY, "batch", number, "run", id, "failures", offset] as const,
  allowed: () => [BATCH_ACTIONS_QUERY_KEY, "allowed"] as const,
}

type QueryOptions<T> = Omit<UseQueryOptions<T, FetchError, T, QueryKey>, "queryKey" | "queryFn">

/** How often a running run is asked for its progress. */
const POLL_MS = 1000

const runningIds = (data?: AdminBatchActionRunListResponse) =>
  (data?.runs ?? []).filter((run) => run.status === "running").map((run) => run.id)

/**
 * The batch's runs, newest first; asked again while one of them runs. Where
 * a run stopped since the last answer, the batch's orders are read again:
 * their fulfillment and payment statuses changed.
 */
export const useBatchActionRuns = (
  number: number,
  options?: QueryOptions<AdminBatchActionRunListResponse>
) => {
  const queryClient = useQueryClient()
  const queryKey = batchActionsQueryKeys.ofBatch(number)
  const result = useQuery({
    queryKey,
    queryFn: async () => {
      const before = runningIds(queryClient.getQueryData<AdminBatchActionRunListResponse>(queryKey))
      const data = await sdk.client.fetch<AdminBatchActionRunListResponse>(`/admin/batches/${number}/actions`)
      const after = new Set(runningIds(data))
      if (before.some((id) => !after.has(id))) {
        await queryClient.invalidateQueries({ queryKey: batchesQueryKeys.all })
      }
      return data
    },
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data?.runs.some((run) => run.status === "running") ? POLL_MS : false,
    ...options,
  })
  return { ...result.data, ...result }
}

/**
 * One run, polled while it runs. When it stops, the batch's runs and orders
 * are read again: their fulfillment and payment statuses changed.
 */
export const useBatchActionRun = (
  number: number,
  id: string,
  options?: QueryOptions<AdminBatchActionRunResponse>
) => {
  const queryClient = useQueryClient()
  const result = useQuery({
    queryKey: batchActionsQueryKeys.run(number, id),
    queryFn: async () => {
      const data = await sdk.client.fetch<AdminBatchActionRunResponse>(
        `/admin/batches/${number}/actions/${id}`
      )
      if (data.run.status !== "running") {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: batchActionsQueryKeys.ofBatch(number), exact: true }),
          queryClient.invalidateQueries({ queryKey: batchesQueryKeys.all }),
        ])
      }
      return data
    },
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.run.status === "running" ? POLL_MS : false),
    ...options,
  })
  return { ...result.data, ...result }
}

/** Failures shown a page at a time: a run over a big batch may have thousands. */
export const FAILURES_PAGE_SIZE = 20

/**
 * A page of a run's failed orders beyond the first (the run itself carries
 * the first). Not polled: the list of a finished run does not change.
 */
export const useBatchActionFailures = (
  number: number,
  id: string,
  offset: number,
  options?: QueryOptions<AdminBatchActionOutcomesResponse>
) => {
  const result = useQuery({
    queryKey: batchActionsQueryKeys.failures(number, id, offset),
    queryFn: () =>
      sdk.client.fetch<AdminBatchActionOutcomesResponse>(`/admin/batches/${number}/actions/${id}/outcomes`, {
        query: { status: "failed", limit: FAILURES_PAGE_SIZE, offset },
      }),
    enabled: offset > 0,
    ...options,
  })
  return { ...result.data, ...result }
}

/**
 * The actions the caller may start. The server decides with the same check
 * as the start itself: all of them without Medusa's RBAC, otherwise those
 * the caller's roles allow. Roles rarely change, so the answer is kept for
 * a few minutes, as the dashboard keeps the user's own permissions.
 */
export const useAllowedBatchActions = (options?: QueryOptions<AdminAllowedBatchActionsResponse>) => {
  const result = useQuery({
    queryKey: batchActionsQueryKeys.allowed(),
    queryFn: () => sdk.client.fetch<AdminAllowedBatchActionsResponse>("/admin/batches/allowed-actions"),
    staleTime: 5 * 60 * 1000,
    ...options,
  })
  return { ...result.data, ...result }
}

/** Starts an action over every order of a closed batch; the server answers at once with the run. */
export const useStartBatchAction = (
  number: number,
  options?: UseMutationOptions<AdminBatchActionRunResponse, FetchError, { action: BatchActionName }>
) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ action }) =>
      sdk.client.fetch<AdminBatchActionRunResponse>(`/admin/batches/${number}/actions`, {
        method: "POST",
        body: { action },
      }),
    // The caller's options first, so their onSuccess cannot replace the invalidation.
    ...options,
    onSuccess: async (data, variables, context) => {
      await queryClient.invalidateQueries({ queryKey: batchActionsQueryKeys.ofBatch(number) })
      return options?.onSuccess?.(data, variables, context)
    },
  })
}
