import CLISupport
import Testing

@Suite struct ArgumentsTests {
  static let spec = ArgumentSpec(
    CommandInfo(
      name: "diff", summary: "",
      positionals: [
        PositionalInfo("OLD.json", .file("OLD.json")),
        PositionalInfo("NEW.json", .file("NEW.json")),
      ],
      options: [
        OptionInfo("--format", .choice(["text", "json"]), ""), OptionInfo("--strict", .none, ""),
      ], about: ""))

  @Test func optionsFlagsAndPositionalsInAnyOrder() throws {
    let parsed = try ParsedArguments.parse(
      ["a.json", "--strict", "--format", "text", "--format=json", "--", "-b.json"], spec: Self.spec)
    #expect(parsed.value("--format") == "json")
    #expect(parsed.has("--strict"))
    #expect(parsed.positionals == ["a.json", "-b.json"])
  }

  @Test func anOptionIsNotTakenAsAValue() {
    #expect(throws: ArgumentError.needsValue(option: "--format")) {
      try ParsedArguments.parse(["a", "b", "--format", "--strict"], spec: Self.spec)
    }
    #expect(throws: ArgumentError.needsValue(option: "--format")) {
      try ParsedArguments.parse(["a", "b", "--format", "--help"], spec: Self.spec)
    }
  }

  @Test func errorsSayWhatIsWrong() {
    func message(_ args: [String]) -> String? {
      do {
        _ = try ParsedArguments.parse(args, spec: Self.spec)
        return nil
      } catch {
        return "\(error)"
      }
    }
    #expect(message(["a", "b", "--strict=yes"]) == "--strict takes no value")
    #expect(
      message(["a", "b", "--fromat", "json"])
        == "unknown option '--fromat' for 'diff'; did you mean --format?")
    #expect(message(["a", "b", "--zzzzzz"]) == "unknown option '--zzzzzz' for 'diff'")
    #expect(message(["a", "b", "c"]) == "unexpected argument 'c'")
    #expect(message(["a"]) == "missing NEW.json: 'diff' takes OLD.json NEW.json")
    #expect(message([]) == "missing OLD.json and NEW.json: 'diff' takes OLD.json NEW.json")
  }
}
