import CLISupport
import Foundation
import TestSupport
import Testing

@Suite struct CommandTableTests {
  static let table = CommandTable.commands(
    ruleIds: ["people.work.view", "scope.lifecycle_status"], scenarios: ["forgot-red-x", "sync"])

  @Test func shortUsageLinesStayUnderOneHundredCharacters() {
    for command in Self.table {
      let usage = CommandHelp.shortUsage(command)
      #expect(usage.count < 100, "\(usage)")
      #expect(usage.hasPrefix("usage: hibob-remote \(command.name)"))
      #expect(usage.hasSuffix("see 'hibob-remote \(command.name) --help'"))
    }
    #expect(
      CommandHelp.shortUsage(Self.table[0])
        == "usage: hibob-remote check [options]; see 'hibob-remote check --help'")
  }

  @Test func helpShowsTheFullUsageAndEveryOptionWithinEightyColumns() {
    for command in Self.table {
      let help = CommandHelp.help(command)
      for line in help.split(separator: "\n") {
        #expect(line.count <= CommandHelp.width, "\(command.name): \(line)")
      }
      for option in command.options {
        let synopsis = "[" + option.name + (option.valueName.map { " " + $0 } ?? "") + "]"
        #expect(help.contains(synopsis), "\(command.name) usage lacks \(synopsis)")
        #expect(help.contains("\n  " + option.name), "\(command.name) help lacks \(option.name)")
      }
      for positional in command.positionals {
        #expect(help.contains(positional.name))
      }
    }
  }

  @Test func theOverviewNamesEveryCommand() {
    let overview = CommandHelp.overview(Self.table)
    for command in Self.table {
      #expect(overview.contains("\n  \(command.name) "), "\(command.name)")
    }
  }

  @Test func checkAndDemoOfferEveryReportFormat() {
    for name in ["check", "demo"] {
      let format = Self.table.first { $0.name == name }?.option("--format")
      #expect(format?.value == .choice(["text", "json", "junit", "markdown", "html"]))
    }
  }

  @Test func optionNamesAreUniqueWithinEachCommand() {
    for command in Self.table {
      #expect(Set(command.optionNames).count == command.optionNames.count, "\(command.name)")
    }
  }
}

/// The completion scripts are made from the same table as the help: every command and option.
@Suite struct CompletionTests {
  static let table = CommandTableTests.table

  /// What bash's completion function offers for the words typed so far (the last one being
  /// completed), or nil when bash cannot be run.
  static func bashComplete(_ words: [String]) async throws -> [String]? {
    guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else { return nil }
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("hr-completion-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let scriptFile = folder.appendingPathComponent("hibob-remote.bash")
    try Data(Completion.bash(table).utf8).write(to: scriptFile)
    let quoted = words.map { "'\($0)'" }.joined(separator: " ")
    let out = try await ChildProcess.run(
      "/bin/bash",
      [
        "-c",
        "source \(scriptFile.path) && COMP_WORDS=(\(quoted)) && COMP_CWORD=\(words.count - 1) "
          + "&& _hibob_remote && printf '%s\\n' \"${COMPREPLY[@]}\"",
      ], in: folder)
    #expect(out.status == 0)
    return out.stdout.split(separator: "\n").map(String.init)
  }

  @Test func bashCompletesEveryCommand() async throws {
    guard let offered = try await Self.bashComplete(["hibob-remote", ""]) else { return }
    #expect(Set(offered) == Set(Self.table.map(\.name) + ["--help", "--version"]))
    #expect(try await Self.bashComplete(["hibob-remote", "ch"]) == ["check"])
  }

  @Test func bashCompletesEveryFlagOfCheck() async throws {
    guard let offered = try await Self.bashComplete(["hibob-remote", "check", "--"]) else { return }
    let check = try #require(Self.table.first { $0.name == "check" })
    #expect(Set(offered) == Set(check.optionNames))
    #expect(offered.contains("--base-url"))
    #expect(offered.contains("--color"))
  }

  @Test func bashCompletesValues() async throws {
    guard let formats = try await Self.bashComplete(["hibob-remote", "check", "--format", ""])
    else {
      return
    }
    #expect(formats == ["text", "json", "junit", "markdown", "html"])
    #expect(
      try await Self.bashComplete(["hibob-remote", "explain", "scope"]) == [
        "scope.lifecycle_status"
      ])
    #expect(try await Self.bashComplete(["hibob-remote", "demo", "--scenario", "s"]) == ["sync"])
    #expect(
      try await Self.bashComplete(["hibob-remote", "completion", ""]) == ["bash", "zsh", "fish"])
    // A file option completes file names.
    let files = try await Self.bashComplete(["hibob-remote", "check", "--output", "hibob"])
    #expect(files == ["hibob-remote.bash"])
  }

  @Test func zshAndFishScriptsNameEveryCommandAndOption() async throws {
    let zsh = Completion.zsh(Self.table)
    let fish = Completion.fish(Self.table)
    #expect(zsh.hasPrefix("#compdef hibob-remote\n"))
    for command in Self.table {
      #expect(zsh.contains("    '\(command.name):"), "zsh: \(command.name)")
      #expect(zsh.contains("\n  \(command.name))\n"), "zsh: \(command.name)")
      #expect(fish.contains("__fish_use_subcommand -a \(command.name) "), "fish: \(command.name)")
      for option in command.options {
        #expect(zsh.contains("'\(option.name)["), "zsh: \(command.name) \(option.name)")
        #expect(
          fish.contains(
            "'__fish_seen_subcommand_from \(command.name)' -l \(option.name.dropFirst(2))"),
          "fish: \(command.name) \(option.name)")
      }
    }
    try await Self.syntaxCheck(zsh, shell: "zsh")
    try await Self.syntaxCheck(fish, shell: "fish")
  }

  /// fish's own completer, given the script: every flag of `check`, and `--format`'s values.
  @Test func fishCompletesEveryFlagOfCheck() async throws {
    guard let fish = Self.installed("fish") else { return }
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("hr-completion-\(UUID().uuidString).fish")
    try Data(Completion.fish(Self.table).utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    func complete(_ line: String) async throws -> [String] {
      let output = try await ChildProcess.run(
        fish, ["--no-config", "-c", "source \(file.path); complete -C '\(line)'"]
      ).stdout
      return output.split(separator: "\n").map {
        String($0.split(separator: "\t").first ?? "")
      }
    }
    let check = try #require(Self.table.first { $0.name == "check" })
    #expect(Set(try await complete("hibob-remote check --")) == Set(check.optionNames))
    #expect(
      Set(try await complete("hibob-remote check --format ")) == Set(CommandTable.reportFormats))
  }

  static func installed(_ shell: String) -> String? {
    ["/usr/bin/\(shell)", "/bin/\(shell)", "/usr/local/bin/\(shell)"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// `zsh -n` / `fish -n` when the shell is installed; skipped otherwise.
  static func syntaxCheck(_ script: String, shell: String) async throws {
    guard let path = installed(shell) else { return }
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("hr-completion-\(UUID().uuidString).\(shell)")
    try Data(script.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let status = try await ChildProcess.run(path, ["-n", file.path]).status
    #expect(status == 0, "\(shell) -n rejects the script")
  }
}
