import Foundation

extension HibobClient {
  /// `GET /company/people/fields`. Needs no permission: proves the credentials only.
  public func fieldMetadata() async throws(HibobAPIError) -> Recorded<[FieldMetadata]> {
    let endpoint = Endpoint(method: "GET", segments: ["company", "people", "fields"])
    let (fields, record) = try await fetch(endpoint, decode: FieldMetadata.list)
    return Recorded(value: fields, records: [record])
  }
}
