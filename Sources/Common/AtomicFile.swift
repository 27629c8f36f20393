import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  import Darwin
  private let systemWrite = Darwin.write
#endif

/// Why a file could not be written. Each description is one line naming the path and the fix.
public enum AtomicWriteError: Error, Equatable, Sendable, CustomStringConvertible {
  case directoryMissing(String)
  case notADirectory(String)
  case notWritable(String)
  case targetIsDirectory(String)
  case noSpace(String)
  /// Another operating-system error: the path, the step that failed and `strerror`'s words.
  case failed(path: String, step: String, reason: String)

  public var description: String {
    switch self {
    case .directoryMissing(let dir):
      "cannot write into \(dir): the directory does not exist"
    case .notADirectory(let dir):
      "cannot write into \(dir): it is not a directory"
    case .notWritable(let dir):
      "cannot write into \(dir): permission denied (the directory is not writable)"
    case .targetIsDirectory(let path):
      "cannot write \(path): it is a directory"
    case .noSpace(let path):
      "cannot write \(path): no space left on the device"
    case .failed(let path, let step, let reason):
      "cannot write \(path): \(step) failed: \(reason)"
    }
  }
}

/// Writes a file so that readers see either the old contents or the new, never half of either:
/// the data goes to a temporary file in the same directory, is `fsync`ed, then renamed over the
/// target (and the directory `fsync`ed). A new file gets mode 0600; an existing file keeps its
/// mode. On failure the temporary file is removed and the target is untouched.
///
/// A process killed between the temporary file's creation and the rename can leave a hidden
/// `.NAME.tmp-XXXXXX` beside the target; the target itself is still whole. A process that stops
/// on a signal calls ``abandonPendingWrites()`` first: it removes those files, and no rename
/// happens after it.
public enum AtomicFile {
  /// The temporary files being written, and whether writes were abandoned.
  private static let pending = Mutex<(paths: Set<String>, abandoned: Bool)>(([], false))

  /// Removes every temporary file a write has open and makes every write still in flight fail
  /// before its rename, so that each target stays as it was. For a signal handler, just before
  /// it exits; writes after it fail too.
  public static func abandonPendingWrites() {
    pending.withLock { state in
      state.abandoned = true
      for path in state.paths { _ = unlink(path) }
      state.paths.removeAll()
    }
  }

  /// Replaces (or creates) the file at `path` with `data` (a `Data`, a byte array, ...),
  /// atomically. The directory must exist.
  public static func write(_ data: some ContiguousBytes, to path: String) throws(AtomicWriteError) {
    try write(data, to: path, fault: nil)
  }

  /// Failures the tests inject where the operating system will not fail on demand (root ignores
  /// directory permissions).
  enum Fault: Sendable {
    /// After writing this many bytes to the temporary file, fail as a full disk would.
    case diskFullAfter(Int)
    /// Everything is written and synced, then the rename fails.
    case renameFails
  }

  static func write(
    _ data: some ContiguousBytes, to path: String, fault: Fault?
  ) throws(AtomicWriteError) {
    let (dir, name) = split(path)
    if name.isEmpty || name == "." || name == ".." {
      throw .failed(path: path, step: "naming the file", reason: "the path names no file")
    }
    try checkDirectory(dir)
    var mode: mode_t = 0o600
    var st = stat()
    if stat(path, &st) == 0 {
      if (st.st_mode & S_IFMT) == S_IFDIR { throw .targetIsDirectory(path) }
      mode = st.st_mode & 0o777  // permission bits only: never carry set-id bits over
    }

    var template = Array("\(dir)/.\(name).tmp-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw classify(errno, path: path, dir: dir, step: "creating a file") }
    let tempPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    var isOpen = true
    func cleanUp() {
      if isOpen { _ = close(fd) }
      isOpen = false
      pending.withLock { state in
        _ = unlink(tempPath)
        state.paths.remove(tempPath)
      }
    }
    let registered = pending.withLock { state in
      if !state.abandoned { state.paths.insert(tempPath) }
      return !state.abandoned
    }
    if !registered {
      cleanUp()
      throw .failed(path: path, step: "writing", reason: "the run was interrupted")
    }

    do throws(AtomicWriteError) {
      var failAfter: Int?
      if case .diskFullAfter(let n) = fault { failAfter = n }
      try writeAll(data, fd: fd, path: path, dir: dir, failAfter: failAfter)
      if fchmod(fd, mode) != 0 { throw classify(errno, path: path, dir: dir, step: "chmod") }
      if fsync(fd) != 0 { throw classify(errno, path: path, dir: dir, step: "fsync") }
      isOpen = false
      if close(fd) != 0 { throw classify(errno, path: path, dir: dir, step: "close") }
      if case .renameFails = fault { throw classify(EXDEV, path: path, dir: dir, step: "rename") }
      // Under the lock: a signal's abandonPendingWrites() comes before or after the rename,
      // never during it.
      let renamed = pending.withLock { state -> Int32? in
        guard !state.abandoned else { return nil }
        let result = rename(tempPath, path) == 0 ? 0 : errno
        if result == 0 { state.paths.remove(tempPath) }
        return result
      }
      guard let renamed else {
        throw .failed(path: path, step: "rename", reason: "the run was interrupted")
      }
      if renamed != 0 { throw classify(renamed, path: path, dir: dir, step: "rename") }
    } catch {
      cleanUp()
      throw error
    }
    syncDirectory(dir)
  }

  /// The directory (`.` when none is named) and the file name.
  static func split(_ path: String) -> (String, String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let dir = String(path[..<slash])
    return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
  }

  private static func checkDirectory(_ dir: String) throws(AtomicWriteError) {
    var st = stat()
    guard stat(dir, &st) == 0 else {
      if errno == ENOTDIR { throw .notADirectory(dir) }
      if errno == EACCES { throw .notWritable(dir) }
      throw .directoryMissing(dir)
    }
    guard (st.st_mode & S_IFMT) == S_IFDIR else { throw .notADirectory(dir) }
  }

  private static func writeAll(
    _ data: some ContiguousBytes, fd: Int32, path: String, dir: String, failAfter: Int?
  ) throws(AtomicWriteError) {
    var written = 0
    let err: Int32? = data.withUnsafeBytes { raw -> Int32? in
      let total = failAfter.map { min($0, raw.count) } ?? raw.count
      while written < total {
        let n = systemWrite(fd, raw.baseAddress! + written, total - written)
        if n < 0 {
          if errno == EINTR { continue }
          return errno
        }
        written += n
      }
      return nil
    }
    if let err { throw classify(err, path: path, dir: dir, step: "write") }
    if failAfter != nil { throw classify(ENOSPC, path: path, dir: dir, step: "write") }
  }

  private static func classify(_ code: Int32, path: String, dir: String, step: String)
    -> AtomicWriteError
  {
    switch code {
    case EACCES, EPERM, EROFS: .notWritable(dir)
    case ENOENT: .directoryMissing(dir)
    case ENOTDIR: .notADirectory(dir)
    case EISDIR: .targetIsDirectory(path)
    case ENOSPC, EDQUOT: .noSpace(path)
    default: .failed(path: path, step: step, reason: String(cString: strerror(code)))
    }
  }

  /// Best effort: makes the rename itself durable.
  private static func syncDirectory(_ dir: String) {
    let fd = open(dir, O_RDONLY | O_DIRECTORY)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    _ = close(fd)
  }
}
