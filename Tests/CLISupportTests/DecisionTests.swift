import CLISupport
import Testing

@Suite struct ColorChoiceTests {
  struct Row: Sendable, CustomStringConvertible {
    var mode: ColorMode
    var terminal: Bool
    var environment: [String: String]
    var colour: Bool
    var description: String { "\(mode) terminal=\(terminal) \(environment) -> \(colour)" }
  }

  static let table: [Row] = [
    Row(mode: .auto, terminal: true, environment: [:], colour: true),
    Row(mode: .auto, terminal: false, environment: [:], colour: false),
    // NO_COLOR disables only when not empty (no-color.org).
    Row(mode: .auto, terminal: true, environment: ["NO_COLOR": ""], colour: true),
    Row(mode: .auto, terminal: true, environment: ["NO_COLOR": "1"], colour: false),
    Row(mode: .auto, terminal: true, environment: ["NO_COLOR": "0"], colour: false),
    Row(mode: .auto, terminal: true, environment: ["TERM": "dumb"], colour: false),
    Row(mode: .auto, terminal: true, environment: ["TERM": "xterm-256color"], colour: true),
    // An explicit flag beats the environment and the terminal test.
    Row(
      mode: .always, terminal: false, environment: ["NO_COLOR": "1", "TERM": "dumb"], colour: true),
    Row(mode: .never, terminal: true, environment: [:], colour: false),
  ]

  @Test(arguments: table) func decision(_ row: Row) {
    #expect(
      ColorChoice.enabled(mode: row.mode, isTerminal: row.terminal, environment: row.environment)
        == row.colour)
  }
}

@Suite struct TerminalWidthTests {
  @Test func notATerminalIsNeverWrapped() {
    #expect(
      TerminalWidth.resolve(isTerminal: false, windowColumns: 120, environment: ["COLUMNS": "90"])
        == nil)
  }

  @Test func theWindowWinsThenColumnsThenEighty() {
    #expect(
      TerminalWidth.resolve(isTerminal: true, windowColumns: 132, environment: ["COLUMNS": "90"])
        == 132)
    #expect(
      TerminalWidth.resolve(isTerminal: true, windowColumns: nil, environment: ["COLUMNS": "90"])
        == 90)
    #expect(
      TerminalWidth.resolve(isTerminal: true, windowColumns: 0, environment: ["COLUMNS": " 70 "])
        == 70)
    #expect(TerminalWidth.resolve(isTerminal: true, windowColumns: nil, environment: [:]) == 80)
    #expect(
      TerminalWidth.resolve(isTerminal: true, windowColumns: nil, environment: ["COLUMNS": "wide"])
        == 80)
    #expect(
      TerminalWidth.resolve(isTerminal: true, windowColumns: nil, environment: ["COLUMNS": "-3"])
        == 80)
    #expect(
      TerminalWidth.resolve(isTerminal: true, windowColumns: 5, environment: [:])
        == TerminalWidth.minimum)
  }
}

@Suite struct SuggestTests {
  static let commands = ["check", "demo", "rules", "explain", "diff", "sync", "simulate", "bundle"]
  static let flags = ["--environment", "--base-url", "--credentials-file", "--format", "--output"]

  @Test func closeTyposAreRecognised() {
    #expect(Suggest.closest(to: "chek", among: Self.commands) == "check")
    #expect(Suggest.closest(to: "chekc", among: Self.commands) == "check")
    #expect(Suggest.closest(to: "sinc", among: Self.commands) == "sync")
    #expect(Suggest.closest(to: "explian", among: Self.commands) == "explain")
    #expect(Suggest.closest(to: "--base-ur", among: Self.flags) == "--base-url")
    #expect(Suggest.closest(to: "--fromat", among: Self.flags) == "--format")
    #expect(Suggest.closest(to: "--out", among: Self.flags) == "--output")
    #expect(Suggest.closest(to: "-format", among: Self.flags) == "--format")
  }

  @Test func unrelatedWordsGetNoSuggestion() {
    #expect(Suggest.closest(to: "bogus-command", among: Self.commands) == nil)
    #expect(Suggest.closest(to: "--bogus", among: Self.flags) == nil)
    #expect(Suggest.closest(to: "x", among: Self.commands) == nil)
    #expect(Suggest.closest(to: "", among: Self.commands) == nil)
  }

  @Test func distanceCountsASwapAsOneEdit() {
    #expect(Suggest.distance("format", "fromat") == 1)
    #expect(Suggest.distance("check", "chek") == 1)
    #expect(Suggest.distance("", "abc") == 3)
    #expect(Suggest.distance("kitten", "sitting") == 3)
  }
}

@Suite struct BuildInfoTests {
  @Test func versionTextAndJSONCarryTheBuild() throws {
    let info = BuildInfo.current(version: "9.8.7")
    #expect(info.text.hasPrefix("hibob-remote 9.8.7 (Swift 6."))
    #expect(info.text.contains("\(info.os) \(info.arch)"))
    #expect(["debug", "release"].contains(info.configuration))
    let json = try info.json()
    for key in ["name", "version", "swift", "os", "arch", "configuration"] {
      #expect(json.contains("\"\(key)\" : "), "\(key)")
    }
    #expect(json.contains("\"version\" : \"9.8.7\""))
  }
}
