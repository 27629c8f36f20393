import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Small POSIX helpers: atomic replace and directory creation.
enum FileIO {
  /// Writes `data` to a temporary file beside `url` (mode 0600), fsyncs it, renames it over
  /// `url` and fsyncs the directory: a reader sees the old file or the new one, never half.
  static func writeAtomically(_ data: Data, to url: URL) throws(SyncStateError) {
    let path = url.path
    let dir = url.deletingLastPathComponent().path
    try makeDirectory(dir)
    let temp =
      dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .io(path: temp, operation: "create", errno: errno) }
    var ok = false
    defer {
      if !ok { unlink(temp) }
    }
    let written = data.withUnsafeBytes { raw -> Bool in
      var offset = 0
      while offset < raw.count {
        let n = write(fd, raw.baseAddress!.advanced(by: offset), raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return false
        }
        offset += n
      }
      return true
    }
    let writeErrno = errno
    guard written else {
      close(fd)
      throw .io(path: temp, operation: "write", errno: writeErrno)
    }
    guard fsync(fd) == 0 else {
      let e = errno
      close(fd)
      throw .io(path: temp, operation: "fsync", errno: e)
    }
    close(fd)
    guard rename(temp, path) == 0 else { throw .io(path: path, operation: "replace", errno: errno) }
    ok = true
    let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dfd >= 0 {
      fsync(dfd)
      close(dfd)
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
