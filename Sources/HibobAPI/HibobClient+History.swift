import Foundation

extension HibobClient {
  /// At most this many employee ids go into one bulk history call [doc].
  public static let maxIdsPerBulkCall = 200
  /// A guard against a cursor that never ends.
  static let maxBulkPages = 10_000

  /// `GET /people/{id}/{employment|work|lifecycle}` -> `{"values": [...]}`.
  public func history(
    _ table: HistoryTable, employeeId: String
  ) async throws(HibobAPIError) -> Recorded<[HistoryRow]> {
    let endpoint = Endpoint(method: "GET", segments: ["people", employeeId, table.rawValue])
    let (rows, record) = try await fetch(endpoint, decode: HistoryRow.values)
    return Recorded(value: rows, records: [record])
  }

  /// `GET /bulk/people/employment` for the given employees (see `bulkHistory`).
  public func bulkEmploymentHistory(
    employeeIds: [String]?, limit: Int = 200, firstPageOnly: Bool = false,
    until enough: (@Sendable (BulkHistory) -> Bool)? = nil
  ) async throws(HibobAPIError) -> Recorded<BulkHistory> {
    try await bulkHistory(
      .employment, employeeIds: employeeIds, limit: limit, firstPageOnly: firstPageOnly,
      until: enough)
  }

  /// `GET /bulk/people/{table}?limit=&employeeIds=a,b&cursor=`: ids go at most 200 a call,
  /// `next_cursor` is followed to the end, rows are merged by employee, `errors` and
  /// `restricted_columns` collected. `employeeIds: nil` asks for every employee; an empty list
  /// makes no call. `limit` (rows a page, 1...200) is clamped. `firstPageOnly` takes one page of
  /// each group and stops (a sample whose size does not grow with headcount). `until` is asked
  /// after each page: when it answers true, no further page is asked for (what was read already
  /// decides the question).
  public func bulkHistory(
    _ table: HistoryTable, employeeIds: [String]?, limit: Int = 200, firstPageOnly: Bool = false,
    until enough: (@Sendable (BulkHistory) -> Bool)? = nil
  ) async throws(HibobAPIError) -> Recorded<BulkHistory> {
    var result = BulkHistory(table: table)
    var records: [CallRecord] = []
    let chunks: [[String]?] = employeeIds.map { Self.idChunks($0) } ?? [nil]
    for chunk in chunks {
      try await followPages(
        table, ids: chunk, limit: min(max(limit, 1), 200),
        pages: firstPageOnly ? 1 : Self.maxBulkPages, until: enough, into: &result,
        records: &records)
      if let enough, enough(result) { break }
    }
    if result.hasRestrictedColumnsHeader && result.restrictedColumns.noViewPermission.isEmpty
      && result.restrictedColumns.noViewHistoryPermission.isEmpty
    {
      // The header says columns are restricted, the body names none: which rows are whole
      // cannot be told.
      throw HibobAPIError(
        .invalidResponse(
          "X-Has-Restricted-Columns is true but 'restricted_columns' names no column"),
        records: records)
    }
    return Recorded(value: result, records: records)
  }

  /// The ids without duplicates, in groups of at most 200.
  static func idChunks(_ ids: [String]) -> [[String]] {
    var seen = Set<String>()
    let unique = ids.filter { seen.insert($0).inserted }
    return stride(from: 0, to: unique.count, by: maxIdsPerBulkCall).map {
      Array(unique[$0..<min($0 + maxIdsPerBulkCall, unique.count)])
    }
  }

  /// Fetches every page of one group of ids (or of everyone) into `result`.
  private func followPages(
    _ table: HistoryTable, ids: [String]?, limit: Int, pages: Int,
    until enough: (@Sendable (BulkHistory) -> Bool)?,
    into result: inout BulkHistory, records: inout [CallRecord]
  ) async throws(HibobAPIError) {
    var cursor: String? = nil
    var seenCursors = Set<String>()
    for pageIndex in 0..<pages {
      var query = [URLQueryItem(name: "limit", value: String(limit))]
      if let ids {
        query.append(URLQueryItem(name: "employeeIds", value: ids.joined(separator: ",")))
      }
      if let cursor { query.append(URLQueryItem(name: "cursor", value: cursor)) }
      let endpoint = Endpoint(
        method: "GET", segments: ["bulk", "people", table.rawValue], query: query)
      let page: BulkHistoryPage
      let restrictedHeader: Bool
      do {
        let (fetched, header, record) = try await bulkPage(endpoint)
        records.append(record)
        (page, restrictedHeader) = (fetched, header)
      } catch {
        throw error.prepending(records)
      }
      for entry in page.results { result.add(rows: entry.rows, for: entry.employeeId) }
      result.errors.append(contentsOf: page.errors)
      result.add(restricted: page.restricted)
      result.hasRestrictedColumnsHeader = result.hasRestrictedColumnsHeader || restrictedHeader
      guard let next = page.nextCursor, pageIndex + 1 < pages else { return }
      if let enough, enough(result) { return }
      guard seenCursors.insert(next).inserted else {
        throw HibobAPIError(
          .invalidResponse("the bulk answer repeated a cursor: paging would never end"),
          records: records)
      }
      cursor = next
    }
    throw HibobAPIError(
      .invalidResponse("the bulk answer still had more pages after \(Self.maxBulkPages)"),
      records: records)
  }

  /// One bulk page, with whether it carried `X-Has-Restricted-Columns: true`.
  private func bulkPage(
    _ endpoint: Endpoint
  ) async throws(HibobAPIError) -> (BulkHistoryPage, Bool, CallRecord) {
    let (response, record) = try await send(endpoint)
    guard (200...299).contains(response.status) else {
      throw HibobAPIError(
        Self.errorKind(for: response), records: [record],
        serverMessage: serverMessage(response))
    }
    let json = try parseBody(response, record: record)
    do {
      let page = try BulkHistoryPage(json: json)
      let header = response.header("x-has-restricted-columns")?.lowercased() == "true"
      return (page, header, record)
    } catch {
      throw HibobAPIError(
        .invalidResponse("unexpected JSON shape: \(error.reason)"), records: [record])
    }
  }
}
