import Foundation
import TestSupport

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

  /// argv: the schema, then one file per instance. Prints a JSON array: for each instance, the
  /// list of its violations (empty when valid).
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
    validator = jsonschema.Draft202012Validator(schema)
    out = []
    for path in sys.argv[2:]:
        with open(path) as f:
            instance = json.load(f)
        errors = sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.path])
        out.append([("/".join(str(p) for p in e.path) or "(top level)") + ": " + e.message
                    for e in errors])
    json.dump(out, sys.stdout)
    """

  /// Throws ``Failure`` naming every violation, or why validation could not run.
  static func validate(reportJSON: Data) async throws {
    try await validate(reportJSON: reportJSON, extraEnvironment: [:])
  }

  /// As ``validate(reportJSON:)``, with variables added to python3's environment (the tests use
  /// `PYTHONPATH` to prove a missing `jsonschema` fails with the fix in the message).
  static func validate(reportJSON: Data, extraEnvironment: [String: String]) async throws {
    let errors = try await violations(of: [reportJSON], extraEnvironment: extraEnvironment)[0]
    if !errors.isEmpty {
      throw Failure(
        description: "the report does not match the schema:\n" + errors.joined(separator: "\n"))
    }
  }

  /// The violations of each instance, in order, from one run of python3 (cheaper than one run
  /// per instance). Throws ``Failure`` only when validation could not run.
  static func violations(of instances: [Data], extraEnvironment: [String: String] = [:])
    async throws -> [[String]]
  {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("hibob-remote-schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var paths: [String] = []
    for (i, data) in instances.enumerated() {
      let file = dir.appendingPathComponent("\(i).json")
      try data.write(to: file)
      paths.append(file.path)
    }
    let out: ChildProcess.Output
    do {
      out = try await ChildProcess.run(
        "/usr/bin/env", ["python3", "-c", script, schemaPath] + paths,
        environment: ProcessInfo.processInfo.environment.merging(extraEnvironment) { $1 })
    } catch let error as ChildProcess.LaunchFailed {
      throw Failure(
        description:
          "cannot run python3 (\(error)): install Python 3, then `pip install jsonschema`")
    }
    let output = Data(out.stdout.utf8)
    let message = out.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    switch out.status {
    case 0:
      guard let result = try? JSONDecoder().decode([[String]].self, from: output),
        result.count == instances.count
      else {
        throw Failure(description: "schema validation printed something unexpected")
      }
      return result
    case 3: throw Failure(description: message)
    case 127:
      throw Failure(
        description: "python3 not found: install Python 3, then `pip install jsonschema`")
    default:
      throw Failure(
        description: "schema validation could not run (exit \(out.status)): "
          + message)
    }
  }
}
