/// `--color auto|always|never` (`--no-color` is `never`).
public enum ColorMode: String, CaseIterable, Sendable {
  case auto, always, never
}

/// The one colour decision every command that colours makes.
public enum ColorChoice {
  /// - `always` and `never` win over everything (an explicit flag beats the environment).
  /// - `auto`: colour only when the output is a terminal, `NO_COLOR` is unset or empty
  ///   (no-color.org: "when present and not an empty string"), and `TERM` is not `dumb`.
  public static func enabled(mode: ColorMode, isTerminal: Bool, environment: [String: String])
    -> Bool
  {
    switch mode {
    case .always: return true
    case .never: return false
    case .auto:
      guard isTerminal else { return false }
      if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
      if environment["TERM"] == "dumb" { return false }
      return true
    }
  }
}
