import Foundation
import Simulator
import TestSupport
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

@Suite("The simulator over real loopback HTTP")
struct HibobHTTPTests {
  private static let session: URLSession = {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = 10
    return URLSession(configuration: configuration)
  }()

  private func request(
    _ hibob: SimulatedHibob, _ method: String, _ path: String, query: String? = nil,
    json: Any? = nil, authorized: Bool = true, timeout: Double = 10
  ) -> URLRequest {
    var components = URLComponents(url: hibob.baseURL, resolvingAgainstBaseURL: false)!
    components.path += path
    components.query = query
    var request = URLRequest(url: components.url!)
    request.httpMethod = method
    request.timeoutInterval = timeout
    if authorized {
      let tenant = hibob.simulator.tenant
      request.setValue(
        HibobSimulator.basic(tenant.serviceUser.id, tenant.serviceUser.token),
        forHTTPHeaderField: "Authorization")
    }
    if let json {
      request.httpBody = try! JSONSerialization.data(withJSONObject: json)
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    return request
  }

  private func send(_ request: URLRequest) async throws -> (HTTPURLResponse, Data) {
    let (data, response) = try await Self.session.data(for: request)
    return (response as! HTTPURLResponse, data)
  }

  @Test("base URL, field metadata, search with rate-limit headers, history, lists")
  func endpoints() async throws {
    let hibob = try SimulatedHibob.start(tenant: try Fixtures.tenant("compliant"))
    defer { hibob.stop() }
    #expect(hibob.baseURL.absoluteString == "http://127.0.0.1:\(hibob.port)/v1")

    let (fieldsResponse, fieldsData) = try await send(
      request(hibob, "GET", "/company/people/fields"))
    #expect(fieldsResponse.statusCode == 200)
    #expect(fieldsResponse.value(forHTTPHeaderField: "Content-Type") == "application/json")
    #expect((try JSONSerialization.jsonObject(with: fieldsData) as? [Any])?.isEmpty == false)

    let (searchResponse, searchData) = try await send(
      request(hibob, "POST", "/people/search", json: ["fields": ["root.id"], "showInactive": true]))
    #expect(searchResponse.statusCode == 200)
    #expect(searchResponse.value(forHTTPHeaderField: "X-RateLimit-Remaining") == "49")
    let employees = (try JSONSerialization.jsonObject(with: searchData) as? [String: Any])?[
      "employees"]
    #expect((employees as? [Any])?.count == People.all.count)

    let (bulkResponse, _) = try await send(
      request(hibob, "GET", "/bulk/people/employment", query: "limit=2&employeeIds=\(People.ceo)"))
    #expect(bulkResponse.statusCode == 200)

    let (putResponse, putData) = try await send(
      request(hibob, "PUT", "/company/named-lists/department/209192163", json: ["name": "Design"]))
    #expect(putResponse.statusCode == 304)
    #expect(putData.isEmpty)

    let log = hibob.simulator.requests
    #expect(log.map(\.status) == [200, 200, 200, 304])
    #expect(log.allSatisfy { $0.authorized })
  }

  @Test("401 and 403 bodies, the HTML page for an unknown path")
  func errors() async throws {
    let hibob = try SimulatedHibob.start(tenant: try Fixtures.tenant("no-edit-lists"))
    defer { hibob.stop() }
    let (unauthorized, body401) = try await send(
      request(hibob, "GET", "/company/people/fields", authorized: false))
    #expect(unauthorized.statusCode == 401)
    let error401 = try JSONSerialization.jsonObject(with: body401) as? [String: String]
    #expect(error401?["key"] == "unauthorized")

    let (forbidden, body403) = try await send(
      request(hibob, "POST", "/company/named-lists/department", json: ["name": ""]))
    #expect(forbidden.statusCode == 403)
    let error403 = try JSONSerialization.jsonObject(with: body403) as? [String: String]
    #expect(error403?["error"] == "service user does not have permission to access this resource")

    let (html, page) = try await send(request(hibob, "GET", "/no/such/endpoint"))
    #expect(html.statusCode == 200)
    #expect(html.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("text/html") == true)
    #expect(String(decoding: page, as: UTF8.self).contains("<html"))
  }

  @Test("the 51st search in a minute is 429 over HTTP too")
  func rateLimit() async throws {
    let clock = ManualClock()
    let hibob = try SimulatedHibob.start(
      tenant: try Fixtures.tenant("compliant"), clock: clock.closure)
    defer { hibob.stop() }
    let search = request(hibob, "POST", "/people/search", json: ["fields": ["root.id"]])
    for _ in 1...50 { _ = try await send(search) }
    let (limited, _) = try await send(search)
    #expect(limited.statusCode == 429)
    #expect(limited.value(forHTTPHeaderField: "X-RateLimit-Remaining") == "0")
    #expect(limited.value(forHTTPHeaderField: "X-RateLimit-Reset") != nil)
    #expect(limited.value(forHTTPHeaderField: "Retry-After") == nil)
  }

  @Test("faults over the wire: close, truncate, delay past the timeout, trickle, huge body")
  func faults() async throws {
    let hibob = try SimulatedHibob.start(tenant: try Fixtures.tenant("compliant"))
    defer { hibob.stop() }
    let path = "/v1/company/people/fields"
    let fields = request(hibob, "GET", "/company/people/fields")
    let (_, normal) = try await send(fields)

    // curl resends a request once when a reused connection closes without an answer, so the
    // fault is set for two requests.
    hibob.simulator.addFault(FaultSpec(path: path, times: 2, kind: .closeConnection))
    await #expect(throws: (any Error).self) { _ = try await send(fields) }
    #expect(hibob.simulator.requests.filter { $0.fault == .closeConnection }.count >= 1)
    hibob.simulator.clearFaults()

    hibob.simulator.addFault(FaultSpec(path: path, kind: .truncatedJSON))
    await #expect(throws: (any Error).self) { _ = try await send(fields) }
    hibob.simulator.clearFaults()

    hibob.simulator.addFault(FaultSpec(path: path, kind: .delay, seconds: 3))
    await #expect(throws: (any Error).self) {
      _ = try await send(request(hibob, "GET", "/company/people/fields", timeout: 0.3))
    }
    // On a busy machine the timed-out request may never have reached the server: a fault left
    // pending would shift every later step by one.
    hibob.simulator.clearFaults()

    hibob.simulator.addFault(
      FaultSpec(path: path, kind: .trickle, chunkSize: 4096, interval: 0.001))
    let (_, trickled) = try await send(fields)
    #expect(trickled == normal)
    hibob.simulator.clearFaults()

    hibob.simulator.addFault(FaultSpec(path: path, kind: .hugeBody, bytes: 5_000_000))
    let (_, huge) = try await send(fields)
    #expect(huge.count == 5_000_000)
    hibob.simulator.clearFaults()

    hibob.simulator.addFault(.status(500, path: path))
    let (failed, _) = try await send(fields)
    #expect(failed.statusCode == 500)
  }

  @Test("stop is idempotent")
  func stopTwice() throws {
    let hibob = try SimulatedHibob.start(tenant: try Fixtures.tenant("compliant"))
    hibob.stop()
    hibob.stop()
  }
}
