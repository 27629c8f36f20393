/// Everything the probes saw, in the shape the rules need. The runner (`Preflight`) fills it from
/// the API's answers; the rules read it and never talk to the network. It holds no personal data:
/// employees are Hibob ids plus booleans, counts and field-id sets.
public struct Observations: Sendable, Equatable {
  /// Which host the run talked to: the `credentials.authenticate` hint names the other one.
  public var environment: Environment
  /// Problems `CredentialsFormat.problems(serviceUserId:token:)` found offline. Empty means fine.
  public var credentialProblems: [String]
  /// `GET /company/people/fields`.
  public var fieldMetadata: Probe<[FieldInfo]>
  /// `POST /people/search` with `showInactive: true` and representative fields of every section.
  public var searchAll: Probe<SearchObservation>
  /// A minimal `POST /people/search` with `showInactive: false`: only ids are used.
  public var searchActive: Probe<SearchObservation>
  /// `GET /bulk/people/employment?employeeIds=...` for a sample of at most 200 employees.
  public var employmentHistory: Probe<HistoryObservation>
  /// `GET /company/named-lists/{listId}` of the "Sync to Remote" field; `.notRun` when the field
  /// does not exist or is not a list.
  public var syncFieldList: Probe<ListInfo>
  /// The no-op write proving "Manage Employee Field Settings"; `.notRun` under `--read-only`.
  public var fieldSettingsWrite: Probe<WriteProbe>
  /// The no-op write proving "Edit all lists"; `.notRun` under `--read-only`.
  public var listsWrite: Probe<WriteProbe>
  /// True when write probes were switched off (`--read-only`).
  public var readOnly: Bool

  public init(
    environment: Environment = .production,
    credentialProblems: [String] = [],
    fieldMetadata: Probe<[FieldInfo]> = .notRun,
    searchAll: Probe<SearchObservation> = .notRun,
    searchActive: Probe<SearchObservation> = .notRun,
    employmentHistory: Probe<HistoryObservation> = .notRun,
    syncFieldList: Probe<ListInfo> = .notRun,
    fieldSettingsWrite: Probe<WriteProbe> = .notRun,
    listsWrite: Probe<WriteProbe> = .notRun,
    readOnly: Bool = false
  ) {
    self.environment = environment
    self.credentialProblems = credentialProblems
    self.fieldMetadata = fieldMetadata
    self.searchAll = searchAll
    self.searchActive = searchActive
    self.employmentHistory = employmentHistory
    self.syncFieldList = syncFieldList
    self.fieldSettingsWrite = fieldSettingsWrite
    self.listsWrite = listsWrite
    self.readOnly = readOnly
  }
}

/// The Hibob host a run talks to.
public enum Environment: String, Sendable, Equatable, Codable {
  case production, sandbox, custom
}

/// The outcome of one probe: its answer, why it has none, or that it was not sent.
public enum Probe<Value: Sendable & Equatable>: Sendable, Equatable {
  /// A usable answer, with the exchange(s) behind it.
  case ok(Value, [Evidence])
  /// No usable answer. `failure` says whether that proves something (401, 403) or not.
  case failed(ProbeFailure, [Evidence])
  /// Not sent (dependency failed, read-only, nothing to probe).
  case notRun

  public var value: Value? {
    if case .ok(let v, _) = self { return v }
    return nil
  }

  public var evidence: [Evidence] {
    switch self {
    case .ok(_, let e), .failed(_, let e): return e
    case .notRun: return []
    }
  }

  public var failure: ProbeFailure? {
    if case .failed(let f, _) = self { return f }
    return nil
  }
}

/// Why a probe has no usable answer. Only `unauthorized` and `forbidden` prove anything; every
/// other case makes the rules that need the probe `error`.
public enum ProbeFailure: Sendable, Equatable {
  /// 401: credentials not authenticated.
  case unauthorized
  /// 403: authenticated, not permitted.
  case forbidden
  /// 404 (unknown path, module not purchased, unknown id).
  case notFound
  /// A validation failure (400 or 422) on a request that was not meant to fail validation.
  case badRequest(status: Int)
  /// 429 past the retry budget.
  case rateLimited
  /// Any other unexpected HTTP status (5xx, 3xx redirect, ...).
  case httpStatus(Int)
  /// A 200 that was not JSON (HTML) or not the expected shape. The text quotes at most 128
  /// characters and no personal data.
  case invalidResponse(String)
  /// Timeout, refused connection, closed connection.
  case network(String)
  /// The run's overall deadline passed before the probe completed.
  case deadline
}

