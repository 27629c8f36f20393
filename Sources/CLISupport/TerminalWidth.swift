#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How wide the text report may be.
public enum TerminalWidth {
  /// The narrowest width honoured; a smaller window or `COLUMNS` is read as this.
  public static let minimum = 20
  /// The width when a terminal does not say.
  public static let fallback = 80

  /// `nil` (no wrapping) when the output is not a terminal; else the window's columns
  /// (`TIOCGWINSZ`), else `COLUMNS`, else 80.
  public static func resolve(
    isTerminal: Bool, windowColumns: Int?, environment: [String: String]
  ) -> Int? {
    guard isTerminal else { return nil }
    if let columns = windowColumns, columns > 0 { return max(minimum, columns) }
    if let raw = environment["COLUMNS"], let columns = Int(raw.trimmingSpaces), columns > 0 {
      return max(minimum, columns)
    }
    return fallback
  }

  /// The window's columns as the terminal driver reports them (`TIOCGWINSZ`), or nil.
  public static func windowColumns(of fd: Int32) -> Int? {
    var size = winsize()
    #if canImport(Glibc)
      let result = ioctl(fd, UInt(TIOCGWINSZ), &size)
    #else
      let result = ioctl(fd, TIOCGWINSZ, &size)
    #endif
    guard result == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }

  /// True when `fd` is a terminal.
  public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }
}

extension String {
  fileprivate var trimmingSpaces: Substring {
    let trimmed = drop { $0 == " " }
    return trimmed.prefix { $0 != " " }
  }
}
