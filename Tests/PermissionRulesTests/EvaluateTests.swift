import Testing

@testable import PermissionRules

@Suite struct EvaluateTests {
  private func statuses(_ obs: Observations) -> [String: Status] {
    Dictionary(uniqueKeysWithValues: Catalogue.evaluate(obs).map { ($0.id, $0.status) })
  }

  @Test func allPassObservationGivesAllPass() {
    let results = Catalogue.evaluate(ExampleTenant.passing)
    #expect(results.map(\.id) == Catalogue.rules.map(\.id))
    for r in results {
      #expect(r.status == .pass, "\(r.id): \(r.reason)")
      #expect(r.remediation == nil, "\(r.id)")
    }
    #expect(Catalogue.diagnose(results, ExampleTenant.passing).isEmpty)
  }

  @Test func aFormatProblemSkipsEverythingElse() {
    let obs = ExampleTenant.with {
      $0.credentialProblems = CredentialsFormat.problems(serviceUserId: "id", token: " tok")
    }
    let results = Catalogue.evaluate(obs)
    #expect(results[0].id == "credentials.format")
    #expect(results[0].status == .fail)
    #expect(results[0].remediation != nil)
    for r in results.dropFirst() {
      #expect(r.status == .skipped, "\(r.id)")
      #expect(r.remediation == nil)
      #expect(r.evidence.isEmpty)
      #expect(r.reason.contains("credentials.format"), "\(r.id): \(r.reason)")
    }
  }

  @Test(arguments: [
    ProbeFailure.unauthorized, .httpStatus(500), .invalidResponse("text/html"), .forbidden,
  ])
  func authenticationFailureOrErrorSkipsEverythingBelow(_ failure: ProbeFailure) {
    let s = statuses(ExampleTenant.with { $0.fieldMetadata = .failed(failure, []) })
    #expect(s["credentials.format"] == .pass)
    #expect(s["credentials.authenticate"] == (failure == .unauthorized ? .fail : .error))
    for rule in Catalogue.rules.dropFirst(2) {
      #expect(s[rule.id] == .skipped, "\(rule.id)")
    }
  }

  @Test func noVisibleEmployeeSkipsPeopleAndScopeOnly() {
    let s = statuses(ExampleTenant.editingEmployees { _ in [] })
    #expect(s["people.basic_info.view"] == .fail)
    for id in Catalogue.rules.map(\.id)
    where (id.hasPrefix("people.") && id != "people.basic_info.view")
      || id == "scope.lifecycle_status"
    {
      #expect(s[id] == .skipped, "\(id)")
    }
    #expect(s["sync_field.selection"] == .skipped)
    #expect(s["company.employee_fields.manage"] == .pass)
    #expect(s["sections.default_names"] == .pass)
    #expect(s["sync_field.present"] == .pass)
  }

  @Test func skippedReasonNamesTheRootCause() {
    let results = Catalogue.evaluate(ExampleTenant.with { $0.searchAll = .failed(.forbidden, []) })
    let scope = results.first { $0.id == "scope.lifecycle_status" }!
    #expect(scope.status == .skipped)
    #expect(scope.reason.contains("people.basic_info.view") && scope.reason.contains("failed"))
  }

  @Test func readOnlyMakesCompanyRulesManualWithTheirFix() {
    let results = Catalogue.evaluate(
      ExampleTenant.with {
        $0.readOnly = true
        $0.fieldSettingsWrite = .notRun
        $0.listsWrite = .notRun
      })
    for r in results where r.id.hasPrefix("company.") {
      #expect(r.status == .manual)
      #expect(r.remediation == Catalogue.rule(id: r.id)!.metadata.remediation)
    }
  }

  @Test func remediationOnlyForFailWarnManual() {
    let obs = ExampleTenant.with {
      $0.searchAll = ExampleTenant.hide("home", for: ["1005"], in: $0.searchAll)
      $0.employmentHistory = .failed(.httpStatus(503), [])
      $0.listsWrite = .ok(WriteProbe(kind: .noOpPut, status: 403), [])
    }
    let results = Catalogue.evaluate(obs)
    #expect(results.contains { $0.status == .warn })
    #expect(results.contains { $0.status == .error })
    #expect(results.contains { $0.status == .fail })
    for r in results {
      let wants = [Status.fail, .warn, .manual].contains(r.status)
      #expect((r.remediation != nil) == wants, "\(r.id) \(r.status)")
    }
  }

