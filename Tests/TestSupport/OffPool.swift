import Foundation

/// Runs blocking `work` (a child process waited for, a pipe or socket read to its end, a server
/// stopped) on a thread of its own and awaits it. Called from a test directly, the same work would
/// hold one of the cooperative pool's threads (two on a two-core machine) for as long as it lasts,
/// and every other test's steps, simulators included, would wait behind it.
public func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    let thread = Thread { continuation.resume(with: Result { try work() }) }
    thread.name = "test.offPool"
    thread.start()
  }
}

/// As above, for work that cannot throw.
public func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
  await withCheckedContinuation { continuation in
    let thread = Thread { continuation.resume(returning: work()) }
    thread.name = "test.offPool"
    thread.start()
  }
}
