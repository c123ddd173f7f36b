// The string scan of caw-tui's JSON readers, in C for its vector instructions: Swift's SIMD types have no
// way to turn a lane comparison into a bit mask, which is what makes this scan fast on escape-dense text
// (caw writes every non-ASCII character as a \uXXXX escape).
//
// Each 64-byte block becomes bit masks (quotes, backslashes, high bytes, and for blocks with escapes the
// escape letters and hex digits); escaped characters are found from runs of backslashes with carries, as
// in simdjson's design, and escapes are checked with masks, not byte by byte.

#include "CJSONScan.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef struct {
  uint64_t quote, backslash, high, escape_letter, u, hex;
} masks;

#if defined(__SSE2__)
static inline uint64_t bits(__m128i a, __m128i b, __m128i c, __m128i d) {
  return (uint64_t)(uint16_t)_mm_movemask_epi8(a) | (uint64_t)(uint16_t)_mm_movemask_epi8(b) << 16 |
         (uint64_t)(uint16_t)_mm_movemask_epi8(c) << 32 | (uint64_t)(uint16_t)_mm_movemask_epi8(d) << 48;
}

static inline __m128i equal(__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); }

static inline __m128i within(__m128i v, char low, char high) {
  return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)(low - 1))), _mm_cmpgt_epi8(_mm_set1_epi8((char)(high + 1)), v));
}

static inline void basic_masks(const uint8_t *p, masks *m) {
  __m128i v0 = _mm_loadu_si128((const __m128i *)p), v1 = _mm_loadu_si128((const __m128i *)(p + 16));
  __m128i v2 = _mm_loadu_si128((const __m128i *)(p + 32)), v3 = _mm_loadu_si128((const __m128i *)(p + 48));
  m->quote = bits(equal(v0, '"'), equal(v1, '"'), equal(v2, '"'), equal(v3, '"'));
  m->backslash = bits(equal(v0, '\\'), equal(v1, '\\'), equal(v2, '\\'), equal(v3, '\\'));
  m->high = bits(v0, v1, v2, v3);
}

static inline __m128i letters(__m128i v) {
  __m128i a = _mm_or_si128(equal(v, '"'), equal(v, '/'));
  __m128i b = _mm_or_si128(equal(v, 'b'), equal(v, 'f'));
  __m128i c = _mm_or_si128(equal(v, 'n'), equal(v, 'r'));
  return _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, equal(v, 't')));
}

static inline __m128i hex(__m128i v) {
  return _mm_or_si128(within(v, '0', '9'), within(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'f'));
}

static inline void escape_masks(const uint8_t *p, masks *m) {
  __m128i v0 = _mm_loadu_si128((const __m128i *)p), v1 = _mm_loadu_si128((const __m128i *)(p + 16));
  __m128i v2 = _mm_loadu_si128((const __m128i *)(p + 32)), v3 = _mm_loadu_si128((const __m128i *)(p + 48));
  m->escape_letter = bits(letters(v0), letters(v1), letters(v2), letters(v3));
  m->u = bits(equal(v0, 'u'), equal(v1, 'u'), equal(v2, 'u'), equal(v3, 'u'));
  m->hex = bits(hex(v0), hex(v1), hex(v2), hex(v3));
}
#else
static inline void basic_masks(const uint8_t *p, masks *m) {
  m->quote = m->backslash = m->high = 0;
  for (int i = 0; i < 64; i++) {
    m->quote |= (uint64_t)(p[i] == '"') << i;
    m->backslash |= (uint64_t)(p[i] == '\\') << i;
    m->high |= (uint64_t)(p[i] >= 0x80) << i;
  }
}

static inline void escape_masks(const uint8_t *p, masks *m) {
  m->escape_letter = m->u = m->hex = 0;
  for (int i = 0; i < 64; i++) {
    uint8_t c = p[i], lower = c | 0x20;
    int letter = c == '"' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't';
    m->escape_letter |= (uint64_t)letter << i;
    m->u |= (uint64_t)(c == 'u') << i;
    m->hex |= (uint64_t)((c >= '0' && c <= '9') || (lower >= 'a' && lower <= 'f')) << i;
  }
}
#endif

