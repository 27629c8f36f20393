import Foundation

/// Validates report JSON against `docs/report.schema.json` with an independent validator:
/// Python's `jsonschema` (Draft 2020-12), run through `python3`. CI installs it with
/// `pip install jsonschema`; when it is missing, validation fails and says so.
enum SchemaValidation {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The package root, found from this file's path (`Tests/PreflightTests/Support/...`).
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let schemaPath = packageRoot.appendingPathComponent("docs/report.schema.json").path

  private static let script = """
    import json, sys
    try:
        import jsonschema
    except ImportError:
        print("python3 cannot import jsonschema: run `pip install jsonschema`", file=sys.stderr)
        sys.exit(3)
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    with open(sys.argv[2]) as f:
        instance = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.path])
    for e in errors:
        where = "/".join(str(p) for p in e.path) or "(top level)"
        print(f"{where}: {e.message}", file=sys.stderr)
    sys.exit(1 if errors else 0)
    """

  /// Throws ``Failure`` naming every violation, or why validation could not run.
  static func validate(reportJSON: Data) throws {
    try validate(reportJSON: reportJSON, extraEnvironment: [:])
  }

  /// As ``validate(reportJSON:)``, with variables added to python3's environment (the tests use
  /// `PYTHONPATH` to prove a missing `jsonschema` fails with the fix in the message).
  static func validate(reportJSON: Data, extraEnvironment: [String: String]) throws {
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("hibob-remote-schema-\(UUID().uuidString).json")
    try reportJSON.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, schemaPath, file.path]
    process.environment = ProcessInfo.processInfo.environment.merging(extraEnvironment) { $1 }
    let stderr = Pipe()
    process.standardError = stderr
    process.standardOutput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw Failure(
        description:
          "cannot run python3 (\(error)): install Python 3, then `pip install jsonschema`")
    }
    let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    switch process.terminationStatus {
    case 0: return
    case 1: throw Failure(description: "the report does not match the schema:\n" + message)
    case 3: throw Failure(description: message.trimmingCharacters(in: .whitespacesAndNewlines))
    case 127:
      throw Failure(
        description: "python3 not found: install Python 3, then `pip install jsonschema`")
    default:
      throw Failure(
        description: "schema validation could not run (exit \(process.terminationStatus)): "
          + message)
    }
  }
}
