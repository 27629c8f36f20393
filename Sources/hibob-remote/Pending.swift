// Commands whose modules are still being merged in.
enum DemoCommand {
  static func run(_ args: ParsedArguments, environment: [String: String]) async throws -> Int32 {
    throw CommandError(message: "demo is not built yet")
  }
}
enum SyncCommand {
  static func run(_ args: ParsedArguments, environment: [String: String]) async throws -> Int32 {
    throw CommandError(message: "sync is not built yet")
  }
}
