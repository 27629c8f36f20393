import Foundation
import Synchronization

/// Serves the requests of one connection, one after the other, on the connection's thread.
struct ConnectionServer {
  let core: ServerCore
  let connection: Connection

  private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

  func run() {
    var input = InputStream(connection: connection)
    while !core.isStopping {
      let head: RequestHead
      switch input.readHead() {
      case .ended: return
      case .refused(let error): return refuse(error)
      case .value(let block):
        do throws(RequestError) {
          head = try RequestHead.parse(block)
        } catch {
          return refuse(error)
        }
      }
      var body = Data()
      if head.expectsContinue && head.body != .none {
        guard connection.sendAll(Self.continueLine) else { return }
      }
      switch head.body {
      case .none: break
      case .length(let count):
        guard input.read(count: count, appendingTo: &body) else { return }
      case .chunked:
        switch input.readChunkedBody() {
        case .value(let data): body = data
        case .ended: return
        case .refused(let error): return refuse(error)
        }
      }
      let request = ServerRequest(
        method: head.method, target: head.target, headers: head.headers, body: body)
      guard var response = callHandler(request), !core.isStopping else { return }
      if !(200...999).contains(response.status) {
        // 1xx would leave the client waiting for a final response; below 100 is not HTTP.
        response = ServerResponse(
          status: 500, body: Data("handler returned invalid status \(response.status)\n".utf8))
      }
      guard core.sleep(response.delay) else { return }
      let handlerCloses = response.headers.contains {
        $0.0.lowercased() == "connection" && $0.1.lowercased().contains("close")
      }
      let faultAllowsKeepAlive = response.fault.map(isTrickle) ?? true
      let keepAlive = head.keepAlive && !handlerCloses && faultAllowsKeepAlive
      let sent = ResponseWriter.send(
        response, keepAlive: keepAlive, omitBody: head.method == "HEAD", on: connection,
        sleep: core.sleep)
      guard sent, keepAlive else {
        if sent || response.fault != nil { connection.closeGracefully() }
        return
      }
    }
  }

  private func isTrickle(_ fault: Fault) -> Bool {
    if case .trickle = fault { return true }
    return false
  }

  /// Runs the async handler in a task whose jobs run on this (non-pool) thread, and waits for it.
  private func callHandler(_ request: ServerRequest) -> ServerResponse? {
    let box = ResponseBox()
    let handler = core.handler
    let executor = ConnectionExecutor()
    let task = Task(executorPreference: executor) {
      let response = await handler(request)
      box.put(response)
      executor.finish()
    }
    connection.setTask(task)
    executor.runUntilFinished()
    let response = box.take()
    connection.setTask(nil)
    return response
  }

  /// Answers a request the server refuses, then closes.
  private func refuse(_ error: RequestError) {
    let response = ServerResponse(
      status: error.status, headers: [("Content-Type", "text/plain; charset=utf-8")],
      body: Data("\(ResponseWriter.reasonPhrase(error.status))\n".utf8))
    _ = ResponseWriter.send(
      response, keepAlive: false, omitBody: false, on: connection, sleep: core.sleep)
    connection.closeGracefully()
  }
}

/// Hands the handler's response from its task to the waiting connection thread.
private final class ResponseBox: Sendable {
  private let value = Mutex<ServerResponse?>(nil)
  private let ready = DispatchSemaphore(value: 0)

  func put(_ response: ServerResponse) {
    value.withLock { $0 = response }
    ready.signal()
  }

  func take() -> ServerResponse? {
    ready.wait()
    return value.withLock { $0 }
  }
}
