import Common
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Small file helpers: atomic replace and directory creation.
enum FileIO {
  /// Replaces `url` atomically through Common's `AtomicFile` (temporary file, fsync, rename,
  /// directory fsync; a new file is 0600), creating the folder first.
  static func writeAtomically(_ data: some ContiguousBytes, to url: URL) throws(SyncStateError) {
    try makeDirectory(url.deletingLastPathComponent().path)
    do {
      try AtomicFile.write(data, to: url.path)
    } catch {
      throw .writeFailed(error.description)
    }
  }

  /// `mkdir -p` with mode 0700 for the folders it creates.
  static func makeDirectory(_ path: String) throws(SyncStateError) {
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue { return }
    do {
      try FileManager.default.createDirectory(
        atPath: path, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
    } catch {
      throw .io(path: path, operation: "create the folder", errno: EACCES)
    }
  }
}
