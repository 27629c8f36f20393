import Foundation
import HibobAPI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why credentials could not be loaded. Every description is one line, names where to put them,
/// and never contains the token.
public enum CredentialsError: Error, Equatable, CustomStringConvertible {
  case missing
  case partlyMissing(variable: String)
  case fileMissing(path: String)
  case fileUnreadable(path: String, reason: String)
  case fileTooOpen(path: String, mode: String)
  case fileNotJSON(path: String)
  case fileMissingKey(path: String, key: String)

  public var description: String {
    switch self {
    case .missing:
      return
        "no Hibob credentials: set HIBOB_SERVICE_USER_ID and HIBOB_SERVICE_USER_TOKEN, or pass "
        + "--credentials-file PATH (a JSON file {\"service_user_id\": \"...\", \"token\": \"...\"}, mode 600)"
    case .partlyMissing(let variable):
      return
        "\(variable) is not set: set both HIBOB_SERVICE_USER_ID and HIBOB_SERVICE_USER_TOKEN, "
        + "or pass --credentials-file PATH"
    case .fileMissing(let path):
      return "credentials file \(path) does not exist"
    case .fileUnreadable(let path, let reason):
      return "credentials file \(path) cannot be read: \(reason)"
    case .fileTooOpen(let path, let mode):
      return
        "credentials file \(path) is readable by group or others (mode \(mode)): run "
        + "`chmod 600 \(path)` and try again"
    case .fileNotJSON(let path):
      return
        "credentials file \(path) is not a JSON object {\"service_user_id\": \"...\", \"token\": \"...\"}"
    case .fileMissingKey(let path, let key):
      return "credentials file \(path) has no string \"\(key)\""
    }
  }
}

/// Loads the service user's credentials from `--credentials-file` or the environment. There is no
/// flag that takes the token itself: it would show in `ps` and in shell history.
public enum CredentialsLoader {
  public static let idVariable = "HIBOB_SERVICE_USER_ID"
  public static let tokenVariable = "HIBOB_SERVICE_USER_TOKEN"

  /// The file wins when given; otherwise both environment variables are needed.
  public static func load(file: String?, environment: [String: String]) throws(CredentialsError)
    -> Credentials
  {
    if let file { return try fromFile(file) }
    let id = environment[idVariable]
    let token = environment[tokenVariable]
    switch (id, token) {
    case (nil, nil): throw .missing
    case (nil, _): throw .partlyMissing(variable: idVariable)
    case (_, nil): throw .partlyMissing(variable: tokenVariable)
    case (let id?, let token?): return Credentials(serviceUserId: id, token: token)
    }
  }

  static func fromFile(_ path: String) throws(CredentialsError) -> Credentials {
    var info = stat()
    guard stat(path, &info) == 0 else {
      if errno == ENOENT { throw .fileMissing(path: path) }
      throw .fileUnreadable(path: path, reason: String(cString: strerror(errno)))
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw .fileUnreadable(path: path, reason: "it is a directory")
    }
    let permissions = info.st_mode & 0o777
    if permissions & 0o077 != 0 {
      throw .fileTooOpen(path: path, mode: String(permissions, radix: 8))
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .fileUnreadable(path: path, reason: "permission denied")
    }
    guard
      let object = try? JSONSerialization.jsonObject(with: data, options: []),
      let dictionary = object as? [String: Any]
    else { throw .fileNotJSON(path: path) }
    guard let id = dictionary["service_user_id"] as? String else {
      throw .fileMissingKey(path: path, key: "service_user_id")
    }
    guard let token = dictionary["token"] as? String else {
      throw .fileMissingKey(path: path, key: "token")
    }
    return Credentials(serviceUserId: id, token: token)
  }
}
