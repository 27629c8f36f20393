#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

// The parts of libcurl's ABI used here (curl.h, stable since 7.32); no header is needed to build.
typedef void CURL;
struct curl_slist;
typedef int64_t curl_off_t;
typedef size_t (*write_callback)(char *, size_t, size_t, void *);
typedef int (*xferinfo_callback)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t);

enum {
  OPT_WRITEDATA = 10001,
  OPT_URL = 10002,
  OPT_WRITEFUNCTION = 20011,
  OPT_POSTFIELDS = 10015,
  OPT_HTTPHEADER = 10023,
  OPT_HEADERDATA = 10029,
  OPT_CUSTOMREQUEST = 10036,
  OPT_NOPROGRESS = 43,
  OPT_FOLLOWLOCATION = 52,
  OPT_XFERINFODATA = 10057,
  OPT_FRESH_CONNECT = 74,
  OPT_FORBID_REUSE = 75,
  OPT_HEADERFUNCTION = 20079,
  OPT_NOSIGNAL = 99,
  OPT_ACCEPT_ENCODING = 10102,
  OPT_POSTFIELDSIZE_LARGE = 30120,
  OPT_TIMEOUT_MS = 155,
  OPT_CONNECTTIMEOUT_MS = 156,
  OPT_PROTOCOLS = 181,
  OPT_XFERINFOFUNCTION = 20219,
  OPT_CAINFO = 10065,
  INFO_CAINFO = 0x100000 + 61,
  INFO_RESPONSE_CODE = 0x200000 + 2,
  INFO_OS_ERRNO = 0x200000 + 25,
  PROTO_HTTP_HTTPS = 1 | 2,
  GLOBAL_ALL = 3,
  E_FAILED_INIT = 2,
  E_OUT_OF_MEMORY = 27,
};

static struct {
  int (*global_init)(long);
  CURL *(*easy_init)(void);
  int (*easy_setopt)(CURL *, int, ...);
  int (*easy_perform)(CURL *);
  int (*easy_getinfo)(CURL *, int, ...);
  void (*easy_cleanup)(CURL *);
  struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
  void (*slist_free_all)(struct curl_slist *);
  int loaded;
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

// As URLSession does (swift-corelibs-foundation's EasyHandle.setCARootBundlePath): when libcurl
// was built without a default CA bundle, the first of these that is a file. Chosen once, in load().
static const char *ca_bundle = NULL;

static void choose_ca_bundle(void) {
  CURL *h = curl.easy_init();
  if (!h) return;
  char *current = NULL;
  int has_default = curl.easy_getinfo(h, INFO_CAINFO, &current) == 0 && current != NULL;
  curl.easy_cleanup(h);
  if (has_default) return;
  static const char *const paths[] = {
      "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt",
      "/usr/share/ssl/certs/ca-bundle.crt", "/usr/local/share/certs/ca-root-nss.crt",
      "/etc/ssl/cert.pem"};
  for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
    struct stat info;
    if (stat(paths[i], &info) == 0 && S_ISREG(info.st_mode)) {
      ca_bundle = paths[i];
      return;
    }
  }
}

static void load(void) {
  // URLSession has libcurl loaded already; this finds the same library.
  void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (!lib) lib = dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
  if (!lib) return;
  curl.global_init = (int (*)(long))dlsym(lib, "curl_global_init");
  curl.easy_init = (CURL * (*)(void)) dlsym(lib, "curl_easy_init");
  curl.easy_setopt = (int (*)(CURL *, int, ...))dlsym(lib, "curl_easy_setopt");
  curl.easy_perform = (int (*)(CURL *))dlsym(lib, "curl_easy_perform");
  curl.easy_getinfo = (int (*)(CURL *, int, ...))dlsym(lib, "curl_easy_getinfo");
  curl.easy_cleanup = (void (*)(CURL *))dlsym(lib, "curl_easy_cleanup");
  curl.slist_append =
      (struct curl_slist * (*)(struct curl_slist *, const char *)) dlsym(lib, "curl_slist_append");
  curl.slist_free_all = (void (*)(struct curl_slist *))dlsym(lib, "curl_slist_free_all");
  if (!curl.global_init || !curl.easy_init || !curl.easy_setopt || !curl.easy_perform ||
      !curl.easy_getinfo || !curl.easy_cleanup || !curl.slist_append || !curl.slist_free_all)
    return;
  // Reference-counted; thread-safe in libcurl >= 7.84.
  if (curl.global_init(GLOBAL_ALL) != 0) return;
  choose_ca_bundle();
  curl.loaded = 1;
}

int ccurl_available(void) {
  pthread_once(&load_once, load);
  return curl.loaded;
}

static int grow(void **buffer, size_t *capacity, size_t needed) {
  if (needed <= *capacity) return 1;
  size_t next = *capacity ? *capacity : 1024;
  while (next < needed) {
    if (next > SIZE_MAX / 2) return 0;
    next *= 2;
  }
  void *grown = realloc(*buffer, next);
  if (!grown) return 0;
  *buffer = grown;
  *capacity = next;
  return 1;
}

