import en from "./json/en.json"

/**
 * Merged by the dashboard into its own `translation` namespace; every key
 * sits under `orderBatches` so none collides with the dashboard's. Another
 * language is one more JSON file here.
 */
export default {
  en: { translation: en },
}
