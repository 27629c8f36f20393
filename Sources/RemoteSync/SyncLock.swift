import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive `flock` on a lock file beside the state file, so that two syncs of one tenant
/// never overlap. The holder's pid is written into the file; a second `acquire` fails at once
/// with `SyncStateError.locked` naming it. The kernel drops the lock when the process dies.
public final class SyncLock: @unchecked Sendable {
  public let path: String
  // Guarded by `lock`; -1 once released.
  private var fd: Int32
  private let lock = NSLock()

  private init(path: String, fd: Int32) {
    self.path = path
    self.fd = fd
  }

  /// Takes the lock or throws `.locked` at once (never waits).
  public static func acquire(at url: URL) throws(SyncStateError) -> SyncLock {
    let path = url.path
    try FileIO.makeDirectory(url.deletingLastPathComponent().path)
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .io(path: path, operation: "open the lock file", errno: errno) }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let e = errno
      let holder = readPid(fd)
      close(fd)
      if e == EWOULDBLOCK || e == EAGAIN { throw .locked(lockPath: path, pid: holder) }
      throw .io(path: path, operation: "lock", errno: e)
    }
    let pid = Data("\(getpid())\n".utf8)
    _ = ftruncate(fd, 0)
    _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    return SyncLock(path: path, fd: fd)
  }

  /// Releases the lock (idempotent). The file stays; its pid is cleared.
  public func release() {
    lock.lock()
    defer { lock.unlock() }
    guard fd >= 0 else { return }
    _ = ftruncate(fd, 0)
    _ = flock(fd, LOCK_UN)
    close(fd)
    fd = -1
  }

  deinit { release() }

  private static func readPid(_ fd: Int32) -> Int32? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 31, 0) }
    guard n > 0 else { return nil }
    let text = String(decoding: buffer[0..<n], as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    return Int32(text)
  }
}