static size_t on_body(char *data, size_t size, size_t count, void *context) {
  ccurl_exchange *x = context;
  size_t n = size * count;
  if (!grow((void **)&x->body_bytes, &x->body_bytes_capacity, x->body_bytes_length + n)) {
    x->out_of_memory = 1;
    return 0;  // aborts the transfer
  }
  memcpy(x->body_bytes + x->body_bytes_length, data, n);
  x->body_bytes_length += n;
  return n;
}

static size_t on_header(char *data, size_t size, size_t count, void *context) {
  ccurl_exchange *x = context;
  size_t n = size * count;
  // A status line starts the headers of a new answer (after a 100 Continue, say): keep the last.
  if (n >= 5 && memcmp(data, "HTTP/", 5) == 0) x->header_length = 0;
  if (!grow((void **)&x->header_bytes, &x->header_capacity, x->header_length + n + 1)) {
    x->out_of_memory = 1;
    return 0;
  }
  memcpy(x->header_bytes + x->header_length, data, n);
  x->header_length += n;
  x->header_bytes[x->header_length] = 0;
  return n;
}

static int on_progress(void *context, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d) {
  (void)a, (void)b, (void)c, (void)d;
  ccurl_exchange *x = context;
  return __atomic_load_n(&x->cancelled, __ATOMIC_ACQUIRE) ? 1 : 0;
}

void ccurl_cancel(ccurl_exchange *exchange) {
  __atomic_store_n(&exchange->cancelled, 1, __ATOMIC_RELEASE);
}

void ccurl_perform(ccurl_exchange *x) {
  x->code = E_FAILED_INIT;
  x->status = 0;
  x->os_errno = 0;
  if (!ccurl_available()) return;
  CURL *h = curl.easy_init();
  if (!h) return;
  struct curl_slist *headers = NULL;
  int ok = 1;
  for (size_t i = 0; i < x->header_count && ok; i++) {
    struct curl_slist *next = curl.slist_append(headers, x->headers[i]);
    if (next) headers = next; else ok = 0;
  }
  // No "Expect: 100-continue" wait: the body goes with the request.
  if (ok) {
    struct curl_slist *next = curl.slist_append(headers, "Expect:");
    if (next) headers = next; else ok = 0;
  }
  if (!ok) {
    x->code = E_OUT_OF_MEMORY;
    if (headers) curl.slist_free_all(headers);
    curl.easy_cleanup(h);
    return;
  }
  curl.easy_setopt(h, OPT_URL, x->url);
  curl.easy_setopt(h, OPT_PROTOCOLS, (long)PROTO_HTTP_HTTPS);
  if (ca_bundle) curl.easy_setopt(h, OPT_CAINFO, ca_bundle);
  curl.easy_setopt(h, OPT_NOSIGNAL, 1L);
  curl.easy_setopt(h, OPT_FOLLOWLOCATION, 0L);
  curl.easy_setopt(h, OPT_FRESH_CONNECT, 1L);
  curl.easy_setopt(h, OPT_FORBID_REUSE, 1L);
  curl.easy_setopt(h, OPT_TIMEOUT_MS, x->timeout_ms);
  curl.easy_setopt(h, OPT_CONNECTTIMEOUT_MS, x->timeout_ms);
  curl.easy_setopt(h, OPT_ACCEPT_ENCODING, "");
  curl.easy_setopt(h, OPT_HTTPHEADER, headers);
  if (x->has_body) {
    curl.easy_setopt(h, OPT_POSTFIELDSIZE_LARGE, (curl_off_t)x->body_length);
    curl.easy_setopt(h, OPT_POSTFIELDS, x->body ? x->body : (const void *)"");
  }
  curl.easy_setopt(h, OPT_CUSTOMREQUEST, x->method);
  curl.easy_setopt(h, OPT_WRITEFUNCTION, (write_callback)on_body);
  curl.easy_setopt(h, OPT_WRITEDATA, (void *)x);
  curl.easy_setopt(h, OPT_HEADERFUNCTION, (write_callback)on_header);
  curl.easy_setopt(h, OPT_HEADERDATA, (void *)x);
  curl.easy_setopt(h, OPT_XFERINFOFUNCTION, (xferinfo_callback)on_progress);
  curl.easy_setopt(h, OPT_XFERINFODATA, (void *)x);
  curl.easy_setopt(h, OPT_NOPROGRESS, 0L);
  x->code = curl.easy_perform(h);
  long status = 0;
  if (curl.easy_getinfo(h, INFO_RESPONSE_CODE, &status) == 0) x->status = status;
  long os_errno = 0;
  if (curl.easy_getinfo(h, INFO_OS_ERRNO, &os_errno) == 0) x->os_errno = os_errno;
  curl.easy_cleanup(h);
  curl.slist_free_all(headers);
}

void ccurl_release(ccurl_exchange *x) {
  free(x->header_bytes);
  free(x->body_bytes);
  x->header_bytes = NULL;
  x->body_bytes = NULL;
  x->header_length = x->header_capacity = 0;
  x->body_bytes_length = x->body_bytes_capacity = 0;
}
