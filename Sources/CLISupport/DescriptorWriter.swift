#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What became of a write to a file descriptor.
public enum WriteResult: Equatable, Sendable {
  case written
  /// The reading end is gone (`EPIPE`; SIGPIPE must be ignored for this to be seen).
  case brokenPipe
  /// Any other failure: `ENOSPC` on a full disk or `/dev/full`, `EIO`, `EBADF`...
  case failed(errno: Int32)
}

/// Writes whole buffers with `write(2)`: partial writes continue, `EINTR` retries, `EAGAIN` on a
/// non-blocking descriptor waits with `poll`, and every other outcome is a value, never a trap.
/// (Foundation's `FileHandle.write(_:)` traps on `EPIPE` and `ENOSPC` on Linux.)
public enum DescriptorWriter {
  public static func write(_ bytes: [UInt8], to fd: Int32) -> WriteResult {
    var offset = 0
    while offset < bytes.count {
      let count = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        #if canImport(Glibc)
          return Glibc.write(fd, base + offset, raw.count - offset)
        #else
          return Darwin.write(fd, base + offset, raw.count - offset)
        #endif
      }
      if count > 0 {
        offset += count
        continue
      }
      let code = count == 0 ? EIO : errno
      switch code {
      case EINTR:
        continue
      case EAGAIN, EWOULDBLOCK:
        var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        _ = poll(&entry, 1, 1000)
      case EPIPE:
        return .brokenPipe
      default:
        return .failed(errno: code)
      }
    }
    return .written
  }

  /// `No space left on device` for `ENOSPC`.
  public static func describe(errno code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }
}
