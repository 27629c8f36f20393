import CLISupport
import Common
import Foundation
import HibobAPI
import PermissionRules
import Preflight

/// Shared option parsing.
enum Options {
  static func seconds(_ args: ParsedArguments, _ name: String, default value: Double) throws
    -> Double
  {
    guard let raw = args.value(name) else { return value }
    guard let seconds = Double(raw), seconds.isFinite, seconds > 0, seconds <= 86_400 else {
      throw UsageError(message: "\(name) needs a number of seconds above 0, not '\(raw)'")
    }
    return seconds
  }

  /// Refuses an output path whose folder does not exist, before anything is probed.
  static func checkWritable(_ path: String, option: String = "--output") throws {
    let folder = (path as NSString).deletingLastPathComponent
    var isDirectory: ObjCBool = false
    let dir = folder.isEmpty ? "." : folder
    guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw CommandError(message: "\(option): folder \(dir) does not exist")
    }
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      throw CommandError(message: "\(option): \(path) is a folder")
    }
  }
}
