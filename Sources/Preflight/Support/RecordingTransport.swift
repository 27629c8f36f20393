import Common
import Foundation
import HibobAPI
import PermissionRules
import Synchronization

/// Wraps a transport and records every exchange, redacted as it comes back: requests keep their
/// method, path, query and body (the tool's own JSON: field ids, list and field names) and never
/// a header; responses keep their status, `Recording.keptHeaders` and the redacted body.
public final class RecordingTransport: HTTPTransport {
  private let inner: any HTTPTransport
  private let state = Mutex(State())

  private struct State {
    var redactor = Redactor()
    var exchanges: [Recording.Exchange] = []
  }

  public init(wrapping inner: any HTTPTransport) {
    self.inner = inner
  }

  public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let target = Recording.target(of: request.url)
    let requestBody = Recording.Body.from(request.body)
    do {
      let response = try await inner.send(request)
      state.withLock { state in
        var headers: [String: String] = [:]
        for (name, value) in response.headers
        where Recording.keptHeaders.contains(name.lowercased()) {
          headers[name.lowercased()] = value
        }
        let body = state.redactor.redactResponse(response.body, target: target)
        state.exchanges.append(
          Recording.Exchange(
            method: request.method, target: state.redactor.redactTarget(target),
            requestBody: requestBody,
            response: Recording.Response(status: response.status, headers: headers, body: body)))
      }
      return response
    } catch let error as TransportError {
      state.withLock { state in
        state.exchanges.append(
          Recording.Exchange(
            method: request.method, target: state.redactor.redactTarget(target),
            requestBody: requestBody, response: nil, failure: Recording.Failure(error)))
      }
      throw error
    }
  }

  /// Every exchange so far, in the order the answers came.
  public var exchanges: [Recording.Exchange] { state.withLock { $0.exchanges } }

  /// The recording of the run `settings` describes.
  public func recording(of settings: CheckSettings, recordedAt: String) -> Recording {
    Recording(
      toolVersion: settings.toolVersion, recordedAt: recordedAt,
      target: Recording.Target(
        baseURL: settings.baseURL.absoluteString, environment: settings.environment.rawValue,
        serviceUserId: PreflightRunner.reportableId(settings.credentials),
        tokenSHA256Prefix: settings.credentials.token.isEmpty
          ? nil : SHA256.prefix(settings.credentials.token),
        readOnly: settings.readOnly),
      credentialProblems: CredentialsFormat.problems(
        serviceUserId: settings.credentials.serviceUserId, token: settings.credentials.token),
      exchanges: exchanges)
  }
}
