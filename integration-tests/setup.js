// Each test file loads the models again; MikroORM keeps entity metadata
// globally and would report duplicate entity names without this.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

MetadataStorage.clear()
