import Common
import Foundation
import HibobAPI
import PermissionRules

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a bundle was not written. One line each; a leak never quotes what it found.
public enum BundleError: Error, Equatable, Sendable, CustomStringConvertible {
  case exists(String)
  case noFolder(String)
  case leak(Leak)
  case io(path: String, reason: String)

  public var description: String {
    switch self {
    case .exists(let path):
      return "\(path) already exists: give another --output (a bundle never overwrites)"
    case .noFolder(let path): return "the folder of \(path) does not exist"
    case .leak(let leak): return leak.description
    case .io(let path, let reason): return "cannot write \(path): \(reason)"
    }
  }
}

/// One directory for a support ticket: `report.json`, `report.md`, `recording.json` (when there
/// is one) and `manifest.json` (tool and rules version, platform, creation time, every file's
/// size and SHA-256). Everything is scanned by `LeakScanner` before anything is written; the
/// files go into a hidden temporary directory beside the target, which is then renamed.
public struct SupportBundle: Sendable {
  public struct File: Sendable, Equatable {
    public var name: String
    public var data: Data

    public init(name: String, data: Data) {
      self.name = name
      self.data = data
    }
  }

  public var report: Report
  public var recording: Recording?
  /// `check` (run now), `replay` (of the given recording) or `report` (given).
  public var source: String
  public var toolVersion: String
  public var createdAt: String

  public init(
    report: Report, recording: Recording?, source: String, toolVersion: String, createdAt: String
  ) {
    self.report = report
    self.recording = recording
    self.source = source
    self.toolVersion = toolVersion
    self.createdAt = createdAt
  }

  /// The default directory name: `hibob-remote-bundle-20261124T160000Z`.
  public static func defaultName(createdAt: String) -> String {
    "hibob-remote-bundle-" + createdAt.filter { $0 != "-" && $0 != ":" }
  }

  /// The files, manifest last, in the order they are written.
  public func files() throws -> [File] {
    var files = [
      File(name: "report.json", data: Data(try ReportFormat.json.render(report).utf8)),
      File(name: "report.md", data: Data(try ReportFormat.markdown.render(report).utf8)),
    ]
    if let recording { files.append(File(name: "recording.json", data: recording.encoded())) }
    files.append(File(name: "manifest.json", data: manifest(of: files)))
    return files
  }

  func manifest(of files: [File]) -> Data {
    let document: JSONValue = .object([
      "format": "hibob-remote-bundle",
      "version": 1,
      "tool": .object(["name": "hibob-remote", "version": .string(toolVersion)]),
      "rules_version": .string(Catalogue.rulesVersion),
      "report_tool_version": .string(report.tool.version),
      "report_rules_version": .string(report.rulesVersion),
      "recording_tool_version": recording.map { .string($0.toolVersion) } ?? .null,
      "created_at": .string(createdAt),
      "source": .string(source),
      "verdict": .string(report.verdict.rawValue),
      "platform": .object(Platform.current.mapValues { .string($0) }),
      "files": .array(
        files.map { file in
          .object([
            "name": .string(file.name), "bytes": .number(String(file.data.count)),
            "sha256": .string(SHA256.hex(file.data)),
          ])
        }),
    ])
    return PrettyJSON.data(document)
  }

  /// Scans, then writes the directory at `path`. Refuses an existing path.
  @discardableResult
  public func write(to path: String, scanner: LeakScanner) throws -> [File] {
    let files = try self.files()
    do {
      try scanner.check(files.map { (name: $0.name, data: $0.data) })
    } catch {
      throw BundleError.leak(error)
    }
    try Self.writeDirectory(files, to: path)
    return files
  }

  /// Writes `files` into a new directory at `path` through a temporary sibling and a rename.
  static func writeDirectory(_ files: [File], to path: String) throws(BundleError) {
    let manager = FileManager.default
    if manager.fileExists(atPath: path) { throw .exists(path) }
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
    else { throw .noFolder(path) }
    let temporary = folder.appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(UUID().uuidString.prefix(8))")
    do {
      try manager.createDirectory(
        at: temporary, withIntermediateDirectories: false,
        attributes: [.posixPermissions: 0o700])
    } catch {
      throw .io(path: path, reason: "cannot create a temporary directory beside it")
    }
    do {
      for file in files {
        try AtomicFile.write(file.data, to: temporary.appendingPathComponent(file.name).path)
      }
    } catch {
      try? manager.removeItem(at: temporary)
      throw .io(path: path, reason: "\(error)")
    }
    // A directory that appeared meanwhile is never replaced.
    if manager.fileExists(atPath: path) {
      try? manager.removeItem(at: temporary)
      throw .exists(path)
    }
    guard rename(temporary.path, path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? manager.removeItem(at: temporary)
      throw .io(path: path, reason: reason)
    }
  }
}

/// The platform a bundle was made on: no host name, no user.
enum Platform {
  static var current: [String: String] {
    #if os(Linux)
      let os = "Linux"
    #elseif os(macOS)
      let os = "macOS"
    #else
      let os = "other"
    #endif
    #if arch(x86_64)
      let arch = "x86_64"
    #elseif arch(arm64)
      let arch = "arm64"
    #else
      let arch = "other"
    #endif
    #if swift(>=6.3)
      let swift = "6.3 or later"
    #elseif swift(>=6.2)
      let swift = "6.2"
    #elseif swift(>=6.1)
      let swift = "6.1"
    #else
      let swift = "6.0"
    #endif
    let version = ProcessInfo.processInfo.operatingSystemVersion
    return [
      "os": os, "arch": arch, "swift": swift,
      "os_version": "\(version.majorVersion).\(version.minorVersion).\(version.patchVersion)",
    ]
  }
}