/// The characters escaped by an odd run of backslashes (the character after the run), given whether
/// the block starts escaped; `*ends_odd` becomes whether the next block does.
static inline uint64_t escaped_characters(uint64_t backslash, uint64_t *ends_odd) {
  const uint64_t even_bits = 0x5555555555555555ULL, odd_bits = ~even_bits;
  uint64_t start_edges = backslash & ~(backslash << 1);
  uint64_t even_start_mask = even_bits ^ *ends_odd;
  uint64_t even_starts = start_edges & even_start_mask;
  uint64_t odd_starts = start_edges & ~even_start_mask;
  uint64_t even_carries = backslash + even_starts;
  uint64_t odd_carries;
  int overflow = __builtin_add_overflow(backslash, odd_starts, &odd_carries);
  odd_carries |= *ends_odd;
  *ends_odd = overflow ? 1 : 0;
  uint64_t even_carry_ends = even_carries & ~backslash, odd_carry_ends = odd_carries & ~backslash;
  return (even_carry_ends & odd_bits) | (odd_carry_ends & even_bits);
}

/// Scans one block of 64 bytes at `p` (`valid` marks the bytes that belong to the input); returns 1 when
/// the string ended or turned out irregular (`result` says which), else 0.
static inline int scan_block(const uint8_t *p, uint64_t valid, size_t offset, uint64_t *ends_odd, uint64_t *needs_hex,
                             caw_string_scan *result) {
  masks m;
  basic_masks(p, &m);
  uint64_t escaped = 0;
  if (m.backslash | *ends_odd) escaped = escaped_characters(m.backslash, ends_odd);
  uint64_t quotes = m.quote & ~escaped & valid;
  uint64_t lowest = quotes & (0 - quotes);
  uint64_t before = quotes ? lowest - 1 : valid;     // the content bytes of this block
  uint64_t through = quotes ? before | lowest : valid;
  uint64_t hex_needed = *needs_hex;
  if ((escaped | hex_needed) & through) {
    escape_masks(p, &m);
    uint64_t us = escaped & m.u & before;
    hex_needed |= us << 1 | us << 2 | us << 3 | us << 4;
    if ((escaped & before & ~(m.escape_letter | m.u)) || (hex_needed & through & ~m.hex)) {
      result->status = CAW_STRING_IRREGULAR;
      return 1;
    }
    *needs_hex = us >> 63 | us >> 62 | us >> 61 | us >> 60;
  } else {
    *needs_hex = 0;
  }
  if (m.backslash & before) result->escaped = 1;
  if (m.high & before) result->non_ascii = 1;
  if (quotes) {
    result->status = CAW_STRING_ENDED;
    result->index = offset + (size_t)__builtin_ctzll(quotes);
    return 1;
  }
  return 0;
}

caw_string_scan caw_json_string_scan(const uint8_t *bytes, size_t count, size_t start) {
  caw_string_scan result = {CAW_STRING_GOES_ON, start, 0, 0};
  uint64_t ends_odd = 0;   // the next block's first byte is escaped
  uint64_t needs_hex = 0;  // bytes of the next block that must be hex digits (the rest of a \u escape)
  size_t i = start;
  for (; i + 64 <= count; i += 64) {
    if (scan_block(bytes + i, ~0ULL, i, &ends_odd, &needs_hex, &result)) {
      if (result.status == CAW_STRING_IRREGULAR) result.index = start;
      return result;
    }
    if (!ends_odd && !needs_hex) result.index = i + 64;
  }
  if (i < count) {
    // The last bytes, copied into a padded block: they either end the string or are left to the caller.
    uint8_t tail[64] = {0};
    memcpy(tail, bytes + i, count - i);
    caw_string_scan last = result;
    if (scan_block(tail, (1ULL << (count - i)) - 1, i, &ends_odd, &needs_hex, &last) &&
        last.status == CAW_STRING_ENDED)
      return last;
  }
  return result;
}
