import Medusa from "@medusajs/js-sdk"

// Defined by the admin's Vite build from `admin.backendUrl` ("/" by default).
declare const __BACKEND_URL__: string | undefined

const backendUrl = __BACKEND_URL__ ?? "/"

export const sdk = new Medusa({
  baseUrl: backendUrl,
  auth: { type: "session" },
})

/**
 * An absolute or root-relative URL for a backend path, for documents that the
 * browser opens itself (print, pick list, CSV) rather than through the SDK.
 * The trailing slash is dropped so the default "/" does not yield "//admin",
 * which a browser reads as another host.
 */
export const backendHref = (path: string): string =>
  `${backendUrl.replace(/\/+$/, "")}${path}`
