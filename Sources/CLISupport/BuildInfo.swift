import Foundation

/// What `--version` prints: the version and how this binary was built.
public struct BuildInfo: Sendable, Equatable, Codable {
  public var name: String
  public var version: String
  /// The compiler's language version, e.g. `6.3`.
  public var swift: String
  public var os: String
  public var arch: String
  /// `debug` or `release`.
  public var configuration: String

  public static func current(version: String) -> BuildInfo {
    BuildInfo(
      name: "hibob-remote", version: version, swift: compilerVersion, os: operatingSystem,
      arch: architecture, configuration: configurationName)
  }

  /// `hibob-remote 0.1.0 (Swift 6.3, linux x86_64, release build)`.
  public var text: String {
    "\(name) \(version) (Swift \(swift), \(os) \(arch), \(configuration) build)\n"
  }

  /// One JSON object, sorted keys, ending in a new line.
  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }

  static var compilerVersion: String {
    #if compiler(>=6.5)
      return "6.5 or later"
    #elseif compiler(>=6.4)
      return "6.4"
    #elseif compiler(>=6.3)
      return "6.3"
    #elseif compiler(>=6.2)
      return "6.2"
    #elseif compiler(>=6.1)
      return "6.1"
    #else
      return "6.0"
    #endif
  }

  static var operatingSystem: String {
    #if os(Linux)
      return "linux"
    #elseif os(macOS)
      return "macos"
    #else
      return "other"
    #endif
  }

  static var architecture: String {
    #if arch(x86_64)
      return "x86_64"
    #elseif arch(arm64)
      return "arm64"
    #else
      return "other"
    #endif
  }

  static var configurationName: String {
    #if DEBUG
      return "debug"
    #else
      return "release"
    #endif
  }
}
