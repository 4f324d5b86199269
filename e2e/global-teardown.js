// Stops the store of the run and the database under it, and removes the copy.
module.exports = async () => {
  await globalThis.e2eStop?.()
}
