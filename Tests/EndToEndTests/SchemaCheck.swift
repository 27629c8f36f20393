import Foundation
import TestSupport
import Testing

/// Validates a report against docs/report.schema.json with Python's `jsonschema`, an
/// independent validator (CI installs it).
enum SchemaCheck {
  struct Invalid: Error, CustomStringConvertible {
    var description: String
  }

  static func validate(_ report: Data) async throws {
    try await offPool { try validateBlocking(report) }
  }

  private static func validateBlocking(_ report: Data) throws {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("hr-report-\(UUID().uuidString).json")
    try report.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let script = """
      import json, sys
      try:
          import jsonschema
      except ImportError:
          print("python3 has no jsonschema: pip install jsonschema"); sys.exit(2)
      schema = json.load(open(sys.argv[1]))
      jsonschema.validate(json.load(open(sys.argv[2])), schema)
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, Fixtures.schema.path, file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Invalid(description: String(decoding: output.suffix(600), as: UTF8.self))
    }
  }
}
