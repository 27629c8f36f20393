import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the executable writes. Only this file touches stdout and stderr.
enum Console {
  static func out(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func err(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// A one-line error on stderr, prefixed with the tool's name.
  static func error(_ message: String) {
    err("hibob-remote: \(oneLine(message))\n")
  }

  /// True when stdout is a terminal.
  static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
  static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

  /// Colour only on a terminal, never with `NO_COLOR` (any value) or `--no-color`.
  static func useColor(noColorFlag: Bool, environment: [String: String]) -> Bool {
    !noColorFlag && environment["NO_COLOR"] == nil && stdoutIsTerminal
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
}
