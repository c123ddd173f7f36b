import CJSONScan
import TestSupport
import Testing

@testable import CawCore

/// The vector string scan (``ByteScan/stringEnd(in:from:)``) agrees with a byte-by-byte reading of JSON
/// string content on random escape-dense text.
@Suite struct StringScanTests {
  /// How a byte-by-byte read of string content from `start` ends.
  private enum Reference: Equatable {
    case ended(Int, escaped: Bool, nonASCII: Bool)
    case unfinished
    case invalid
  }

  private static func reference(_ bytes: [UInt8], from start: Int) -> Reference {
    var i = start
    var escaped = false
    var nonASCII = false
    while i < bytes.count {
      let byte = bytes[i]
      if byte == UInt8(ascii: "\"") { return .ended(i, escaped: escaped, nonASCII: nonASCII) }
      if byte >= 0x80 { nonASCII = true }
      guard byte == UInt8(ascii: "\\") else {
        i += 1
        continue
      }
      escaped = true
      guard i + 1 < bytes.count else { return .unfinished }
      switch bytes[i + 1] {
      case UInt8(ascii: "u"):
        for k in 2..<6 {
          guard i + k < bytes.count else { return .unfinished }
          guard bytes[i + k].isHexDigit else { return .invalid }
        }
        i += 6
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
        UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
        i += 2
      default: return .invalid
      }
    }
    return .unfinished
  }

  /// One way to scan: the readers' (the short-string check, then the widest vector scan the processor
  /// has), or one instruction set's copy of the vector scan called directly.
  enum Scan: String, CaseIterable, CustomTestStringConvertible {
    case readers, sse2, avx2, avx512

    var testDescription: String { rawValue }

    /// Whether this processor runs it.
    var runsHere: Bool {
      switch self {
      case .readers, .sse2: true
      case .avx2: caw_json_string_scan_has_avx2() != 0
      case .avx512: caw_json_string_scan_has_avx512() != 0
      }
    }

    func callAsFunction(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> caw_string_scan {
      switch self {
      case .readers: return ByteScan.stringEnd(in: bytes, from: start)
      case .sse2: return caw_json_string_scan_base(bytes.baseAddress, bytes.count, start)
      #if arch(x86_64)
        case .avx2: return caw_json_string_scan_avx2(bytes.baseAddress, bytes.count, start)
        case .avx512: return caw_json_string_scan_avx512(bytes.baseAddress, bytes.count, start)
      #else
        case .avx2, .avx512: preconditionFailure("\(self) runs only on x86-64")
      #endif
      }
    }
  }

  #if arch(x86_64)
    @Test("an x86-64 machine runs the AVX2 scan, so it is tested beside SSE2")
    func instructionSets() {
      // Every x86-64 machine this project's CI runs on has AVX2 (Haswell, 2013, and later); AVX-512 is optional.
      #expect(Scan.avx2.runsHere, "no AVX2: only the SSE2 scan would be tested here")
    }
  #endif

  @Test(
    "random escape-dense strings, long and short, end where a byte-by-byte read ends them",
    arguments: [1, 2], Scan.allCases.filter(\.runsHere))
  func agreesWithByteByByte(seed: UInt64, scan scanner: Scan) {
    var random = SplitMix64(seed: seed)
    let pieces: [[UInt8]] = [
      Array("a".utf8), Array("\\u2192".utf8), Array("\\\\".utf8), Array("\\\"".utf8), Array("\\n".utf8),
      Array("й".utf8), Array("b c".utf8), Array("\\u12".utf8), Array("\\x".utf8), Array("\\".utf8), Array("\"".utf8),
      Array("0F".utf8),
    ]
    // Weights: mostly text and valid escapes, rarely a quote or a broken escape, so strings run long.
    let weights = [40, 25, 6, 4, 6, 4, 8, 1, 1, 2, 1, 2]
    var counts = [0, 0, 0]
    for _ in 0..<20_000 {
      var bytes: [UInt8] = []
      let length = random.int(0...400)
      while bytes.count < length {
        var pick = random.int(0...weights.reduce(0, +) - 1)
        var index = 0
        while pick >= weights[index] {
          pick -= weights[index]
          index += 1
        }
        bytes += pieces[index]
      }
      let start = min(random.int(0...2), bytes.count)
      let expected = Self.reference(bytes, from: start)
      let scan = bytes.withUnsafeBufferPointer { scanner($0, from: start) }
      switch scan.status {
      case CAW_STRING_ENDED:
        counts[0] += 1
        #expect(expected == .ended(scan.index, escaped: scan.escaped != 0, nonASCII: scan.non_ascii != 0), "\(bytes)")
      case CAW_STRING_IRREGULAR:
        counts[1] += 1
        #expect(expected == .invalid && scan.index == start, "\(bytes)")
      default:
        counts[2] += 1
        // It stopped outside an escape: reading on from there ends as reading from the start does.
        #expect(scan.index >= start && scan.index <= bytes.count, "\(bytes)")
        let onward = Self.reference(bytes, from: scan.index)
        switch (expected, onward) {
        case (.ended(let at, let escaped, let nonASCII), .ended(let onwardAt, let onwardEscaped, let onwardNonASCII)):
          #expect(at == onwardAt && at >= scan.index, "\(bytes)")
          #expect(escaped == (onwardEscaped || scan.escaped != 0), "\(bytes)")
          #expect(nonASCII == (onwardNonASCII || scan.non_ascii != 0), "\(bytes)")
        default: #expect(expected == onward, "\(bytes)")
        }
      }
    }
    #expect(counts.allSatisfy { $0 > 500 }, "ended, irregular, unfinished: \(counts)")
  }
}

extension UInt8 {
  fileprivate var isHexDigit: Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self | 0x20)
  }
}
