import CLISupport
import Foundation
import Preflight

/// `diff OLD.json NEW.json`: exit 1 when anything regressed.
enum DiffCommand {
  static func run(_ args: ParsedArguments) throws -> Int32 {
    let format = args.value("--format") ?? "text"
    guard format == "text" || format == "json" else {
      throw UsageError(message: "unknown format '\(format)' (text or json)")
    }
    let old = try load(args.positionals[0])
    let new = try load(args.positionals[1])
    let diff = ReportDiff.diff(old: old, new: new)
    if format == "json" {
      Console.out(String(decoding: try diff.jsonData(), as: UTF8.self) + "\n")
    } else {
      Console.out(diff.text())
    }
    return diff.hasRegressions ? ExitCode.failed : ExitCode.ok
  }

  static func load(_ path: String) throws -> Report {
    guard let data = FileManager.default.contents(atPath: path) else {
      let exists = FileManager.default.fileExists(atPath: path)
      throw CommandError(message: "\(path): \(exists ? "cannot be read" : "no such file")")
    }
    do {
      return try Report.decode(data)
    } catch {
      throw CommandError(message: "\(path): \(error)")
    }
  }
}
