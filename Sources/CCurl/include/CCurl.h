// One HTTP exchange on a connection of its own, through libcurl's easy interface, loaded at run
// time (dlopen) so that building needs no curl headers or link flags.
//
// Why it exists: URLSessionTransport sends every non-idempotent request (POST, PUT, PATCH,
// DELETE) on a fresh connection so that libcurl never resends it on a reused one. URLSession on
// Linux (swift-corelibs-foundation's MultiHandle) keeps the "socket writable" dispatch source it
// creates for a new connection's connect until the connection goes away; the socket stays
// writable, so the source fires continuously and a core spins for as long as the request waits
// for its answer. The easy interface waits in poll() instead.
#ifndef CCURL_H
#define CCURL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One request and its answer. The caller owns every input pointer until `ccurl_perform`
/// returns, and frees the outputs with `ccurl_release`.
typedef struct ccurl_exchange {
  // In.
  const char *method;
  const char *url;
  /// "Name: value" lines.
  const char *const *headers;
  size_t header_count;
  /// NULL with has_body 0 for a request without a body.
  const void *body;
  size_t body_length;
  int has_body;
  /// The whole exchange, connect included.
  long timeout_ms;
  /// Set to non-zero (from any thread) to abort; checked at least once a second.
  int cancelled;

  // Out.
  /// libcurl's CURLcode: 0 when an answer came.
  int code;
  /// errno of the last failed connect, 0 if none.
  long os_errno;
  long status;
  /// The last answer's header lines, status line first ("HTTP/1.1 200 OK\r\nName: value\r\n...").
  char *header_bytes;
  size_t header_length;
  size_t header_capacity;
  unsigned char *body_bytes;
  size_t body_bytes_length;
  size_t body_bytes_capacity;
  /// Set when a buffer could not grow.
  int out_of_memory;
} ccurl_exchange;

/// 1 when libcurl could be loaded and initialised (once per process), else 0.
int ccurl_available(void);

/// Sends the request and waits for its answer, on the calling thread. Never reuses a connection
/// and never leaves one open for reuse, so libcurl never resends the request.
void ccurl_perform(ccurl_exchange *exchange);

/// Frees the outputs.
void ccurl_release(ccurl_exchange *exchange);

/// Sets `cancelled` atomically.
void ccurl_cancel(ccurl_exchange *exchange);

#ifdef __cplusplus
}
#endif

#endif
