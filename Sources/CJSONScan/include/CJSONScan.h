#ifndef CJSONSCAN_H
#define CJSONSCAN_H

#include <stddef.h>
#include <stdint.h>

/// What `caw_json_string_scan` found.
typedef enum {
  /// The string's closing quote is at `index`.
  CAW_STRING_ENDED = 0,
  /// No closing quote before the end: bytes before `index` are checked string content and `index` is not
  /// inside an escape, so a scan may go on from there.
  CAW_STRING_GOES_ON = 1,
  /// Something before the closing quote is not a valid escape: only a byte-by-byte read from the
  /// string's start reports it exactly.
  CAW_STRING_IRREGULAR = 2,
} caw_string_status;

/// The result of `caw_json_string_scan`.
typedef struct {
  caw_string_status status;
  size_t index;
  /// Whether the bytes scanned held a backslash.
  int escaped;
  /// Whether the bytes scanned held a byte of 0x80 or more (raw UTF-8, to be validated by the caller).
  int non_ascii;
} caw_string_scan;

/// Scans JSON string content 64 bytes at a time from `start` (just past the opening quote, or any point
/// of the content not inside an escape) up to `count`: finds the closing quote, stepping over escapes
/// and checking each is valid (one of `\" \\ \/ \b \f \n \r \t`, or `\u` and four hex digits).
caw_string_scan caw_json_string_scan(const uint8_t *bytes, size_t count, size_t start);

/// `caw_json_string_scan` with SSE2 masks (a plain C loop where there is no SSE2), whatever the processor.
caw_string_scan caw_json_string_scan_base(const uint8_t *bytes, size_t count, size_t start);

#if defined(__x86_64__) && defined(__clang__)
/// `caw_json_string_scan` with AVX2 masks; only when `caw_json_string_scan_has_avx2()`.
caw_string_scan caw_json_string_scan_avx2(const uint8_t *bytes, size_t count, size_t start);

/// `caw_json_string_scan` with AVX-512BW masks; only when `caw_json_string_scan_has_avx512()`.
caw_string_scan caw_json_string_scan_avx512(const uint8_t *bytes, size_t count, size_t start);
#endif

/// Whether this processor runs the AVX2 scan.
int caw_json_string_scan_has_avx2(void);

/// Whether this processor runs the AVX-512BW scan (which `caw_json_string_scan` then prefers).
int caw_json_string_scan_has_avx512(void);

/// Whether every byte is printable ASCII (0x20–0x7E), a tab, or, when `keep_newlines`, a newline.
int caw_is_printable_ascii(const uint8_t *bytes, size_t count, int keep_newlines);

/// Whether every byte is one JSON writes as it is with `ensure_ascii`: printable ASCII but `"` and `\`.
int caw_is_json_plain(const uint8_t *bytes, size_t count);

#endif
