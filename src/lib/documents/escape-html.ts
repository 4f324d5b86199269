const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
}

/**
 * Text for an HTML document, safe in element content and in quoted
 * attributes. Order data is typed by shoppers, so every value goes through
 * here; null and undefined become an empty string.
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (char) => ENTITIES[char])
}
