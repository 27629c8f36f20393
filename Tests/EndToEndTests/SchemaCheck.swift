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
    let out = try await ChildProcess.run(
      "/usr/bin/env", ["python3", "-c", script, Fixtures.schema.path, file.path])
    guard out.status == 0 else {
      throw Invalid(description: String((out.stdout + out.stderr).suffix(600)))
    }
  }
}
