import Common
import Foundation

/// What the sync remembers per tenant: Hibob employee id -> the Remote employment it became.
/// Holds work emails (the unique key on Remote's side): the file is created 0600.
public struct SyncState: Codable, Sendable, Equatable {
  /// 2 adds each entry's status and fingerprints; a version 1 file is read (its entries have
  /// neither, and are compared with Remote on their next change).
  public static let currentVersion = 2
  public static let readableVersions: Set<Int> = [1, 2]

  public struct Entry: Codable, Sendable, Equatable {
    public var remoteId: String
    /// The login email the employment was created or found with (Remote's unique key).
    public var email: String
    /// `EmploymentPayload.hash` of what Remote holds as far as the sync knows.
    public var payloadHash: String
    /// Remote's status when last seen (`created`, `invited`, `active`, ...).
    public var status: String?
    /// Per property (or section) hashes of what Remote holds (`EmploymentPayload.fingerprints`);
    /// nil when unknown (adopted, or a version 1 file).
    public var fingerprints: [String: String]?

    public init(
      remoteId: String, email: String, payloadHash: String, status: String? = nil,
      fingerprints: [String: String]? = nil
    ) {
      self.remoteId = remoteId
      self.email = email
      self.payloadHash = payloadHash
      self.status = status
      self.fingerprints = fingerprints
    }

    enum CodingKeys: String, CodingKey {
      case email, status, fingerprints
      case remoteId = "remote_id"
      case payloadHash = "payload_hash"
    }
  }

  public var version: Int
  /// Keyed by Hibob employee id.
  public var employees: [String: Entry]

  public init(version: Int = SyncState.currentVersion, employees: [String: Entry] = [:]) {
    self.version = version
    self.employees = employees
  }

  /// The encoding written to disk: pretty, sorted keys; byte-stable.
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }
}

/// Where the state file and its lock live.
public enum SyncStatePaths {
  /// `$XDG_DATA_HOME/hibob-remote/state-<16 hex>.json`, else
  /// `~/.local/share/hibob-remote/state-<16 hex>.json`, where the hex is SHA-256 of the Hibob base
  /// URL and the service user id: one file per tenant and service user.
  public static func defaultStateFile(
    hibobBaseURL: String, serviceUserId: String,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> URL {
    let key = SHA256.prefix(hibobBaseURL + "\n" + serviceUserId, count: 16)
    return dataDirectory(environment: environment)
      .appendingPathComponent("hibob-remote", isDirectory: true)
      .appendingPathComponent("state-\(key).json", isDirectory: false)
  }

  /// `$XDG_DATA_HOME` when set to an absolute path, else `$HOME/.local/share`.
  public static func dataDirectory(environment: [String: String]) -> URL {
    if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
      return URL(fileURLWithPath: xdg, isDirectory: true)
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return URL(fileURLWithPath: home, isDirectory: true)
      .appendingPathComponent(".local/share", isDirectory: true)
  }

  /// The lock file beside a state file: `<state>.lock`.
  public static func lockFile(for stateFile: URL) -> URL {
    stateFile.deletingLastPathComponent()
      .appendingPathComponent(stateFile.lastPathComponent + ".lock", isDirectory: false)
  }
}

/// Errors of the state file and its lock. One line each; no personal data.
public enum SyncStateError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file exists but is not a state file this version can read. It is left as it is.
  case damaged(path: String, why: String)
  /// Another sync holds the lock.
  case locked(lockPath: String, pid: Int32?)
  case io(path: String, operation: String, errno: Int32)
  /// The atomic replace failed (the description of Common's `AtomicWriteError`).
  case writeFailed(String)

  public var description: String {
    switch self {
    case .damaged(let path, let why):
      return
        "the sync state file \(path) is damaged (\(why)); it was left untouched: move it aside "
        + "and run again (Remote is searched by email, so no duplicates are created)"
    case .locked(let path, let pid):
      let who = pid.map { "process \($0)" } ?? "another process"
      return "another sync of this tenant is running (\(who) holds \(path)); try again later"
    case .io(let path, let op, let code):
      return "could not \(op) \(path): \(String(cString: strerror(code)))"
    case .writeFailed(let why): return "could not save the sync state: \(why)"
    }
  }
}