/// One entry of the field metadata.
public struct FieldInfo: Sendable, Equatable {
  public var id: String
  public var name: String
  /// The section: `root`, `about`, `work`, ... (never derived from the id's prefix).
  public var categoryId: String
  public var categoryDisplayName: String?
  /// `list`, `text`, `date`, `employee` (`work.reportsTo`), `employee-reference`, ...
  public var type: String
  /// `typeData.listId` for list fields.
  public var listId: String?
  public var isCustom: Bool
  /// Where a search answer puts the value (`firstName` for `root.firstName`), when known.
  public var jsonPath: String?

  public init(
    id: String, name: String, categoryId: String, categoryDisplayName: String?, type: String,
    listId: String? = nil, isCustom: Bool = false, jsonPath: String? = nil
  ) {
    self.id = id
    self.name = name
    self.categoryId = categoryId
    self.categoryDisplayName = categoryDisplayName
    self.type = type
    self.listId = listId
    self.isCustom = isCustom
    self.jsonPath = jsonPath
  }
}

/// What a people search showed, reduced to what the rules need.
public struct SearchObservation: Sendable, Equatable {
  /// The field ids asked for, with their section (`categoryId`).
  public var askedFields: [AskedField]
  public var employees: [EmployeeObservation]

  public init(askedFields: [AskedField], employees: [EmployeeObservation]) {
    self.askedFields = askedFields
    self.employees = employees
  }
}

public struct AskedField: Sendable, Equatable, Hashable {
  public var fieldId: String
  public var section: String

  public init(fieldId: String, section: String) {
    self.fieldId = fieldId
    self.section = section
  }
}

/// One employee of a search answer. No personal data: the Hibob id, which asked fields came back,
/// and facts about values.
public struct EmployeeObservation: Sendable, Equatable {
  /// Hibob's employee id (an opaque number).
  public var id: String
  /// Asked field ids whose key was present in the answer (a `null` value counts as present).
  public var presentFields: Set<String>
  /// Ids named by employee-reference values (the manager, say).
  public var referencedEmployeeIds: [String]
  /// The "Sync to Remote" value as a label ("As employee", ...) or `nil` when empty or not asked.
  public var syncSelection: String?
  /// A work email is present and non-empty.
  public var hasEmail: Bool
  /// `work.startDate` is present and non-empty.
  public var hasStartDate: Bool

  public init(
    id: String, presentFields: Set<String>, referencedEmployeeIds: [String] = [],
    syncSelection: String? = nil, hasEmail: Bool = true, hasStartDate: Bool = true
  ) {
    self.id = id
    self.presentFields = presentFields
    self.referencedEmployeeIds = referencedEmployeeIds
    self.syncSelection = syncSelection
    self.hasEmail = hasEmail
    self.hasStartDate = hasStartDate
  }
}

/// The bulk employment-history answer for the sample.
public struct HistoryObservation: Sendable, Equatable {
  /// Ids sent in `employeeIds`.
  public var sampledIds: [String]
  /// Rows per employee id that came back (merged across pages).
  public var rowsPerEmployee: [String: Int]
  /// Ids listed under `errors` (out of scope).
  public var errorIds: [String]
  /// `restricted_columns.no_view_history_permission`.
  public var noViewHistoryPermission: [String]
  /// `restricted_columns.no_view_permission`.
  public var noViewPermission: [String]

  public init(
    sampledIds: [String], rowsPerEmployee: [String: Int], errorIds: [String] = [],
    noViewHistoryPermission: [String] = [], noViewPermission: [String] = []
  ) {
    self.sampledIds = sampledIds
    self.rowsPerEmployee = rowsPerEmployee
    self.errorIds = errorIds
    self.noViewHistoryPermission = noViewHistoryPermission
    self.noViewPermission = noViewPermission
  }
}

/// A named list (labels are company configuration, not personal data).
public struct ListInfo: Sendable, Equatable {
  public var name: String
  /// Item labels (`value` or `name`), archived ones included.
  public var itemLabels: [String]

  public init(name: String, itemLabels: [String]) {
    self.name = name
    self.itemLabels = itemLabels
  }
}

/// What a no-op write probe did and got. The runner stores every HTTP answer that says something
/// about authorisation as `.ok(WriteProbe)`: 200, 201, 204, 304, 400, 422 and 403 (the rule decides
/// what each means for the probe's kind). 401, 404, 429, 5xx, HTML and network failures are
/// `.failed`.
public struct WriteProbe: Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable {
    /// `PUT` of an existing item with its current name.
    case noOpPut
    /// A `POST` whose body fails validation.
    case invalidPost
  }

  public var kind: Kind
  /// The HTTP status received (2xx, 304, 400, 422, 403, ...).
  public var status: Int

  public init(kind: Kind, status: Int) {
    self.kind = kind
    self.status = status
  }
}
