// The string scan of caw-tui's JSON readers, in C for its vector instructions: Swift's SIMD types have no
// way to turn a lane comparison into a bit mask, which is what makes this scan fast on escape-dense text
// (caw writes every non-ASCII character as a \uXXXX escape).
//
// Each 64-byte block becomes bit masks (quotes, backslashes, high bytes, and for blocks with escapes the
// escape letters and hex digits); escaped characters are found from runs of backslashes with carries, as
// in simdjson's design, and escapes are checked with masks, not byte by byte.
//
// The scan is built three times from ScanBody.h: with SSE2 (every x86-64; a plain C loop elsewhere), with
// AVX2 (each mask from two 32-byte comparisons instead of four 16-byte ones) and with AVX-512BW (each mask
// from one comparison, straight into a 64-bit mask register). The widest the processor has is chosen once,
// at load: on escape-dense text AVX2 scans ~1.3x and AVX-512 ~2x as fast as SSE2.

#include "CJSONScan.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__clang__)
#include <immintrin.h>
#define CAW_SCAN_AVX2 1
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

static inline void basic_masks_base(const uint8_t *p, masks *m) {
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

static inline void escape_masks_base(const uint8_t *p, masks *m) {
  __m128i v0 = _mm_loadu_si128((const __m128i *)p), v1 = _mm_loadu_si128((const __m128i *)(p + 16));
  __m128i v2 = _mm_loadu_si128((const __m128i *)(p + 32)), v3 = _mm_loadu_si128((const __m128i *)(p + 48));
  m->escape_letter = bits(letters(v0), letters(v1), letters(v2), letters(v3));
  m->u = bits(equal(v0, 'u'), equal(v1, 'u'), equal(v2, 'u'), equal(v3, 'u'));
  m->hex = bits(hex(v0), hex(v1), hex(v2), hex(v3));
}
#else
static inline void basic_masks_base(const uint8_t *p, masks *m) {
  m->quote = m->backslash = m->high = 0;
  for (int i = 0; i < 64; i++) {
    m->quote |= (uint64_t)(p[i] == '"') << i;
    m->backslash |= (uint64_t)(p[i] == '\\') << i;
    m->high |= (uint64_t)(p[i] >= 0x80) << i;
  }
}

static inline void escape_masks_base(const uint8_t *p, masks *m) {
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

#define NAME(x) x##_base
#include "ScanBody.h"
#undef NAME

#if CAW_SCAN_AVX2
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
static inline uint64_t bits_avx2(__m256i low, __m256i high) {
  return (uint64_t)(uint32_t)_mm256_movemask_epi8(low) | (uint64_t)(uint32_t)_mm256_movemask_epi8(high) << 32;
}

static inline __m256i equal_avx2(__m256i v, char c) { return _mm256_cmpeq_epi8(v, _mm256_set1_epi8(c)); }

static inline __m256i within_avx2(__m256i v, char low, char high) {
  return _mm256_and_si256(_mm256_cmpgt_epi8(v, _mm256_set1_epi8((char)(low - 1))),
                          _mm256_cmpgt_epi8(_mm256_set1_epi8((char)(high + 1)), v));
}

static inline void basic_masks_avx2(const uint8_t *p, masks *m) {
  __m256i v0 = _mm256_loadu_si256((const __m256i *)p), v1 = _mm256_loadu_si256((const __m256i *)(p + 32));
  m->quote = bits_avx2(equal_avx2(v0, '"'), equal_avx2(v1, '"'));
  m->backslash = bits_avx2(equal_avx2(v0, '\\'), equal_avx2(v1, '\\'));
  m->high = bits_avx2(v0, v1);
}

static inline __m256i letters_avx2(__m256i v) {
  __m256i a = _mm256_or_si256(equal_avx2(v, '"'), equal_avx2(v, '/'));
  __m256i b = _mm256_or_si256(equal_avx2(v, 'b'), equal_avx2(v, 'f'));
  __m256i c = _mm256_or_si256(equal_avx2(v, 'n'), equal_avx2(v, 'r'));
  return _mm256_or_si256(_mm256_or_si256(a, b), _mm256_or_si256(c, equal_avx2(v, 't')));
}

static inline __m256i hex_avx2(__m256i v) {
  return _mm256_or_si256(within_avx2(v, '0', '9'), within_avx2(_mm256_or_si256(v, _mm256_set1_epi8(0x20)), 'a', 'f'));
}

static inline void escape_masks_avx2(const uint8_t *p, masks *m) {
  __m256i v0 = _mm256_loadu_si256((const __m256i *)p), v1 = _mm256_loadu_si256((const __m256i *)(p + 32));
  m->escape_letter = bits_avx2(letters_avx2(v0), letters_avx2(v1));
  m->u = bits_avx2(equal_avx2(v0, 'u'), equal_avx2(v1, 'u'));
  m->hex = bits_avx2(hex_avx2(v0), hex_avx2(v1));
}

#define NAME(x) x##_avx2
#include "ScanBody.h"
#undef NAME
#pragma clang attribute pop

#pragma clang attribute push(__attribute__((target("avx512bw"))), apply_to = function)
static inline void basic_masks_avx512(const uint8_t *p, masks *m) {
  __m512i v = _mm512_loadu_si512((const void *)p);
  m->quote = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('"'));
  m->backslash = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\\'));
  m->high = _mm512_movepi8_mask(v);
}

static inline __mmask64 within_avx512(__m512i v, char low, char high) {
  return _mm512_cmple_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8(low)), _mm512_set1_epi8((char)(high - low)));
}

static inline void escape_masks_avx512(const uint8_t *p, masks *m) {
  __m512i v = _mm512_loadu_si512((const void *)p);
  m->escape_letter = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('"')) | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('/')) |
                     _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('b')) | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('f')) |
                     _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('n')) | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('r')) |
                     _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('t'));
  m->u = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('u'));
  m->hex = within_avx512(v, '0', '9') | within_avx512(_mm512_or_si512(v, _mm512_set1_epi8(0x20)), 'a', 'f');
}

#define NAME(x) x##_avx512
#include "ScanBody.h"
#undef NAME
#pragma clang attribute pop
#endif

int caw_json_string_scan_has_avx2(void) {
#if CAW_SCAN_AVX2
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") ? 1 : 0;
#else
  return 0;
#endif
}

int caw_json_string_scan_has_avx512(void) {
#if CAW_SCAN_AVX2
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512bw") ? 1 : 0;
#else
  return 0;
#endif
}

/// 2: AVX-512, 1: AVX2, 0: SSE2 or plain C.
static int level = 0;

__attribute__((constructor)) static void choose_scan(void) {
  level = caw_json_string_scan_has_avx512() ? 2 : caw_json_string_scan_has_avx2() ? 1 : 0;
}

caw_string_scan caw_json_string_scan(const uint8_t *bytes, size_t count, size_t start) {
#if CAW_SCAN_AVX2
  if (level == 2) return caw_json_string_scan_avx512(bytes, count, start);
  if (level == 1) return caw_json_string_scan_avx2(bytes, count, start);
#endif
  return caw_json_string_scan_base(bytes, count, start);
}