  @Test func evidenceComesFromTheProbesUsed() {
    let results = Catalogue.evaluate(ExampleTenant.passing)
    let byId = Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0) })
    #expect(byId["credentials.format"]!.evidence.isEmpty)
    #expect(byId["credentials.authenticate"]!.evidence.map(\.path) == ["/v1/company/people/fields"])
    #expect(byId["company.lists.edit_all"]!.evidence.first?.method == "PUT")
    let identification = byId["people.identification.view"]!.evidence
    #expect(identification.first?.path == "/v1/people/search")
    #expect(identification.first?.note?.contains("financial.passportNumber") == true)
    #expect(
      byId["people.employment.history.view"]!.evidence.first?.path.hasPrefix("/v1/bulk") == true)
  }

  @Test func reasonsListAtMostTwentyIds() {
    let many = (1...45).map { String(5000 + $0) }
    let obs = ExampleTenant.editingEmployees { employees in
      var list = employees
      for id in many {
        list.append(EmployeeObservation(id: id, presentFields: ["root.firstName"]))
      }
      return list
    }
    let results = Catalogue.evaluate(obs)
    let address = results.first { $0.id == "people.address.view" }!
    #expect(address.status == .warn)
    #expect(address.reason.contains("5 of 50"))
    #expect(address.reason.contains("and 25 more"))
    #expect(address.reason.contains("5020"))
    #expect(!address.reason.contains("5021"))
  }

  @Test func sectionDefaultNamesEvidenceNamesSectionFoundAndDefault() {
    let rule = Catalogue.rule(id: "sections.default_names")!
    let obs = ExampleTenant.with {
      $0.fieldMetadata = .ok(
        ExampleTenant.fields.map { f in
          var c = f
          if c.categoryId == "identification" { c.categoryDisplayName = "ID docs" }
          return c
        }, ExampleTenant.metadataEvidence)
    }
    let e = rule.evaluate(obs)
    #expect(e.status == .fail)
    #expect(
      e.evidence.contains {
        $0.note == "section identification: found 'ID docs', default 'Identification'"
      })
  }

  @Test func authenticateHintNamesTheOtherHost() {
    let rule = Catalogue.rule(id: "credentials.authenticate")!
    let production = rule.evaluate(
      ExampleTenant.with { $0.fieldMetadata = .failed(.unauthorized, []) })
    #expect(production.reason.contains("api.sandbox.hibob.com"))
    let sandbox = rule.evaluate(
      ExampleTenant.with {
        $0.environment = .sandbox
        $0.fieldMetadata = .failed(.unauthorized, [])
      })
    #expect(sandbox.reason.contains("api.hibob.com"))
    #expect(!sandbox.reason.contains("api.sandbox.hibob.com"))
  }
}

@Suite struct ScopeReasonTests {
  @Test func partialVisibilityNamesSectionsAndEmployees() {
    let rule = Catalogue.rule(id: "scope.lifecycle_status")!
    let obs = ExampleTenant.with {
      $0.searchAll = ExampleTenant.hide("home", for: ["1003"], in: $0.searchAll)
      $0.searchAll = ExampleTenant.hide("address", for: ["1005"], in: $0.searchAll)
    }
    let e = rule.evaluate(obs)
    #expect(e.status == .fail)
    #expect(e.reason.contains("address for 4 of 5; home for 4 of 5"), "\(e.reason)")
    #expect(e.reason.contains("2 employees lack at least one of them: 1003, 1005."), "\(e.reason)")
  }

  @Test func missingReferenceIsNamed() {
    let rule = Catalogue.rule(id: "scope.lifecycle_status")!
    let obs = ExampleTenant.editingEmployees { employees in
      employees.map { e in
        var c = e
        c.referencedEmployeeIds = ["77", "78", "77"]
        return c
      }
    }
    let e = rule.evaluate(obs)
    #expect(e.status == .fail)
    #expect(e.reason.contains("2 employees who are not visible: 77, 78."), "\(e.reason)")
  }
}
