import CLISupport
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the executable writes. Only this file touches stdout and stderr.
///
/// Writes never trap: a closed stdout (`EPIPE`, e.g. `| head`) ends the process quietly with
/// exit 141 (the shell's code for a process ended by SIGPIPE, which is ignored so that the write
/// fails instead); any other failure to write stdout (`ENOSPC` on a full disk or `/dev/full`,
/// `EIO`) prints one line on stderr and exits 74 (`EX_IOERR`). A failing stderr is given up
/// silently: there is nowhere left to say it, and the exit code still tells.
enum Console {
  private static let stderrGone = Atomic<Bool>(false)

  static func out(_ text: String) {
    switch DescriptorWriter.write(Array(text.utf8), to: STDOUT_FILENO) {
    case .written:
      return
    case .brokenPipe:
      exit(ExitCode.brokenPipe)
    case .failed(let code):
      error("cannot write to standard output: \(DescriptorWriter.describe(errno: code))")
      exit(ExitCode.ioError)
    }
  }

  static func err(_ text: String) {
    guard !stderrGone.load(ordering: .relaxed) else { return }
    if DescriptorWriter.write(Array(text.utf8), to: STDERR_FILENO) != .written {
      stderrGone.store(true, ordering: .relaxed)
    }
  }

  /// A one-line error on stderr, prefixed with the tool's name.
  static func error(_ message: String) {
    err("hibob-remote: \(oneLine(message))\n")
  }

  static var stdoutIsTerminal: Bool { TerminalWidth.isTerminal(STDOUT_FILENO) }
  static var stderrIsTerminal: Bool { TerminalWidth.isTerminal(STDERR_FILENO) }

  /// The text report's width: stdout's window, else `COLUMNS`, else 80; nil when stdout is not
  /// a terminal (no wrapping).
  static func width(environment: [String: String]) -> Int? {
    TerminalWidth.resolve(
      isTerminal: stdoutIsTerminal, windowColumns: TerminalWidth.windowColumns(of: STDOUT_FILENO),
      environment: environment)
  }

  /// `--color auto|always|never` and `--no-color` (= never); both at once must agree.
  static func colorMode(_ args: ParsedArguments) throws(UsageError) -> ColorMode {
    var mode = ColorMode.auto
    if let raw = args.value("--color") {
      guard let parsed = ColorMode(rawValue: raw) else {
        throw UsageError(message: "--color needs auto, always or never, not '\(raw)'")
      }
      mode = parsed
    }
    if args.has("--no-color") {
      guard mode != .always else {
        throw UsageError(message: "--no-color and --color always contradict each other")
      }
      mode = .never
    }
    return mode
  }

  /// The colour decision of every command that colours (see `ColorChoice`).
  static func useColor(_ args: ParsedArguments, environment: [String: String]) throws(UsageError)
    -> Bool
  {
    ColorChoice.enabled(
      mode: try colorMode(args), isTerminal: stdoutIsTerminal, environment: environment)
  }

  /// Collapses a message to one line.
  static func oneLine(_ message: String) -> String {
    message.split(whereSeparator: \.isNewline).joined(separator: " ")
  }
}

/// Exit codes shared by every command.
enum ExitCode {
  static let ok: Int32 = 0
  static let failed: Int32 = 1
  static let usage: Int32 = 2
  static let inconclusive: Int32 = 3
  /// stdout could not be written (a full disk, `/dev/full`, an I/O error): `EX_IOERR`.
  static let ioError: Int32 = 74
  /// stdout was closed by its reader (`| head`): 128 + SIGPIPE, as a shell reports it.
  static let brokenPipe: Int32 = 141
}
