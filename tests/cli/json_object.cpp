// json_object.cpp - recursive-descent parsing of one flat JSON object.
#include "json_object.hpp"

#include <cctype>

namespace scopegate::test {
namespace {

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  std::optional<JsonObject> object();

 private:
  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  bool eat(char c) {
    skip_space();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }
  std::optional<std::string> string();
  bool escape(std::string& out);
  bool hex4(uint32_t& value);
  bool utf8_run(std::string& out);
  std::optional<JsonValue> value();
  std::optional<JsonValue> number();

  std::string_view s_;
  std::size_t i_ = 0;
};

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool Parser::hex4(uint32_t& value) {
  if (i_ + 4 > s_.size()) return false;
  value = 0;
  for (int k = 0; k < 4; ++k) {
    const char c = s_[i_++];
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
    value = value * 16 + static_cast<uint32_t>(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10));
  }
  return true;
}

bool Parser::escape(std::string& out) {
  if (i_ >= s_.size()) return false;
  const char c = s_[i_++];
  switch (c) {
    case '"': case '\\': case '/': out.push_back(c); return true;
    case 'b': out.push_back('\b'); return true;
    case 'f': out.push_back('\f'); return true;
    case 'n': out.push_back('\n'); return true;
    case 'r': out.push_back('\r'); return true;
    case 't': out.push_back('\t'); return true;
    case 'u': break;
    default: return false;
  }
  uint32_t cp = 0;
  if (!hex4(cp)) return false;
  if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    uint32_t low = 0;
    if (!literal("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
  }
  append_utf8(out, cp);
  return true;
}

// One multi-byte UTF-8 sequence, copied after validation.
bool Parser::utf8_run(std::string& out) {
  const auto lead = static_cast<unsigned char>(s_[i_]);
  std::size_t len = 0;
  uint32_t cp = 0, min = 0;
  if (lead >= 0xC2 && lead <= 0xDF) { len = 2; cp = lead & 0x1Fu; min = 0x80; }
  else if ((lead & 0xF0) == 0xE0) { len = 3; cp = lead & 0x0Fu; min = 0x800; }
  else if (lead >= 0xF0 && lead <= 0xF4) { len = 4; cp = lead & 0x07u; min = 0x10000; }
  else return false;
  if (i_ + len > s_.size()) return false;
  for (std::size_t k = 1; k < len; ++k) {
    const auto next = static_cast<unsigned char>(s_[i_ + k]);
    if ((next & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (next & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  out.append(s_.substr(i_, len));
  i_ += len;
  return true;
}

std::optional<std::string> Parser::string() {
  if (!eat('"')) return std::nullopt;
  std::string out;
  while (i_ < s_.size()) {
    const auto c = static_cast<unsigned char>(s_[i_]);
    if (c == '"') {
      ++i_;
      return out;
    }
    if (c < 0x20) return std::nullopt;
    if (c == '\\') {
      ++i_;
      if (!escape(out)) return std::nullopt;
    } else if (c >= 0x80) {
      if (!utf8_run(out)) return std::nullopt;
    } else {
      out.push_back(static_cast<char>(c));
      ++i_;
    }
  }
  return std::nullopt;
}

std::optional<JsonValue> Parser::number() {
  const std::size_t start = i_;
  const auto digits = [&] {
    const std::size_t from = i_;
    while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
    return i_ > from;
  };
  if (i_ < s_.size() && s_[i_] == '-') ++i_;
  if (i_ < s_.size() && s_[i_] == '0') ++i_;
  else if (!digits()) return std::nullopt;
  bool integer = s_[start] != '-';
  if (i_ < s_.size() && s_[i_] == '.') {
    ++i_;
    integer = false;
    if (!digits()) return std::nullopt;
  }
  if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
    ++i_;
    integer = false;
    if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
    if (!digits()) return std::nullopt;
  }
  JsonValue v;
  v.kind = JsonValue::Kind::number;
  v.text = std::string(s_.substr(start, i_ - start));
  v.is_integer = integer;
  if (integer) v.integer = std::stoull(v.text);
  return v;
}

std::optional<JsonValue> Parser::value() {
  skip_space();
  if (i_ >= s_.size()) return std::nullopt;
  JsonValue v;
  if (s_[i_] == '"') {
    auto text = string();
    if (!text) return std::nullopt;
    v.kind = JsonValue::Kind::string;
    v.text = std::move(*text);
    return v;
  }
  if (literal("true") || literal("false")) {
    v.kind = JsonValue::Kind::boolean;
    v.boolean = s_[i_ - 1] == 'e' && s_[i_ - 2] == 'u';
    return v;
  }
  if (literal("null")) return v;
  return number();
}

std::optional<JsonObject> Parser::object() {
  if (!eat('{')) return std::nullopt;
  JsonObject result;
  if (!eat('}')) {
    do {
      auto key = string();
      if (!key || !eat(':')) return std::nullopt;
      auto v = value();
      if (!v || !result.emplace(std::move(*key), std::move(*v)).second) return std::nullopt;
    } while (eat(','));
    if (!eat('}')) return std::nullopt;
  }
  skip_space();
  if (i_ != s_.size()) return std::nullopt;
  return result;
}

}  // namespace

std::optional<JsonObject> parse_json_object(std::string_view text) {
  return Parser(text).object();
}

}  // namespace scopegate::test
