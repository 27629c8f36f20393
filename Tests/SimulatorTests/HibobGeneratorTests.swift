import Foundation
import Simulator
import Testing

@Suite("Tenant generator")
struct HibobGeneratorTests {
  @Test("deterministic per seed, valid, and compliant")
  func deterministic() async throws {
    let a = TenantGenerator.generate(employees: 500, seed: 7, selectedFraction: 0.3)
    let b = TenantGenerator.generate(employees: 500, seed: 7, selectedFraction: 0.3)
    let c = TenantGenerator.generate(employees: 500, seed: 8, selectedFraction: 0.3)
    #expect(a == b)
    #expect(a != c)
    #expect(a.employees.count == 500)
    try a.validate()
    let statuses = Set(a.employees.map(\.lifecycleStatus))
    #expect(statuses == [.hired, .employed, .terminated])
    #expect(a.employees.contains { $0.lifecycleStatus == .hired && $0.email == nil })
    #expect(a.employees.contains { ($0.history["employment"]?.count ?? 0) > 1 })
    let selected = a.employees.filter { $0.fields[TenantGenerator.syncFieldId] != nil }
    let eligible = a.employees.filter { $0.lifecycleStatus == .employed && $0.email != nil }
    #expect(selected.count > eligible.count / 5 && selected.count < eligible.count * 2 / 5)
    #expect(selected.allSatisfy { $0.lifecycleStatus == .employed && $0.email != nil })

    let sim = HibobSimulator(tenant: a)
    let all = await sim.search(["root.id"], showInactive: true)
    #expect(all.employees.count == 500)
  }

  @Test("writes a file that loads back equal")
  func writeAndLoad() throws {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("generated-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: url) }
    try TenantGenerator.write(employees: 50, seed: 1, selectedFraction: 0.5, to: url)
    let loaded = try Tenant.load(contentsOf: url)
    let generated = TenantGenerator.generate(employees: 50, seed: 1, selectedFraction: 0.5)
    #expect(loaded.employees.count == 50)
    let same = loaded == generated
    #expect(same, "the loaded tenant differs from the generated one")
  }

  @Test("no selection at fraction 0; dates are valid")
  func zeroFraction() throws {
    let tenant = TenantGenerator.generate(employees: 200, seed: 3, selectedFraction: 0)
    #expect(!tenant.employees.contains { $0.fields[TenantGenerator.syncFieldId] != nil })
    try tenant.validate()
  }
}
