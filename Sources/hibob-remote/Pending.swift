// Commands whose modules are still being merged in.
enum BundleCommand {
  static func run(_ args: ParsedArguments, environment: [String: String]) async throws -> Int32 {
    throw CommandError(message: "bundle is not built yet")
  }
}
