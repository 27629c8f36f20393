import Foundation

extension HibobClient {
  /// `GET /company/named-lists?includeArchived=...`: an object keyed by list name (a real
  /// tenant [seen]) or a top-level JSON array of lists (the OpenAPI [doc]); both are read.
  public func namedLists(includeArchived: Bool = false) async throws(HibobAPIError) -> Recorded<
    [NamedList]
  > {
    let endpoint = Endpoint(
      method: "GET", segments: ["company", "named-lists"],
      query: [URLQueryItem(name: "includeArchived", value: includeArchived ? "true" : "false")])
    let (lists, record) = try await fetch(endpoint) { json throws(ShapeError) in
      try NamedList.lists(json)
    }
    return Recorded(value: lists, records: [record])
  }

  /// `GET /company/named-lists/{listName}` (the name is case-sensitive; a wrong case is 404):
  /// `{"name", "items"}`, `{"name", "values"}` or both keys [seen].
  public func namedList(_ name: String) async throws(HibobAPIError) -> Recorded<NamedList> {
    let endpoint = Endpoint(method: "GET", segments: ["company", "named-lists", name])
    let (list, record) = try await fetch(endpoint) { json throws(ShapeError) in
      try NamedList(json: json)
    }
    return Recorded(value: list, records: [record])
  }
}
