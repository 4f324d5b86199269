import { FetchError } from "@medusajs/js-sdk"
import {
  QueryKey,
  useMutation,
  UseMutationOptions,
  useQuery,
  useQueryClient,
  UseQueryOptions,
  UseQueryResult,
} from "@tanstack/react-query"
import { useCallback } from "react"
import { queryKeysFactory } from "../../lib/query-key-factory"
import { sdk } from "../../lib/sdk"
import {
  AdminBatch,
  AdminBatchListResponse,
  AdminBatchOrderListResponse,
  AdminBatchResponse,
  AdminOptionalBatchResponse,
  AdminRotateBatchResponse,
  PageQuery,
} from "../../lib/types"

const BATCHES_QUERY_KEY = "order_batches" as const

/**
 * Every key starts with `order_batches`, so one invalidation of `all`
 * refreshes lists, details, the current and open batch, a batch's orders and
 * the batch shown on an order page.
 */
export const batchesQueryKeys = {
  ...queryKeysFactory(BATCHES_QUERY_KEY),
  current: () => [BATCHES_QUERY_KEY, "current"] as const,
  open: () => [BATCHES_QUERY_KEY, "open"] as const,
  orders: (number: number, query?: PageQuery) =>
    [BATCHES_QUERY_KEY, "orders", number, { query }] as const,
  ofOrder: (orderId: string) =>
    [BATCHES_QUERY_KEY, "of_order", orderId] as const,
}

type QueryOptions<T> = Omit<
  UseQueryOptions<T, FetchError, T, QueryKey>,
  "queryKey" | "queryFn"
>

/**
 * A read of the admin API whose answer is spread into the result, as the
 * dashboard's own hooks do (`const { batch, isPending } = useBatch(12)`).
 * Batches change outside this tab (orders arrive, other administrators log
 * in, print and export), so a page that mounts asks again instead of trusting
 * the dashboard's 90-second cache (see also use-refresh-batches-on-return).
 * Callers can still override it.
 */
const useAdminQuery = <T extends object>(
  queryKey: QueryKey,
  path: string,
  options?: QueryOptions<T>,
  query?: PageQuery
): Partial<T> & UseQueryResult<T, FetchError> => {
  const result = useQuery({
    queryKey,
    queryFn: () => sdk.client.fetch<T>(path, query && { query }),
    staleTime: 0,
    ...options,
  })
  return { ...result.data, ...result } as Partial<T> & UseQueryResult<T, FetchError>
}

const fetchBatch = (number: number) =>
  sdk.client.fetch<AdminBatchResponse>(`/admin/batches/${number}`)

/** Batches, newest first. */
export const useBatches = (
  query: PageQuery,
  options?: QueryOptions<AdminBatchListResponse>
) => useAdminQuery(batchesQueryKeys.list(query), "/admin/batches", options, query)

/**
 * `GET /admin/batches/current`: also the administrator's latest login where
 * it got in without closing a batch (null otherwise).
 */
export type AdminCurrentBatchResponse = AdminOptionalBatchResponse & {
  failed_login: { at: string; reason: string } | null
  /** What is wrong with the trigger that queues every order, null where it holds. */
  queue_problem: string | null
}

/** The batch that the signed-in administrator's latest login closed. */
export const useCurrentBatch = (
  options?: QueryOptions<AdminCurrentBatchResponse>
) => useAdminQuery(batchesQueryKeys.current(), "/admin/batches/current", options)

/**
 * The batch still receiving orders: the preview of the next batch. Null on a
 * new store until its first order or close creates the first batch.
 */
export const useOpenBatch = (
  options?: QueryOptions<AdminOptionalBatchResponse>
) => useAdminQuery(batchesQueryKeys.open(), "/admin/batches/open", options)

/**
 * How often a batch that is still open is read again while it is shown
 * (the preview of the next batch): orders keep arriving in it. Only while
 * the tab is visible; coming back to the tab reads it at once (see
 * use-refresh-batches-on-return).
 */
export const OPEN_BATCH_REFRESH_MS = 10_000

/** A batch by number; while it is open, read again every OPEN_BATCH_REFRESH_MS. */
export const useBatch = (
  number: number,
  options?: QueryOptions<AdminBatchResponse>
) =>
  useAdminQuery(batchesQueryKeys.detail(number), `/admin/batches/${number}`, {
    refetchInterval: (query) =>
      query.state.data?.batch.status === "open" ? OPEN_BATCH_REFRESH_MS : false,
    ...options,
  })

/** One page of a batch's orders, oldest first. */
export const useBatchOrders = (
  number: number,
  query: PageQuery,
  options?: QueryOptions<AdminBatchOrderListResponse>
) =>
  useAdminQuery(
    batchesQueryKeys.orders(number, query),
    `/admin/batches/${number}/orders`,
    options,
    query
  )

type OrderBatchResponse = {
  order: { id: string; batch?: Pick<AdminBatch, "id" | "number" | "status"> | null }
}

/**
 * The batch of one order, read through Medusa's own order route: the
 * plugin's read-only link exposes it there as `order.batch`.
 */
export const useOrderBatch = (
  orderId: string,
  options?: QueryOptions<OrderBatchResponse>
) => {
  const { order, ...rest } = useAdminQuery(
    batchesQueryKeys.ofOrder(orderId),
    `/admin/orders/${orderId}?fields=id,*batch`,
    options
  )
  return { batch: order?.batch ?? null, ...rest }
}

/**
 * Looks a batch up before the dashboard navigates to it, so a number that
 * names no batch is answered where it was typed. The answer is cached under
 * the batch's key, so the page it opens shows at once.
 */
export const useLookUpBatch = () => {
  const queryClient = useQueryClient()
  return useCallback(
    (number: number) =>
      queryClient.fetchQuery({
        queryKey: batchesQueryKeys.detail(number),
        queryFn: () => fetchBatch(number),
        // A 404 is the answer, not a hiccup to retry.
        retry: false,
        staleTime: 0,
      }),
    [queryClient]
  )
}

/**
 * Closes the open batch now. The body names the batch the administrator saw
 * open, so a retry after a lost answer, or a close that someone else's login
 * beat, never closes a second batch.
 */
export const useRotateBatch = (
  options?: UseMutationOptions<
    AdminRotateBatchResponse,
    FetchError,
    { number: number }
  >
) => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ number }) =>
      sdk.client.fetch<AdminRotateBatchResponse>("/admin/batches/rotate", {
        method: "POST",
        body: { number },
      }),
    // The caller's options come first, so their onSuccess cannot replace the
    // invalidation below; it is called from there instead.
    ...options,
    onSuccess: async (data, variables, context) => {
      await queryClient.invalidateQueries({ queryKey: batchesQueryKeys.all })
      return options?.onSuccess?.(data, variables, context)
    },
  })
}
