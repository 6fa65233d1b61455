// decision_format.cpp - text and JSON renderings of a decision.
#include "decision_format.hpp"

#include <charconv>

#include "json_escape.hpp"

namespace scopegate::cli {
namespace {

void append_field(std::string& out, std::string_view key, std::string_view value) {
  out.push_back(',');
  append_json_string(out, key);
  out.push_back(':');
  append_json_string(out, value);
}

// std::to_chars: no allocation, no locale.
void append_number(std::string& out, uint64_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, result.ptr);
}

void append_optional(std::string& out, std::string_view key, std::string_view value) {
  if (!value.empty()) append_field(out, key, value);
}

// The opening of every JSON result: {"verdict":..,"reason":..,"generation":N
void append_json_head(std::string& out, const Answer& answer) {
  out.append("{\"verdict\":");
  append_json_string(out, verdict_word(answer.verdict));
  out.append(",\"reason\":");
  append_json_string(out, answer.reason);
  out.append(",\"generation\":");
  append_number(out, answer.generation);
}

void append_request_fields(std::string& out, const Request& request) {
  append_field(out, "hook", hook_name(request.hook));
  append_field(out, "user", request.actor);
  append_optional(out, "channel", request.channel_word);
  append_optional(out, "destination", request.destination);
  append_optional(out, "feature", request.feature);
  append_optional(out, "target", request.target.text);
  append_optional(out, "queue", request.target.queue);
  append_optional(out, "scope", request.target.scope);
  append_optional(out, "site", request.target.site);
  append_optional(out, "owner", request.target.owner);
}

}  // namespace

std::string_view verdict_word(int32_t verdict) {
  if (verdict == SG_ALLOW) return "allow";
  if (verdict == SG_DENY) return "deny";
  return "error";
}

void append_text_result(std::string& out, const Answer& answer, bool one_line) {
  out.append(verdict_word(answer.verdict));
  out.push_back(' ');
  out.append(answer.reason);
  if (one_line) {
    std::string_view rest = answer.explain;
    while (!rest.empty()) {
      const size_t end = rest.find('\n');
      const std::string_view line = rest.substr(0, end);
      if (!line.empty()) out.append("; ").append(line);
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    }
    out.push_back('\n');
    return;
  }
  out.push_back('\n');
  if (answer.explain.empty()) return;
  out.append(answer.explain);
  if (answer.explain.back() != '\n') out.push_back('\n');
}

void append_json_result(std::string& out, const Request& request, const Answer& answer) {
  append_json_head(out, answer);
  append_request_fields(out, request);
  if (request.explain && answer.explain.starts_with('{') && answer.explain.ends_with('}')) {
    out.append(",\"explain\":").append(answer.explain);  // the module's object, as it is
  } else if (request.explain) {
    append_field(out, "explain", answer.explain);
  }
  out.append("}\n");
}

void append_json_rejected(std::string& out, std::string_view message, std::size_t line_number) {
  append_json_head(out, bad_request_outcome());
  append_field(out, "error", message);
  if (line_number != 0) {
    out.append(",\"line\":");
    append_number(out, line_number);
  }
  out.append("}\n");
}

}  // namespace scopegate::cli
