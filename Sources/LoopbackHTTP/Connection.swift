import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One accepted socket. Every system call on the descriptor goes through ``withFD(_:)``, which
/// counts callers, so that ``close()`` (from the connection's own thread or from
/// `LoopbackServer.stop()`) can `shutdown` the socket at once, waking any blocked call, and
/// `close` it exactly once, when no call is using the number any more. Linux reuses descriptor
/// numbers, so closing while another thread is about to `recv` would hit an unrelated socket.
final class Connection: Sendable {
  private struct State {
    var fd: Int32
    var users = 0
    var closing = false
    var closed = false
    var task: Task<Void, Never>?
  }

  let id: Int
  private let state: Mutex<State>
  private let closedSignal = DispatchSemaphore(value: 0)

  init(fd: Int32, id: Int) {
    self.id = id
    self.state = Mutex(State(fd: fd))
  }

  /// Runs `body` with the descriptor, or returns nil when the connection is closing.
  private func withFD<R>(_ body: (Int32) -> R) -> R? {
    let fd = state.withLock { s -> Int32? in
      if s.closing { return nil }
      s.users += 1
      return s.fd
    }
    guard let fd else { return nil }
    let result = body(fd)
    let didClose = state.withLock { s -> Bool in
      s.users -= 1
      return Self.closeIfIdle(&s)
    }
    if didClose { closedSignal.signal() }
    return result
  }

  private static func closeIfIdle(_ s: inout State) -> Bool {
    guard s.closing, s.users == 0, !s.closed else { return false }
    s.closed = true
    _ = Glibc.close(s.fd)
    return true
  }

  /// Receives into `buffer`; returns the byte count, 0 at end of stream, -1 on error or close.
  func receive(into buffer: UnsafeMutableRawBufferPointer) -> Int {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return -1 }
    return withFD { fd -> Int in
      while true {
        let n = Glibc.recv(fd, base, buffer.count, 0)
        if n < 0 && errno == EINTR { continue }
        return n
      }
    } ?? -1
  }

  /// Sends every byte of `buffer`, looping over partial sends; false if the peer is gone or
  /// the connection is closing.
  func sendAll(_ buffer: UnsafeRawBufferPointer) -> Bool {
    guard let base = buffer.baseAddress else { return true }
    var offset = 0
    while offset < buffer.count {
      let sent =
        withFD { fd -> Int in
          while true {
            let n = Glibc.send(fd, base + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
            if n < 0 && errno == EINTR { continue }
            return n
          }
        } ?? -1
      if sent <= 0 { return false }
      offset += sent
    }
    return true
  }

  func sendAll(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { sendAll($0) }
  }

  /// Sets a socket option on the descriptor (ignored once closing).
  func setOption(level: Int32, name: Int32, value: some BitwiseCopyable) {
    var value = value
    _ = withFD { fd in
      setsockopt(fd, level, name, &value, socklen_t(MemoryLayout.size(ofValue: value)))
    }
  }

  /// Remembers the task running the handler so that `close()` can cancel it.
  func setTask(_ task: Task<Void, Never>?) {
    let cancelNow = state.withLock { s -> Bool in
      if s.closing { return true }
      s.task = task
      return false
    }
    if cancelNow { task?.cancel() }
  }

  /// Shuts the socket down (waking blocked calls) and closes it once no call uses it.
  /// Safe to call any number of times from any thread.
  func close() {
    let (didClose, task) = state.withLock { s -> (Bool, Task<Void, Never>?) in
      var task: Task<Void, Never>? = nil
      if !s.closing {
        s.closing = true
        _ = Glibc.shutdown(s.fd, Int32(SHUT_RDWR))
        task = s.task
        s.task = nil
      }
      return (Self.closeIfIdle(&s), task)
    }
    task?.cancel()
    if didClose { closedSignal.signal() }
  }

  /// Sends FIN, discards what the peer still sends for a short while (so that it reads our
  /// last response instead of a reset), then closes.
  func closeGracefully() {
    _ = withFD { fd in Glibc.shutdown(fd, Int32(SHUT_WR)) }
    setOption(level: SOL_SOCKET, name: SO_RCVTIMEO, value: timeval(tv_sec: 0, tv_usec: 200_000))
    let deadline = DispatchTime.now() + .seconds(1)
    var scratch = [UInt8](repeating: 0, count: 16 * 1024)
    while DispatchTime.now() < deadline {
      let n = scratch.withUnsafeMutableBytes { receive(into: $0) }
      if n <= 0 { break }
    }
    close()
  }

  /// Waits until the descriptor is closed, at most until `deadline`.
  func waitClosed(until deadline: DispatchTime) {
    if closedSignal.wait(timeout: deadline) == .success { closedSignal.signal() }
  }
}
