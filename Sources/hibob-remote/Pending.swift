// Commands whose modules are still being merged in.
enum SyncCommand {
  static func run(_ args: ParsedArguments, environment: [String: String]) async throws -> Int32 {
    throw CommandError(message: "sync is not built yet")
  }
}
enum BundleCommand {
  static func run(_ args: ParsedArguments, environment: [String: String]) async throws -> Int32 {
    throw CommandError(message: "bundle is not built yet")
  }
}
