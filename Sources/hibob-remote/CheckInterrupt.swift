import Common
import Foundation
import Preflight

#if canImport(Glibc)
  import Glibc
#endif

/// SIGINT and SIGTERM during `check`: nothing the run has done is worth keeping half-done, so
/// it stops at once with exit 130 (the shell's convention for SIGINT, used for both). A report
/// or recording being written is abandoned before its rename: its temporary file is removed
/// and the file that was at its path stays whole. Nothing else is cleaned up: a check changes
/// nothing in Hibob (its writes are no-ops).
enum CheckInterrupt {
  /// 128 + SIGINT.
  static let exitCode: Int32 = 130

  /// Installs the handler for the rest of the process; keep the returned trap alive while the
  /// check runs.
  static func install() -> SignalTrap {
    let trap = SignalTrap()
    trap.onSignal { number in
      AtomicFile.abandonPendingWrites()
      let name = number == SIGINT ? "SIGINT" : "SIGTERM"
      let line = "hibob-remote: stopped by \(name)\n"
      // Straight to the descriptor: the thread that was writing may hold the console's lock.
      _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
      exit(exitCode)
    }
    return trap
  }
}
