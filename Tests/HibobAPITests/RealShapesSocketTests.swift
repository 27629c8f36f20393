import Foundation
import HibobAPI
import LoopbackHTTP
import Synchronization
import TestSupport
import Testing

/// Real sockets: the client against a loopback server answering the shapes of a real tenant
/// (hibob-api.md, "Corrections from real captures"), including the variants the simulator does
/// not send (a list under `values` only, a list keyed by name without `name`, numeric ids).
@Suite struct RealShapesSocketTests {
  private final class Seen: Sendable {
    let requests = Mutex<[(method: String, path: String, contentType: String?)]>([])
    func add(_ request: ServerRequest) {
      requests.withLock {
        $0.append((request.method, request.path, request.headers["content-type"]))
      }
    }
    var all: [(method: String, path: String, contentType: String?)] { requests.withLock { $0 } }
  }

  private static func json(_ text: String) -> ServerResponse { .json(200, Data(text.utf8)) }

  private func serve(_ seen: Seen) throws -> LoopbackServer {
    let server = LoopbackServer { request in
      seen.add(request)
      // A real tenant answers a GET that carries a JSON Content-Type with 400 HTML [seen].
      if request.method == "GET", request.headers["content-type"] != nil {
        return ServerResponse(
          status: 400, headers: [("Content-Type", "text/html")], body: Data("<html/>".utf8))
      }
      switch (request.method, request.path) {
      case ("GET", "/v1/company/named-lists"):
        return Self.json(
          #"""
          {"department":{"name":"department",
             "values":[{"id":"209192163","value":"Design","name":"Design","archived":false,
                        "children":[]}],
             "items":[{"id":"209192163","value":"Design","name":"Design","archived":false,
                       "children":[]}]},
           "countries":{"values":[{"id":826,"value":"United Kingdom"},{"id":"GBR","name":"UK"}]},
           "calendar":{"name":"calendar","items":null,"values":[]}}
          """#)
      case ("GET", "/v1/company/named-lists/syncToRemote"):
        return Self.json(
          #"""
          {"name":"syncToRemote","values":[{"id":"500000001","value":"As employee"},
            {"id":500000002,"value":"As contractor"}]}
          """#)
      case ("GET", "/v1/company/people/fields"):
        return Self.json(
          #"""
          [{"id":"custom.category_1680187400000.field_1","name":"Remote id",
            "category":"category_1680187400000","categoryId":1680187400000,
            "categoryDisplayName":"Remote data","type":"text","typeData":{},
            "historical":false,"jsonPath":"custom.category_1680187400000.field_1"},
           {"id":"root.state","name":"State","categoryId":"userData","type":"list",
            "typeData":{"listId":"state"},"jsonPath":"state"}]
          """#)
      case ("POST", "/v1/company/named-lists/department"):
        return .json(400, Data(#"{"key":"badRequest","error":"name is required"}"#.utf8))
      default:
        return ServerResponse(status: 404, body: Data("no route".utf8))
      }
    }
    try server.start()
    return server
  }

  private func client(_ server: LoopbackServer) throws -> HibobClient {
    HibobClient(
      baseURL: try HibobHost.validatedBaseURL(server.baseURL.absoluteString + "/v1"),
      credentials: testCredentials, transport: URLSessionTransport(),
      policy: RetryPolicy(maxAttemptsPerCall: 1, clock: ManualClock().hibobClock), timeout: 5)
  }

  @Test func allListsKeyedByNameWithValuesOrItemsAndNumericIds() async throws {
    let seen = Seen()
    let server = try serve(seen)
    defer { server.stop() }
    let lists = try await client(server).namedLists().value
    // Sorted by key: calendar, countries, department.
    #expect(lists.map(\.name) == ["calendar", "countries", "department"])
    #expect(lists[0].items.isEmpty)
    #expect(lists[1].items.map(\.id) == ["826", "GBR"])
    #expect(lists[1].items.map(\.label) == ["United Kingdom", "UK"])
    #expect(lists[2].items.map(\.id) == ["209192163"])
    let labels = NamedListLabels(lists)
    #expect(labels.label(list: "countries", item: "826") == "United Kingdom")
    #expect(labels.label(list: "countries", item: "999") == nil)
    let country = FieldMetadata(id: "address.country", type: "list", listId: "countries")
    #expect(labels.labelled("826", field: country) == "United Kingdom")
    #expect(labels.labelled("Portugal", field: country) == "Portugal")
  }

  @Test func oneListUnderValuesOnly() async throws {
    let seen = Seen()
    let server = try serve(seen)
    defer { server.stop() }
    let list = try await client(server).namedList("syncToRemote").value
    #expect(list.items.map(\.id) == ["500000001", "500000002"])
    #expect(list.items.map(\.label) == ["As employee", "As contractor"])
  }

  @Test func aNumericCategoryIdIsReadAsText() async throws {
    let seen = Seen()
    let server = try serve(seen)
    defer { server.stop() }
    let fields = try await client(server).fieldMetadata().value
    #expect(fields[0].categoryId == "1680187400000")
    #expect(fields[0].category == "category_1680187400000")
    #expect(fields[1].jsonPath == "state")
  }

  @Test func getsCarryNoContentTypeAndABodyDoes() async throws {
    let seen = Seen()
    let server = try serve(seen)
    defer { server.stop() }
    let client = try client(server)
    _ = try await client.fieldMetadata()
    _ = try await client.namedLists()
    _ = try await client.namedList("syncToRemote")
    let post = try await client.postInvalidListItem(list: "department")
    #expect(post.value.status == 400)
    let gets = seen.all.filter { $0.method == "GET" }
    #expect(gets.count == 3)
    #expect(gets.allSatisfy { $0.contentType == nil })
    #expect(seen.all.last?.contentType == "application/json")
  }
}
