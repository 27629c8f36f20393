import CLISupport
import Foundation
import HibobAPI
import Preflight

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Progress on stderr. `check` keeps one status line while it waits, only when stderr is a
/// terminal; `sync` logs every wait for a rate limit as a line (it runs unattended too).
enum Progress {
  /// Runs `body` with a progress line on stderr when stderr is a terminal, redrawn twice a
  /// second and cleared at the end. `body` gets the settings to check with: the same, plus a
  /// transport and a retry hook that feed the line.
  static func check<T: Sendable>(
    _ settings: CheckSettings, body: (CheckSettings) async throws -> T
  ) async rethrows -> T {
    guard CheckProgress.shouldShow(stderrIsTerminal: Console.stderrIsTerminal) else {
      return try await body(settings)
    }
    let progress = CheckProgress(columns: TerminalWidth.windowColumns(of: STDERR_FILENO) ?? 80) {
      Console.err($0)
    }
    var watched = settings
    watched.transport = ProgressTransport(settings.transport, progress: progress)
    let previous = settings.retryPolicy.onWait
    watched.retryPolicy.onWait = { wait in
      previous?(wait)
      progress.waiting(wait)
    }
    let ticker = Task {
      while !Task.isCancelled {
        try? await Task.sleep(nanoseconds: 500_000_000)
        progress.tick()
      }
    }
    defer {
      ticker.cancel()
      progress.finish()
    }
    return try await body(watched)
  }

  /// The sync's hook: each wait for a rate limit (or a retry) as one line on stderr.
  /// `sync: Hibob rate-limited (429): waiting 30 s before retrying POST /people/search (attempt 2)`.
  static func syncWaitLogger(service: String) -> @Sendable (RetryWait) -> Void {
    { wait in Console.err("sync: \(service) \(wait.description)\n") }
  }
}
