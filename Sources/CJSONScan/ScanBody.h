// The block scan and its loop, included by CJSONScan.c once for each instruction set: `NAME(x)` names a
// function of that copy, and `NAME(basic_masks)` and `NAME(escape_masks)` fill the masks its way.

/// Scans one block of 64 bytes at `p` (`valid` marks the bytes that belong to the input); returns 1 when
/// the string ended or turned out irregular (`result` says which), else 0.
static inline int NAME(scan_block)(const uint8_t *p, uint64_t valid, size_t offset, uint64_t *ends_odd, uint64_t *needs_hex,
                             caw_string_scan *result) {
  masks m;
  NAME(basic_masks)(p, &m);
  uint64_t escaped = 0;
  if (m.backslash | *ends_odd) escaped = escaped_characters(m.backslash, ends_odd);
  uint64_t quotes = m.quote & ~escaped & valid;
  uint64_t lowest = quotes & (0 - quotes);
  uint64_t before = quotes ? lowest - 1 : valid;     // the content bytes of this block
  uint64_t through = quotes ? before | lowest : valid;
  uint64_t hex_needed = *needs_hex;
  if ((escaped | hex_needed) & through) {
    NAME(escape_masks)(p, &m);
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

caw_string_scan NAME(caw_json_string_scan)(const uint8_t *bytes, size_t count, size_t start) {
  caw_string_scan result = {CAW_STRING_GOES_ON, start, 0, 0};
  uint64_t ends_odd = 0;   // the next block's first byte is escaped
  uint64_t needs_hex = 0;  // bytes of the next block that must be hex digits (the rest of a \u escape)
  size_t i = start;
  for (; i + 64 <= count; i += 64) {
    if (NAME(scan_block)(bytes + i, ~0ULL, i, &ends_odd, &needs_hex, &result)) {
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
    if (NAME(scan_block)(tail, (1ULL << (count - i)) - 1, i, &ends_odd, &needs_hex, &last) &&
        last.status == CAW_STRING_ENDED)
      return last;
  }
  return result;
}
