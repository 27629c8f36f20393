import Foundation

/// The answer to a write probe: the status is the finding (200/201/204/304: allowed and done or
/// unchanged; 400/422: allowed but invalid; 403: not allowed; 404: no such item).
public struct WriteAnswer: Sendable, Equatable {
  public var status: Int
  /// Hibob's `error` text, at most 128 characters.
  public var serverMessage: String?

  public init(status: Int, serverMessage: String? = nil) {
    self.status = status
    self.serverMessage = serverMessage
  }
}

extension HibobClient {
  /// No-op `PUT /company/named-lists/{list}/{itemId}` `{"name": name}`: send the item's current
  /// name so that nothing changes.
  public func putListItem(list: String, itemId: String, name: String) async throws(HibobAPIError)
    -> Recorded<WriteAnswer>
  {
    try await write(
      Endpoint(
        method: "PUT", segments: ["company", "named-lists", list, itemId],
        body: ["name": .string(name)]))
  }

  /// No-op `PUT /company/people/fields/{fieldId}` `{"name": name}` with the field's current name.
  public func putField(fieldId: String, name: String) async throws(HibobAPIError) -> Recorded<
    WriteAnswer
  > {
    try await write(
      Endpoint(
        method: "PUT", segments: ["company", "people", "fields", fieldId],
        body: ["name": .string(name)]))
  }

  /// `POST /company/people/fields` with `{}`, which fails validation: 400/422 means the caller
  /// was authorised [assumed: authorisation precedes validation], 403 that it was not.
  public func postInvalidField() async throws(HibobAPIError) -> Recorded<WriteAnswer> {
    try await write(Endpoint(method: "POST", segments: ["company", "people", "fields"], body: [:]))
  }

  /// `POST /company/named-lists/{list}` with `{}`, which fails validation (see
  /// `postInvalidField`).
  public func postInvalidListItem(list: String) async throws(HibobAPIError) -> Recorded<WriteAnswer>
  {
    try await write(
      Endpoint(method: "POST", segments: ["company", "named-lists", list], body: [:]))
  }

  /// Sends a write probe. Every 2xx, 304 and 4xx other than 401 and 429 is an answer; 401,
  /// redirects, 5xx after retries and transport failures are thrown. A 2xx with a body that is
  /// not JSON (an HTML page from an unknown path) or not valid JSON (a corrupted answer) is
  /// `invalidResponse`: such an answer proves nothing about authorisation.
  func write(_ endpoint: Endpoint) async throws(HibobAPIError) -> Recorded<WriteAnswer> {
    let (response, record) = try await send(endpoint)
    let status = response.status
    if (200...299).contains(status) {
      if let kind = Self.unexplainedSize(response.body.count, items: 0) {
        throw HibobAPIError(kind, records: [record])
      }
      if !response.body.isEmpty {
        _ = try parseBody(response, record: record)
      }
      return Recorded(value: WriteAnswer(status: status), records: [record])
    }
    let isAnswer = status == 304 || ((400...499).contains(status) && status != 401 && status != 429)
    guard isAnswer else {
      throw HibobAPIError(
        Self.errorKind(for: response), records: [record],
        serverMessage: serverMessage(response))
    }
    return Recorded(
      value: WriteAnswer(status: status, serverMessage: serverMessage(response)),
      records: [record])
  }
}
