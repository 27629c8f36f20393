/// The evaluator shared by the two Company rules: what a no-op write probe's answer proves.
/// A no-op `PUT` answering 200/201/204/304, or an invalid `POST` answering 400/422, proves the
/// caller was authorised [assumed: Hibob authorises before it validates]; 403 proves it was not.
/// Anything else proves nothing (`error`); no probe under `--read-only` is `manual`.
enum WriteProbeVerdict {
  static let statuses: [Status] = [.pass, .fail, .error, .manual]

  static func evaluate(_ probe: Probe<WriteProbe>, readOnly: Bool, permission: String)
    -> Evaluation
  {
    switch probe {
    case .notRun:
      return readOnly
        ? Evaluation(.manual, readOnlyReason(permission))
        : Evaluation(.error, Wording.notProbed("the no-op write probe"))
    case .failed(.forbidden, let evidence):
      return Evaluation(.fail, refused(permission, 403), evidence)
    case .failed(let failure, let evidence):
      return Evaluation(.error, Wording.couldNotDecide("the no-op write probe", failure), evidence)
    case .ok(let write, let evidence):
      switch (write.kind, write.status) {
      case (.noOpPut, 200), (.noOpPut, 201), (.noOpPut, 204), (.noOpPut, 304):
        return Evaluation(.pass, acceptedPut(permission, write.status), evidence)
      case (.invalidPost, 400), (.invalidPost, 422):
        return Evaluation(.pass, validatedPost(permission, write.status), evidence)
      case (_, 403):
        return Evaluation(.fail, refused(permission, 403), evidence)
      case (.invalidPost, 200), (.invalidPost, 201), (.invalidPost, 204):
        return Evaluation(.error, invalidPostAccepted(write.status), evidence)
      default:
        return Evaluation(.error, unexpected(write), evidence)
      }
    }
  }

  private static func readOnlyReason(_ permission: String) -> String {
    "Write probes were switched off (--read-only), so '\(permission)' could not be proven. Check "
      + "it by hand."
  }

  private static func refused(_ permission: String, _ status: Int) -> String {
    "The no-op write answered \(status): the service user lacks '\(permission)'."
  }

  private static func acceptedPut(_ permission: String, _ status: Int) -> String {
    "A no-op PUT (an existing item with its current name) answered \(status): "
      + "'\(permission)' is granted. Nothing was changed."
  }

  private static func validatedPost(_ permission: String, _ status: Int) -> String {
    "A deliberately invalid POST answered \(status) (refused for validation, so it was "
      + "authorised) [assumed: Hibob authorises before it validates]: '\(permission)' is granted."
  }

  private static func invalidPostAccepted(_ status: Int) -> String {
    "Could not be decided: the deliberately invalid POST answered \(status) instead of a "
      + "validation error. It may have created an item: look for an unexpected one in Hibob and "
      + "delete it."
  }

  private static func unexpected(_ write: WriteProbe) -> String {
    let kind = write.kind == .noOpPut ? "no-op PUT" : "invalid POST"
    return "Could not be decided: the \(kind) answered \(write.status), which proves neither "
      + "way."
  }

  static func meanings(_ permission: String) -> [Status: String] {
    [
      .pass: "the no-op PUT answered 200/201/204/304, or the invalid POST 400/422",
      .fail: "the write probe answered 403: '\(permission)' is missing",
      .error: "any other answer (401, 404, 429, 5xx, HTML, network, a PUT refused with 400)",
      .manual: "write probes were switched off with --read-only",
    ]
  }

  /// Examples common to both rules, for the probe reached through `path` on `keyPath`.
  static func standardExamples(
    _ keyPath: WritableKeyPath<Observations, Probe<WriteProbe>>, path: String
  ) -> [RuleExample] {
    func answer(_ kind: WriteProbe.Kind, _ status: Int) -> Observations {
      ExampleTenant.with {
        let method = kind == .noOpPut ? "PUT" : "POST"
        $0[keyPath: keyPath] = .ok(
          WriteProbe(kind: kind, status: status), [ExampleTenant.evidence(method, path, status)])
      }
    }
    return [
      RuleExample("no-op PUT answered 304", answer(.noOpPut, 304), .pass),
      RuleExample("no-op PUT answered 200", answer(.noOpPut, 200), .pass),
      RuleExample("no-op PUT answered 204", answer(.noOpPut, 204), .pass),
      RuleExample("invalid POST answered 400", answer(.invalidPost, 400), .pass),
      RuleExample("invalid POST answered 422", answer(.invalidPost, 422), .pass),
      RuleExample("no-op PUT answered 403", answer(.noOpPut, 403), .fail),
      RuleExample("invalid POST answered 403", answer(.invalidPost, 403), .fail),
      RuleExample("no-op PUT answered 400", answer(.noOpPut, 400), .error),
      RuleExample("invalid POST answered 201", answer(.invalidPost, 201), .error),
      RuleExample(
        "401 on the write",
        ExampleTenant.with { $0[keyPath: keyPath] = .failed(.unauthorized, []) },
        .error),
      RuleExample(
        "503 on the write",
        ExampleTenant.with { $0[keyPath: keyPath] = .failed(.httpStatus(503), []) }, .error),
      RuleExample(
        "404 on the write", ExampleTenant.with { $0[keyPath: keyPath] = .failed(.notFound, []) },
        .error),
      RuleExample(
        "read-only run",
        ExampleTenant.with {
          $0[keyPath: keyPath] = .notRun
          $0.readOnly = true
        }, .manual),
      RuleExample(
        "not sent without --read-only", ExampleTenant.with { $0[keyPath: keyPath] = .notRun },
        .error),
    ]
  }
}
