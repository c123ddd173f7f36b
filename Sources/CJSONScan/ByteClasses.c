// Whole-buffer byte-class checks for text written out: 16 bytes at a time with SSE2 (a plain loop
// elsewhere). Swift's SIMD types compiled to a byte loop slower than the scalar one here (0.4 GB/s).
#include "CJSONScan.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>

/// The bytes of the block at `p` that are not printable ASCII, a tab or (when allowed) a newline.
static inline int unprintable(__m128i v, __m128i newline) {
  // Signed compare: bytes from 0x80 up are negative, so they count as below 0x20 too.
  __m128i low = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
  __m128i allowed = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x09)), _mm_cmpeq_epi8(v, newline));
  return _mm_movemask_epi8(_mm_or_si128(_mm_andnot_si128(allowed, low), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))));
}

/// The bytes of the block that JSON escapes: not printable ASCII, or `"` or `\`.
static inline int escaped(__m128i v) {
  __m128i outside = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
  __m128i quoting = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
  return _mm_movemask_epi8(_mm_or_si128(outside, quoting));
}

/// The `count` (< 16) bytes at `p` in a block, padded with spaces (which neither check flags).
static inline __m128i short_block(const uint8_t *p, size_t count) {
  uint8_t block[16];
  memset(block, ' ', sizeof block);
  memcpy(block, p, count);
  return _mm_loadu_si128((const __m128i *)block);
}
#endif

int caw_is_printable_ascii(const uint8_t *bytes, size_t count, int keep_newlines) {
#if defined(__SSE2__)
  const __m128i newline = _mm_set1_epi8(keep_newlines ? 0x0A : 0x09);
  if (count < 16) return unprintable(short_block(bytes, count), newline) == 0;
  for (size_t i = 0; i + 16 <= count; i += 16) {
    if (unprintable(_mm_loadu_si128((const __m128i *)(bytes + i)), newline) != 0) return 0;
  }
  // The last block overlaps the one before it.
  return unprintable(_mm_loadu_si128((const __m128i *)(bytes + count - 16)), newline) == 0;
#else
  for (size_t i = 0; i < count; i++) {
    uint8_t b = bytes[i];
    if (!((uint8_t)(b - 0x20) < 0x5F || b == 0x09 || (keep_newlines && b == 0x0A))) return 0;
  }
  return 1;
#endif
}

int caw_is_json_plain(const uint8_t *bytes, size_t count) {
#if defined(__SSE2__)
  if (count < 16) return escaped(short_block(bytes, count)) == 0;
  for (size_t i = 0; i + 16 <= count; i += 16) {
    if (escaped(_mm_loadu_si128((const __m128i *)(bytes + i))) != 0) return 0;
  }
  return escaped(_mm_loadu_si128((const __m128i *)(bytes + count - 16))) == 0;
#else
  for (size_t i = 0; i < count; i++) {
    uint8_t b = bytes[i];
    if ((uint8_t)(b - 0x20) >= 0x5F || b == '"' || b == '\\') return 0;
  }
  return 1;
#endif
}
