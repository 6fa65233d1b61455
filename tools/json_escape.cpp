// json_escape.cpp - RFC 8259 string escaping with UTF-8 validation.
#include "json_escape.hpp"

#include <cstddef>
#include <cstdint>

namespace scopegate::cli {
namespace {

struct Lead {
  std::size_t len;  // 0: not a lead byte of a valid sequence
  uint32_t bits;    // the code point bits the lead byte carries
  uint32_t min;     // the smallest code point a sequence this long may encode
};

Lead classify_lead(uint8_t lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return {2, lead & 0x1Fu, 0x80};
  if ((lead & 0xF0u) == 0xE0) return {3, lead & 0x0Fu, 0x800};
  if (lead >= 0xF0 && lead <= 0xF4) return {4, lead & 0x07u, 0x10000};
  return {0, 0, 0};
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when invalid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const Lead lead = classify_lead(static_cast<uint8_t>(s[i]));
  if (lead.len == 0 || i + lead.len > s.size()) return 0;
  uint32_t cp = lead.bits;
  for (std::size_t k = 1; k < lead.len; ++k) {
    const auto next = static_cast<uint8_t>(s[i + k]);
    if ((next & 0xC0u) != 0x80) return 0;
    cp = (cp << 6) | (next & 0x3Fu);
  }
  if (cp < lead.min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return lead.len;
}

void append_control(std::string &out, uint8_t c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '\n': out.append("\\n"); return;
    case '\r': out.append("\\r"); return;
    case '\t': out.append("\\t"); return;
    case '\b': out.append("\\b"); return;
    case '\f': out.append("\\f"); return;
    default:
      out.append("\\u00");
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0x0F]);
  }
}

}  // namespace

void append_json_string(std::string &out, std::string_view s) {
  out.push_back('"');
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<uint8_t>(s[i]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20 || c == 0x7F) {
      append_control(out, c);
    } else if (c >= 0x80) {
      const std::size_t len = utf8_sequence_length(s, i);
      if (len == 0) {
        out.append("\\ufffd");
      } else {
        out.append(s.substr(i, len));
        i += len;
        continue;
      }
    } else {
      out.push_back(static_cast<char>(c));
    }
    ++i;
  }
  out.push_back('"');
}

}  // namespace scopegate::cli
