import Foundation
import HibobAPI
import RemoteSync
import Simulator
import Synchronization
import Testing

/// The whole flow over real HTTP: the engine, a URLSession `RemoteClient`, the simulated Remote
/// on loopback. The Hibob side is an in-memory source (what the one search gives).
@Suite struct SyncEngineTests {
  let selected = [
    employee(1, label: "As employee"),
    employee(2, label: "As contractor", country: "DE"),
    employee(3, label: "As global payroll employee", country: "fra"),
    employee(4, label: nil),
  ]

  @Test func gateRefusalSendsNothingToRemote() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let source = FixedSource(selected)
    let failure = GateFailure(
      ruleId: "people.work.view", status: "fail", reason: "no Work field visible",
      remediation: "Step 3.10.2: allow View Work sections")
    let gate = CountingGate([.refused(reason: "the check's verdict is fail", failures: [failure])])
    let result = try await h.engine(gate: gate, source: source, stateFile: dir.stateFile).run()
    #expect(result == .gateRefused(reason: "the check's verdict is fail", failures: [failure]))
    #expect(result.exitCode == 3)
    #expect(h.remote.requestLog.isEmpty)
    #expect(source.callCount == 0)
    #expect(!FileManager.default.fileExists(atPath: dir.stateFile.path))
    #expect(result.text().contains("people.work.view"))
    #expect(result.text().contains("Step 3.10.2"))
  }

  @Test func firstSyncCreatesTheSelectedAndASecondRunWritesNothing() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let source = FixedSource(selected)
    let first = try await h.engine(source: source, stateFile: dir.stateFile).run()
    let s1 = try #require(first.summary)
    #expect(s1.counts.created == 3)
    #expect(s1.selected == 3)
    #expect(first.exitCode == 0)
    let byExternal = Dictionary(
      uniqueKeysWithValues: h.remote.employments.map { ($0.externalId ?? "", $0) })
    #expect(byExternal.count == 3)
    #expect(byExternal[employee(1).id]?.type == "employee")
    #expect(byExternal[employee(1).id]?.countryCode == "GBR")
    #expect(byExternal[employee(2).id]?.type == "contractor")
    #expect(byExternal[employee(2).id]?.countryCode == "DEU")
    #expect(byExternal[employee(3).id]?.type == "global_payroll_employee")
    #expect(byExternal[employee(3).id]?.countryCode == "FRA")
    #expect(byExternal[employee(1).id]?.name == "Person 1")
    #expect(byExternal[employee(1).id]?.provisionalStartDate == "2027-01-10")
    #expect(byExternal[employee(4).id] == nil)
    #expect(h.writes.count == 3)
    let state = try SyncStateStore.load(dir.stateFile)
    #expect(Set(state.employees.keys) == Set([1, 2, 3].map { employee($0).id }))

    h.simulator.clearLog()
    let second = try await h.engine(source: source, stateFile: dir.stateFile).run()
    #expect(second.summary?.counts.unchanged == 3)
    #expect(second.exitCode == 0)
    #expect(h.remote.requestLog.isEmpty, "an unchanged employee sends nothing at all")
  }

  @Test func aChangedEmployeeCausesExactlyOnePatchWithTheChangedKeysOnly() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let source = FixedSource(selected)
    _ = try await h.engine(source: source, stateFile: dir.stateFile).run()
    h.simulator.clearLog()
    source.update(employee(2).id) { $0.jobTitle = "Staff Engineer" }
    let result = try await h.engine(source: source, stateFile: dir.stateFile).run()
    let s = try #require(result.summary)
    #expect(s.counts.updated == 1)
    #expect(s.counts.unchanged == 2)
    let patches = h.writes
    #expect(patches.count == 1)
    #expect(patches.first?.method == "PATCH")
    #expect(patches.first?.bodyKeys == ["basic_information.job_title"])
    #expect(
      h.remote.employments.first { $0.externalId == employee(2).id }?.jobTitle == "Staff Engineer")
    #expect(
      s.outcomes.first { $0.hibobId == employee(2).id }?.changedKeys == [
        "basic_information.job_title"
      ])

    h.simulator.clearLog()
    let again = try await h.engine(source: source, stateFile: dir.stateFile).run()
    #expect(again.summary?.counts.unchanged == 3)
    #expect(h.remote.requestLog.isEmpty)
  }

  @Test func aLostStateFileCreatesNoDuplicate() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let source = FixedSource(selected)
    _ = try await h.engine(source: source, stateFile: dir.stateFile).run()
    try FileManager.default.removeItem(at: dir.stateFile)
    h.simulator.clearLog()
    let result = try await h.engine(source: source, stateFile: dir.stateFile).run()
    let s = try #require(result.summary)
    #expect(s.counts.adopted == 3)
    #expect(s.counts.created == 0)
    #expect(h.remote.employments.count == 3)
    #expect(h.writes.isEmpty, "Remote already holds the same payloads: nothing to PATCH")
    #expect(try SyncStateStore.load(dir.stateFile).employees.count == 3)
  }

  @Test func cancelledMidRunThenRerunGivesEachEmployeeExactlyOnce() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let many = (10..<20).map { employee($0) }
    let source = FixedSource(many)
    let cancel = SyncCancellation()
    let first = try await h.engine(
      source: source, stateFile: dir.stateFile, concurrency: 1, cancellation: cancel,
      progress: { p in if p.done == 3 { cancel.cancel() } }
    ).run()
    let s1 = try #require(first.summary)
    #expect(s1.counts.created == 3)
    #expect(s1.counts.notStarted == 7)
    #expect(s1.stoppedReason != nil)
    #expect(first.exitCode == 1)
    #expect(h.remote.employments.count == 3)

    // A crash between the POST and the state write: the state forgets one that Remote has.
    let store = try SyncStateStore.open(dir.stateFile)
    try await store.record(employee(10).id, nil)
    await store.close()

    let second = try await h.engine(source: source, stateFile: dir.stateFile).run()
    let s2 = try #require(second.summary)
    #expect(s2.counts.created == 7)
    #expect(s2.counts.adopted == 1)
    #expect(s2.counts.unchanged == 2)
    let emails = h.remote.employments.map { $0.email.lowercased() }
    #expect(emails.count == 10)
    #expect(Set(emails).count == 10)
    #expect(Set(h.remote.employments.compactMap(\.externalId)) == Set(many.map(\.id)))
  }

  @Test func aPostWhoseAnswerIsLostIsFoundByEmailNotSentTwice() async throws {
    // No keep-alive: on a reused connection FoundationNetworking answers a dropped POST only
    // after its session timeout (60 s), whatever the request's own timeout says.
    let h = try RemoteHarness(keepAlive: false)
    let dir = TempDir()
    let source = FixedSource([employee(1)])
    h.remote.inject(RemoteFault(.processThenClose, method: "POST", count: 1))
    let result = try await h.engine(source: source, stateFile: dir.stateFile).run()
    let s = try #require(result.summary)
    #expect(s.counts.adopted == 1)
    #expect(h.remote.employments.count == 1)
    #expect(h.writes.filter { $0.method == "POST" }.count == 1)
  }

  @Test func aSecondSyncOfTheSameTenantIsRefusedWhileTheLockIsHeld() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let holder = try SyncLock.acquire(at: SyncStatePaths.lockFile(for: dir.stateFile))
    defer { holder.release() }
    let gate = CountingGate()
    do {
      _ = try await h.engine(gate: gate, source: FixedSource(selected), stateFile: dir.stateFile)
        .run()
      Issue.record("the second sync ran")
    } catch {
      #expect(error == .state(.locked(lockPath: holder.path, pid: getpid())))
      #expect(error.description.contains("process \(getpid())"))
      #expect(error.exitCode == 1)
    }
    #expect(gate.callCount == 0)
    #expect(h.remote.requestLog.isEmpty)
    holder.release()
    let after = try await h.engine(source: FixedSource(selected), stateFile: dir.stateFile).run()
    #expect(after.summary?.counts.created == 3)
  }

  @Test func aDamagedStateFileIsAnErrorAndIsLeftAlone() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let garbage = Data("{\"version\": 1, \"employees\": [oops".utf8)
    try garbage.write(to: dir.stateFile)
    do {
      _ = try await h.engine(source: FixedSource(selected), stateFile: dir.stateFile).run()
      Issue.record("ran on a damaged state")
    } catch {
      guard case .state(.damaged) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(!error.description.contains("\n"))
      #expect(error.exitCode == 2)
    }
    #expect(try Data(contentsOf: dir.stateFile) == garbage)
    #expect(h.remote.requestLog.isEmpty)
  }

  @Test func dryRunSendsNothingAndPlans() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let source = FixedSource(
      selected + [employee(5, start: "2020-01-01"), employee(6, country: "Atlantis")])
    let result = try await h.engine(source: source, stateFile: dir.stateFile, dryRun: true).run()
    let s = try #require(result.summary)
    #expect(s.dryRun)
    #expect(s.counts.created == 3)
    #expect(s.counts.skipped == 2)
    #expect(h.remote.requestLog.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: dir.stateFile.path))
    #expect(result.text().contains("dry run"))

    _ = try await h.engine(source: FixedSource(selected), stateFile: dir.stateFile).run()
    source.update(employee(1).id) { $0.jobTitle = "Manager" }
    h.simulator.clearLog()
    let before = try Data(contentsOf: dir.stateFile)
    let plan = try await h.engine(source: source, stateFile: dir.stateFile, dryRun: true).run()
    #expect(plan.summary?.counts.updated == 1)
    #expect(plan.summary?.counts.unchanged == 2)
    #expect(h.remote.requestLog.isEmpty)
    #expect(try Data(contentsOf: dir.stateFile) == before)
  }

  @Test func unmappableEmployeesAreSkippedWithTheReasonAndTheOthersGoOn() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    var noEmail = employee(7)
    noEmail.email = nil
    let source = FixedSource(
      [
        employee(1), noEmail, employee(8, country: "Atlantis"), employee(9, start: nil),
        employee(10, start: "2026-11-01"),
      ])
    let result = try await h.engine(source: source, stateFile: dir.stateFile).run()
    let s = try #require(result.summary)
    #expect(s.counts.created == 1)
    #expect(s.counts.skipped == 4)
    #expect(result.exitCode == 1)
    let reasons = Dictionary(uniqueKeysWithValues: s.outcomes.map { ($0.hibobId, $0.reason ?? "") })
    #expect(reasons[noEmail.id] == SkipReason.noEmail.description)
    #expect(reasons[employee(8).id] == SkipReason.unknownCountry.description)
    #expect(reasons[employee(9).id] == SkipReason.noStartDate.description)
    #expect(reasons[employee(10).id] == SkipReason.pastStartDate.description)
    #expect(h.remote.employments.count == 1)
  }

  @Test func aPastStartDateIsFineForSomeoneRemoteAlreadyHas() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let old = employee(11, start: "2024-03-01")
    h.simulator.seed([
      RemoteEmploymentRecord(
        type: "employee", countryCode: "GBR", externalId: nil, email: "PERSON11@example.com",
        name: "Person 11", jobTitle: "Engineer", provisionalStartDate: "2024-03-01")
    ])
    let result = try await h.engine(source: FixedSource([old]), stateFile: dir.stateFile).run()
    let s = try #require(result.summary)
    #expect(s.counts.adopted == 1)
    #expect(h.remote.employments.count == 1)
    #expect(h.writes.count == 1)
    #expect(h.writes.first?.bodyKeys == ["basic_information.email", "external_id"])
  }

  @Test func deselectedAndTerminatedAreReportedNeverDeleted() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let source = FixedSource(selected)
    _ = try await h.engine(source: source, stateFile: dir.stateFile).run()
    source.update(employee(1).id) { $0.syncLabel = nil }
    source.update(employee(2).id) { $0.lifecycleStatus = "Terminated" }
    source.update(employee(3).id) { $0.terminationDate = "2026-11-20" }
    h.simulator.clearLog()
    let result = try await h.engine(source: source, stateFile: dir.stateFile).run()
    let s = try #require(result.summary)
    #expect(s.counts.deselected == 1)
    #expect(s.counts.terminated == 2)
    #expect(result.exitCode == 0)
    #expect(h.remote.requestLog.isEmpty)
    #expect(h.remote.employments.count == 3)
  }

  @Test func conflictsAndValidationErrorsFailOneEmployeeOnly() async throws {
    // Remote's today is later than ours: Remote refuses a start date we think is fine (422).
    let h = try RemoteHarness(remoteToday: "2026-12-01")
    let dir = TempDir()
    let source = FixedSource([employee(1), employee(2), employee(3, start: "2026-11-28")])
    let first = try await h.engine(source: source, stateFile: dir.stateFile, concurrency: 2).run()
    let s1 = try #require(first.summary)
    #expect(s1.counts.created == 2)
    #expect(s1.counts.failed == 1)
    let failed = s1.outcomes.first { $0.action == .fail }
    #expect(failed?.hibobId == employee(3).id)
    #expect(failed?.reason?.contains("basic_information.provisional_start_date") == true)
    #expect(first.exitCode == 1)

    // Employee 2 takes employee 1's email in Hibob: the PATCH gets 409; the state keeps the old.
    let before = try SyncStateStore.load(dir.stateFile).employees[employee(2).id]
    source.update(employee(2).id) { $0.email = "PERSON1@example.com" }
    source.update(employee(1).id) { $0.jobTitle = "Lead" }
    let second = try await h.engine(source: source, stateFile: dir.stateFile).run()
    let s2 = try #require(second.summary)
    #expect(s2.outcomes.first { $0.hibobId == employee(2).id }?.action == .fail)
    #expect(s2.outcomes.first { $0.hibobId == employee(2).id }?.reason?.contains("409") == true)
    #expect(s2.outcomes.first { $0.hibobId == employee(1).id }?.action == .update)
    #expect(try SyncStateStore.load(dir.stateFile).employees[employee(2).id] == before)
    #expect(Set(h.remote.employments.map { $0.email.lowercased() }).count == 2)
  }

  @Test func rateLimitsAndServerErrorsAreRetriedWithoutLosingState() async throws {
    let h = try RemoteHarness(rateLimit: RemoteRateLimit(limit: 3, window: 60))
    let dir = TempDir()
    let source = FixedSource((20..<24).map { employee($0) })
    h.remote.inject(RemoteFault(.status(503), method: "GET", count: 1))
    h.remote.inject(RemoteFault(.status(500), method: "POST", count: 1))
    h.remote.inject(RemoteFault(.status(429), method: "POST", count: 1))
    let result = try await h.engine(source: source, stateFile: dir.stateFile, concurrency: 1).run()
    let s = try #require(result.summary)
    #expect(s.counts.created == 4)
    #expect(result.exitCode == 0)
    #expect(h.remote.employments.count == 4)
    #expect(h.remote.requestLog.contains { $0.status == 429 })
    #expect((s.requests?.rateLimited ?? 0) >= 1)
    #expect((s.requests?.retries ?? 0) >= 2)
    // 3 a minute for 10+ requests: the client waited for the window to reset (X-RateLimit-*).
    #expect(h.clock.sleeps.contains { $0 > 30 })
    #expect(!h.remote.requestLog.contains { $0.status == 429 && $0.fault == nil })
    #expect(try SyncStateStore.load(dir.stateFile).employees.count == 4)
  }

  @Test func aCreateThatKeepsFailingIsRecordedAndTheRestGoOn() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let source = FixedSource([employee(30), employee(31)])
    h.remote.inject(RemoteFault(.status(502), method: "POST", count: 3))
    let first = try await h.engine(source: source, stateFile: dir.stateFile, concurrency: 1).run()
    let s = try #require(first.summary)
    #expect(s.counts.failed == 1)
    #expect(s.counts.created == 1)
    #expect(s.outcomes.first { $0.action == .fail }?.reason?.contains("502") == true)
    #expect(h.remote.employments.count == 1)
    let again = try await h.engine(source: source, stateFile: dir.stateFile).run()
    #expect(again.summary?.counts.created == 1)
    #expect(again.summary?.counts.unchanged == 1)
    #expect(h.remote.employments.count == 2)
  }

  @Test func aRefusedTokenStopsTheRunAfterTheFirstRefusal() async throws {
    let h = try RemoteHarness(token: "wrong-token")
    let dir = TempDir()
    let source = FixedSource((40..<46).map { employee($0) })
    let result = try await h.engine(source: source, stateFile: dir.stateFile, concurrency: 1).run()
    let s = try #require(result.summary)
    #expect(s.counts.failed == 1)
    #expect(s.counts.notStarted == 5)
    #expect(h.remote.requestLog.count == 1)
    #expect(!result.text().contains("wrong-token"))
    #expect(!String(decoding: try result.jsonData(), as: UTF8.self).contains("wrong-token"))
  }

  @Test func everyLoopRunsRoundsAndSkipsARefusedGate() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    let source = FixedSource(selected)
    let gate = CountingGate([
      .pass, .refused(reason: "the check's verdict is fail", failures: []), .pass,
    ])
    let engine = h.engine(gate: gate, source: source, stateFile: dir.stateFile)
    let stop = SyncCancellation()
    let results = ResultBox()
    let rounds = await SyncSchedule.runEvery(
      interval: 0.05, maxRounds: 3, stop: stop, sleep: { _ in },
      round: { _ in
        do throws(SyncError) { return .result(try await engine.run()) } catch {
          return .error(error)
        }
      },
      log: { n, r in results.append(n, r) })
    #expect(rounds == 3)
    let exits = results.exitCodes
    #expect(exits == [0, 3, 0])
    #expect(h.remote.employments.count == 3)
  }

  @Test func manyEmployeesInFlightKeepTheStateWhole() async throws {
    let h = try RemoteHarness(rateLimit: nil)
    let dir = TempDir()
    let many = (100..<160).map {
      employee($0, label: $0 % 2 == 0 ? "As employee" : "As contractor")
    }
    let seen = ResultBox()
    let result = try await h.engine(
      source: FixedSource(many), stateFile: dir.stateFile, concurrency: 8,
      progress: { p in seen.append(p.done, .result(.gateRefused(reason: "", failures: []))) }
    ).run()
    #expect(result.summary?.counts.created == 60)
    #expect(seen.exitCodes.count == 60)
    let state = try SyncStateStore.load(dir.stateFile)
    #expect(Set(state.employees.keys) == Set(many.map(\.id)))
    let remoteIds = Set(h.remote.employments.map(\.id))
    #expect(Set(state.employees.values.map(\.remoteId)) == remoteIds)
    #expect(
      h.remote.requestLog.allSatisfy { $0.query["email"] == nil || $0.query["email"] == "{email}" })
  }

  @Test func summaryJSONNamesNoPersonalData() async throws {
    let h = try RemoteHarness()
    let dir = TempDir()
    var noEmail = employee(7)
    noEmail.email = nil
    let result = try await h.engine(
      source: FixedSource(selected + [noEmail]), stateFile: dir.stateFile
    )
    .run()
    let json = String(decoding: try result.jsonData(), as: UTF8.self)
    let text = result.text()
    for secret in ["person1@example.com", "Person 1", "First1", "Last1", testToken] {
      #expect(!json.contains(secret))
      #expect(!text.contains(secret))
    }
    #expect(json.contains("\"created\" : 3"))
    #expect(json.contains("\"passed\" : true"))
    #expect(json.contains(employee(1).id))
  }
}

final class ResultBox: Sendable {
  private let items = Mutex<[(Int, Int32)]>([])

  func append(_ n: Int, _ r: SyncSchedule.RoundResult) {
    let code: Int32
    switch r {
    case .result(let result): code = result.exitCode
    case .error(let e): code = 100 + e.exitCode
    }
    items.withLock { $0.append((n, code)) }
  }

  var exitCodes: [Int32] { items.withLock { $0.sorted { $0.0 < $1.0 }.map(\.1) } }
}
