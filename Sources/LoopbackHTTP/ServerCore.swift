import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The state of a ``LoopbackServer``, shared by its accept thread and connection threads (which
/// do not keep the public object alive, so that its `deinit` can stop them).
final class ServerCore: Sendable {
  private enum Phase {
    case idle
    case running(listener: Int32)
    case stopped
  }

  private struct State {
    var phase = Phase.idle
    var port = 0
    var nextID = 0
    var connections: [Int: Connection] = [:]
  }

  let host: String
  let requestedPort: Int
  let handler: RequestHandler
  private let state = Mutex(State())
  /// Held for the whole of `stop()`, so that a second caller returns only once the first is done.
  private let stopLock = Mutex(false)
  private let acceptLoop = DispatchGroup()
  /// Broadcast when the server stops, to wake sleeping connections.
  private let stopCondition = NSCondition()
  private let stopping = Atomic(false)

  private static let ignoreSIGPIPE: Void = {
    _ = signal(SIGPIPE, SIG_IGN)
  }()

  init(host: String, requestedPort: Int, handler: @escaping RequestHandler) {
    self.host = host
    self.requestedPort = requestedPort
    self.handler = handler
  }

  var port: Int { state.withLock { $0.port } }
  var isStopping: Bool { stopping.load(ordering: .acquiring) }

  var urlHost: String {
    let resolved = (try? SocketAddress.loopback(host: host, port: 0))?.hostForURL
    return resolved ?? "127.0.0.1"
  }

  func start() throws -> Int {
    _ = Self.ignoreSIGPIPE
    guard (0...65535).contains(requestedPort) else {
      throw LoopbackServerError.invalidPort(requestedPort)
    }
    let address = try SocketAddress.loopback(host: host, port: requestedPort)
    try state.withLock { s throws(LoopbackServerError) in
      switch s.phase {
      case .idle: break
      case .running: throw .alreadyStarted
      case .stopped: throw .stopped
      }
    }
    let (fd, port) = try address.listen()
    let accepted = state.withLock { s -> Bool in
      guard case .idle = s.phase else { return false }
      s.phase = .running(listener: fd)
      s.port = port
      return true
    }
    guard accepted else {
      _ = Glibc.close(fd)
      throw LoopbackServerError.stopped
    }
    acceptLoop.enter()
    let thread = Thread { [self] in
      acceptConnections(listener: fd)
      acceptLoop.leave()
    }
    thread.name = "LoopbackServer.accept"
    thread.start()
    return port
  }

  private func acceptConnections(listener: Int32) {
    while !isStopping {
      let fd = accept(listener, nil, nil)
      if fd < 0 {
        let code = errno
        if isStopping { break }
        switch code {
        case EINTR, ECONNABORTED, EPROTO: continue
        case EMFILE, ENFILE, ENOBUFS, ENOMEM:
          usleep(10_000)
          continue
        default:
          return
        }
      }
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
      guard let connection = register(fd) else { continue }
      let thread = Thread { [self] in
        ConnectionServer(core: self, connection: connection).run()
        connection.close()
        unregister(connection)
      }
      thread.name = "LoopbackServer.connection"
      thread.start()
    }
  }

  private func register(_ fd: Int32) -> Connection? {
    let connection = state.withLock { s -> Connection? in
      guard case .running = s.phase, !isStopping else { return nil }
      s.nextID += 1
      let connection = Connection(fd: fd, id: s.nextID)
      s.connections[s.nextID] = connection
      return connection
    }
    if connection == nil { _ = Glibc.close(fd) }
    connection?.setOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: Int32(1))
    return connection
  }

  private func unregister(_ connection: Connection) {
    _ = state.withLock { $0.connections.removeValue(forKey: connection.id) }
  }

  /// Sleeps `seconds`, or less if the server stops; true if the full time passed.
  func sleep(_ seconds: Double) -> Bool {
    guard seconds > 0 else { return !isStopping }
    let deadline = Date(timeIntervalSinceNow: seconds)
    stopCondition.lock()
    defer { stopCondition.unlock() }
    while !isStopping {
      if !stopCondition.wait(until: deadline) { return !isStopping }
    }
    return false
  }

  func stop() {
    stopLock.withLock { done in
      guard !done else { return }
      done = true
      stopping.store(true, ordering: .releasing)
      stopCondition.lock()
      stopCondition.broadcast()
      stopCondition.unlock()
      let listener = state.withLock { s -> Int32? in
        defer { s.phase = .stopped }
        if case .running(let fd) = s.phase { return fd }
        return nil
      }
      guard let listener else { return }
      // shutdown wakes the blocked accept (it fails with EINVAL); close only once it returned.
      _ = Glibc.shutdown(listener, Int32(SHUT_RDWR))
      acceptLoop.wait()
      _ = Glibc.close(listener)
      let open = state.withLock { Array($0.connections.values) }
      for connection in open { connection.close() }
      let deadline = DispatchTime.now() + .seconds(1)
      for connection in open { connection.waitClosed(until: deadline) }
    }
  }
}
