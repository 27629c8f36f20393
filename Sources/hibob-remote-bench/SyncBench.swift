import Foundation

/// The sync benchmark (after the sync engine is merged).
enum SyncBench {
  static func run(_ options: Options, card: Scorecard) throws {
    print("")
    print("sync: not measured yet (the sync engine is not merged)")
  }

  static func child(size: Int, options: Options) async throws {
    throw BenchError("the sync benchmark is not built yet")
  }
}
