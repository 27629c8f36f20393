import Testing

@testable import PermissionRules

struct DiagnosisCase: Sendable, CustomStringConvertible {
  let pattern: DiagnosisPattern
  let example: DiagnosisExample
  var description: String { "\(pattern.id): \(example)" }

  static let all: [DiagnosisCase] = Catalogue.diagnosisPatterns.flatMap { p in
    p.examples.map { DiagnosisCase(pattern: p, example: $0) }
  }
}

@Suite struct DiagnosisTests {
  @Test(arguments: DiagnosisCase.all)
  func example(_ c: DiagnosisCase) {
    let obs = c.example.observations
    let results = Catalogue.evaluate(obs)
    let item = c.pattern.detect(results, obs)
    #expect((item != nil) == c.example.fires, "\(c)")
    if let item {
      #expect(!item.cause.isEmpty && !item.remediation.isEmpty)
      #expect(!item.rules.isEmpty)
      let ids = Set(Catalogue.rules.map(\.id))
      for id in item.rules { #expect(ids.contains(id), "\(id)") }
      #expect(Catalogue.diagnose(results, obs).contains(item))
    }
  }

  @Test func everyPatternHasAFiringAndAQuietExample() {
    let ids = Catalogue.diagnosisPatterns.map(\.id)
    #expect(Set(ids).count == ids.count)
    for p in Catalogue.diagnosisPatterns {
      #expect(p.examples.contains { $0.fires }, "\(p.id)")
      #expect(p.examples.contains { !$0.fires }, "\(p.id)")
    }
  }

  @Test func notInGroupNamesSteps34And313() {
    let obs = ExampleTenant.editingEmployees { _ in [] }
    let items = Catalogue.diagnose(Catalogue.evaluate(obs), obs)
    let item = items.first { $0.remediation.contains("Step 3.4") }
    #expect(item != nil)
    #expect(item?.remediation.contains("3.13") == true)
    #expect(item?.rules.contains("people.basic_info.view") == true)
  }

  @Test func otherEnvironmentNamesTheOtherHost() {
    let obs = ExampleTenant.with { $0.fieldMetadata = .failed(.unauthorized, []) }
    let items = Catalogue.diagnose(Catalogue.evaluate(obs), obs)
    #expect(items.count == 1)
    #expect(items.first?.cause.contains("api.sandbox.hibob.com") == true)
    #expect(items.first?.remediation.contains("--environment sandbox") == true)
  }
}

extension DiagnosisPattern: CustomStringConvertible {
  public var description: String { id }
}
